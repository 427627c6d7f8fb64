#include "core/remote/agent/runcontrols.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

const QString kMode = u"mode"_s;
const QString kBreakpoints = u"breakpoints"_s;
const QString kFailAt = u"fail_at"_s;
const QString kConfirmTimeout = u"confirm_timeout"_s;
constexpr qint64 kMaxConfirmTimeout = 86400;

Error invalid(const QString &message)
{
    return Error{ErrorCode::InvalidRequest, message};
}

Result<StepMatcher> matcherOf(const QJsonValue &value, const QString &field)
{
    QString spec;
    if (value.isDouble() && value.toDouble() == double(value.toInteger()) && value.toInteger() > 0)
        spec = QString::number(value.toInteger());
    else if (value.isString())
        spec = value.toString();
    else
        return invalid(u"%1: must be a step id (a positive integer) or a step name"_s.arg(field));
    Result<StepMatcher> matcher = StepMatcher::parse(spec);
    if (!matcher)
        return invalid(u"%1: %2"_s.arg(field, matcher.error().message));
    return matcher;
}

// mode, breakpoints and fail_at as query parameters; lists are comma-separated.
QJsonObject queryControls(const QUrlQuery &query)
{
    QJsonObject controls;
    if (query.hasQueryItem(kMode))
        controls.insert(kMode, query.queryItemValue(kMode, QUrl::FullyDecoded));
    if (query.hasQueryItem(kConfirmTimeout)) {
        const QString text = query.queryItemValue(kConfirmTimeout, QUrl::FullyDecoded);
        bool isNumber = false;
        const qint64 seconds = text.toLongLong(&isNumber);
        controls.insert(kConfirmTimeout, isNumber ? QJsonValue(seconds) : QJsonValue(text));
    }
    for (const QString &list : {kBreakpoints, kFailAt}) {
        if (!query.hasQueryItem(list))
            continue;
        QJsonArray items;
        for (const QString &item :
             query.queryItemValue(list, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts)) {
            bool isId = false;
            const qint64 id = item.toLongLong(&isId);
            items.append(isId ? QJsonValue(id) : QJsonValue(item));
        }
        controls.insert(list, items);
    }
    return controls;
}

// Moves the control fields out of a JSON object body.
QJsonObject takeBodyControls(HttpRequest &request)
{
    QJsonObject controls;
    if (request.mediaType() != "application/json" && !request.body.trimmed().startsWith('{'))
        return controls;
    QJsonParseError error{};
    QJsonObject body = QJsonDocument::fromJson(request.body, &error).object();
    if (error.error != QJsonParseError::NoError)
        return controls; // the route reports the malformed body
    for (const QString &key : {kMode, kBreakpoints, kFailAt, kConfirmTimeout}) {
        if (body.contains(key))
            controls.insert(key, body.take(key));
    }
    if (!controls.isEmpty())
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return controls;
}

Result<std::optional<std::chrono::seconds>> confirmTimeoutOf(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<std::chrono::seconds>();
    const qint64 seconds = value.toInteger(-1);
    if (!value.isDouble() || value.toDouble() != double(seconds) || seconds < 1
        || seconds > kMaxConfirmTimeout) {
        return invalid(
            u"confirm_timeout: must be a number of seconds from 1 to %1"_s.arg(kMaxConfirmTimeout));
    }
    return std::optional<std::chrono::seconds>(seconds);
}

} // namespace

Result<QList<StepMatcher>> RunControls::matchers(const QJsonValue &value, const QString &field)
{
    if (value.isUndefined() || value.isNull())
        return QList<StepMatcher>();
    const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray{value};
    QList<StepMatcher> matchers;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Result<StepMatcher> matcher = matcherOf(items.at(i), u"%1[%2]"_s.arg(field).arg(i));
        if (!matcher)
            return matcher.error();
        matchers.append(matcher.value());
    }
    return matchers;
}

Result<RunControls> RunControls::take(HttpRequest &request)
{
    QJsonObject fields = queryControls(request.query);
    const QJsonObject bodyFields = takeBodyControls(request);
    for (auto it = bodyFields.begin(); it != bodyFields.end(); ++it)
        fields.insert(it.key(), it.value());
    RunControls controls;
    const QJsonValue mode = fields.value(kMode);
    if (!mode.isUndefined() && mode != u"step"_s && mode != u"run"_s)
        return invalid(u"mode: must be \"step\" or \"run\""_s);
    controls.stepMode = mode == u"step"_s;
    Result<QList<StepMatcher>> breakpoints = matchers(fields.value(kBreakpoints), kBreakpoints);
    if (!breakpoints)
        return breakpoints.error();
    Result<QList<StepMatcher>> failures = matchers(fields.value(kFailAt), kFailAt);
    if (!failures)
        return failures.error();
    const Result<std::optional<std::chrono::seconds>> confirmTimeout
        = confirmTimeoutOf(fields.value(kConfirmTimeout));
    if (!confirmTimeout)
        return confirmTimeout.error();
    controls.breakpoints = std::move(breakpoints).value();
    controls.failures = std::move(failures).value();
    controls.confirmTimeout = confirmTimeout.value();
    return controls;
}

QJsonArray toJson(const QList<StepMatcher> &matchers)
{
    QJsonArray specs;
    for (const StepMatcher &matcher : matchers) {
        if (matcher.kind() == StepMatcher::Kind::Id)
            specs.append(qint64(matcher.id()));
        else
            specs.append(matcher.toString());
    }
    return specs;
}

} // namespace ChuteDeck::Core
