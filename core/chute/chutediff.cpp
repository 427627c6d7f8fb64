#include "core/chute/chutediff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <optional>

namespace ChuteDeck::Core {

namespace {

using namespace Qt::StringLiterals;
using FlatFields = QMap<QString, QString>;

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Null:
        return u"null"_s;
    default:
        return {};
    }
}

// Leaves only: "services.web.image" = "nginx"; lists as "interfaces[0].name".
void flatten(const QJsonValue &value, const QString &path, FlatFields &fields)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty() && !path.isEmpty())
            fields.insert(path, u"{}"_s);
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), fields);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            fields.insert(path, u"[]"_s);
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(array.at(i), path + u'[' + QString::number(i) + u']', fields);
    } else {
        fields.insert(path, scalarText(value));
    }
}

FlatFields fieldsOf(const ChuteSpec &chute)
{
    FlatFields fields;
    flatten(QJsonDocument::fromJson(chuteToJson(chute)).object(), QString(), fields);
    return fields;
}

std::optional<QString> valueAt(const FlatFields &fields, const QString &field)
{
    const auto found = fields.constFind(field);
    return found == fields.cend() ? std::nullopt : std::optional<QString>(found.value());
}

} // namespace

QList<FieldChange> diffChutes(const ChuteSpec &before, const ChuteSpec &after)
{
    const FlatFields old = fieldsOf(before);
    const FlatFields updated = fieldsOf(after);
    QStringList paths = old.keys() + updated.keys();
    paths.sort();
    paths.removeDuplicates();
    QList<FieldChange> changes;
    for (const QString &path : std::as_const(paths)) {
        FieldChange change{path, valueAt(old, path), valueAt(updated, path)};
        if (change.before != change.after)
            changes.append(std::move(change));
    }
    return changes;
}

} // namespace ChuteDeck::Core
