#include "core/remote/agent/requestbody.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Error invalid(const QString &message)
{
    return Error{ErrorCode::InvalidRequest, message};
}

} // namespace

Result<QJsonValue> jsonBody(const HttpRequest &request)
{
    if (request.body.size() > kMaxJsonBody)
        return invalid(u"the JSON body is larger than %1 bytes"_s.arg(kMaxJsonBody));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        return invalid(
            u"malformed JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    }
    if (document.isArray())
        return QJsonValue(document.array());
    return QJsonValue(document.object());
}

Result<QJsonObject> jsonObjectBody(const HttpRequest &request, bool emptyAllowed)
{
    if (request.body.trimmed().isEmpty()) {
        if (emptyAllowed)
            return QJsonObject();
        return invalid(u"the request needs a JSON object body"_s);
    }
    const Result<QJsonValue> body = jsonBody(request);
    if (!body)
        return body.error();
    if (!body.value().isObject())
        return invalid(u"the body must be a JSON object"_s);
    return body.value().toObject();
}

Result<QJsonObject> objectMember(const QJsonObject &object, const QString &key, bool required)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && !required)
        return QJsonObject();
    if (value.isUndefined())
        return invalid(u"%1: missing"_s.arg(key));
    if (!value.isObject())
        return invalid(u"%1: must be a JSON object"_s.arg(key));
    return value.toObject();
}

Result<TextPairs> environmentMember(const QJsonObject &object, const QString &key)
{
    const Result<QJsonObject> environment = objectMember(object, key, true);
    if (!environment)
        return environment.error();
    TextPairs pairs;
    for (auto it = environment.value().begin(); it != environment.value().end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? u"true"_s : u"false"_s;
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 17);
        else
            return invalid(u"%1.%2: must be a string, a number or a boolean"_s.arg(key, it.key()));
        pairs.append({it.key(), text});
    }
    return pairs;
}

HttpResponse errorResponse(const Error &error)
{
    switch (error.code) {
    case ErrorCode::NotFound:
        return HttpResponse::error(404, error.message);
    case ErrorCode::RouterIo:
    case ErrorCode::CommandFailed:
        return HttpResponse::error(500, error.message);
    default:
        return HttpResponse::error(400, error.message);
    }
}

} // namespace ChuteDeck::Core
