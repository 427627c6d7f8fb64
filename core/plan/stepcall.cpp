#include "core/plan/stepcall.h"

#include <QStringBuilder>

namespace ChuteDeck::Core {

QString serviceOfName(ServiceOf which)
{
    switch (which) {
    case ServiceOf::None:
        return {};
    case ServiceOf::New:
        return QStringLiteral("new");
    case ServiceOf::Old:
        return QStringLiteral("old");
    }
    return {};
}

Result<StepCall> stepCallFromJson(const QJsonObject &json)
{
    const QJsonValue name = json.value(QStringLiteral("name"));
    if (!name.isString())
        return Error{ErrorCode::InvalidRequest, QStringLiteral("name: must be a string")};
    QStringList values;
    for (const auto &value : json.value(QStringLiteral("args")).toArray())
        values.append(value.toString());
    const QString serviceOf = json.value(QStringLiteral("serviceOf")).toString();
    if (serviceOf.isEmpty())
        return StepCall{name.toString(), StepArgs(values)};
    for (ServiceOf which : {ServiceOf::New, ServiceOf::Old}) {
        if (serviceOfName(which) == serviceOf)
            return StepCall{name.toString(), StepArgs::service(values.value(0), which)};
    }
    return Error{ErrorCode::InvalidRequest,
                 QStringLiteral("serviceOf: unknown value '%1'").arg(serviceOf.left(40))};
}

StepArgs StepArgs::service(QString name, ServiceOf which)
{
    StepArgs args{std::move(name)};
    args.m_serviceOf = which;
    return args;
}

QJsonArray StepArgs::toJson() const
{
    return QJsonArray::fromStringList(m_values);
}

QString StepArgs::toDisplayString() const
{
    return m_values.join(QLatin1StringView(", "));
}

QString StepCall::bareName() const
{
    const qsizetype dot = function.lastIndexOf(u'.');
    return dot < 0 ? function : function.mid(dot + 1);
}

QString StepCall::toDisplayString() const
{
    if (args.isEmpty())
        return function;
    return function % u'(' % args.toDisplayString() % u')';
}

bool isRouterWide(const QString &function)
{
    return function == u"configservice.reloadAll" || function == u"configservice.reload_placeholder"
           || function == u"haproxy.reconfigureProxy";
}

QString identityKey(const StepCall &call, const QString &update)
{
    // Unit and record separators cannot appear in function, chute or service names.
    constexpr QChar separator(0x1f);
    constexpr QChar updateSeparator(0x1e);
    QString key = call.function % separator % serviceOfName(call.args.serviceOf());
    for (const QString &value : call.args.values())
        key += separator % value;
    if (!isRouterWide(call.function))
        key += updateSeparator % update;
    return key;
}

} // namespace ChuteDeck::Core
