#include "core/remote/agent/httpmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <http_parser.h>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

// What the http_parser callbacks collect while the head is parsed.
struct HeadCollector
{
    QByteArray url;
    QByteArray field;
    QByteArray value;
    bool inValue = false;
    bool complete = false;
    QHash<QByteArray, QByteArray> headers;

    void flushHeader()
    {
        if (field.isEmpty())
            return;
        QByteArray &slot = headers[field.toLower()];
        slot = slot.isEmpty() ? value.trimmed() : slot + ", " + value.trimmed();
        field.clear();
        value.clear();
        inValue = false;
    }
};

HeadCollector &collectorOf(http_parser *parser)
{
    return *static_cast<HeadCollector *>(parser->data);
}

int onUrl(http_parser *parser, const char *at, size_t length)
{
    collectorOf(parser).url.append(at, qsizetype(length));
    return 0;
}

int onHeaderField(http_parser *parser, const char *at, size_t length)
{
    HeadCollector &collector = collectorOf(parser);
    if (collector.inValue)
        collector.flushHeader();
    collector.field.append(at, qsizetype(length));
    return 0;
}

int onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    HeadCollector &collector = collectorOf(parser);
    collector.inValue = true;
    collector.value.append(at, qsizetype(length));
    return 0;
}

int onHeadersComplete(http_parser *parser)
{
    HeadCollector &collector = collectorOf(parser);
    collector.flushHeader();
    collector.complete = true;
    return 0;
}

HttpFailure failure(int status, const QString &message)
{
    return HttpFailure{status, message};
}

// The request target must be an absolute path ("origin form"); the path is percent-decoded once.
std::variant<HttpRequest, HttpFailure> splitTarget(HttpRequest request)
{
    if (!request.target.startsWith('/'))
        return failure(400, u"the request target must start with '/'"_s);
    const qsizetype question = request.target.indexOf('?');
    const QByteArray rawPath = question < 0 ? request.target : request.target.left(question);
    const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath);
    const QString path = QString::fromUtf8(decoded);
    if (path.contains(QChar(0)) || path.toUtf8() != decoded)
        return failure(400, u"the request path is not valid UTF-8"_s);
    request.path = path;
    if (question >= 0)
        request.query.setQuery(QString::fromUtf8(request.target.mid(question + 1)));
    return request;
}

} // namespace

QByteArray HttpRequest::mediaType() const
{
    const QByteArray type = header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.left(semicolon)).trimmed().toLower();
}

HttpResponse HttpResponse::json(int status, const QJsonValue &value)
{
    const QByteArray text = value.isArray()
                                ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return jsonText(status, text);
}

HttpResponse HttpResponse::jsonText(int status, QByteArray text)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(text);
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return json(status, QJsonObject{{u"success"_s, false}, {u"error"_s, message}});
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    QByteArray wire = "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status)
                      + "\r\nContent-Type: " + contentType
                      + "\r\nContent-Length: " + QByteArray::number(body.size())
                      + "\r\nCache-Control: no-store\r\nConnection: "
                      + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
    return wire + body;
}

std::variant<HttpRequest, HttpFailure> parseRequestHead(const QByteArray &head,
                                                        const HttpLimits &limits)
{
    if (head.size() > limits.maxHeadBytes)
        return failure(431, u"the request head is larger than %1 bytes"_s.arg(limits.maxHeadBytes));
    http_parser_settings settings;
    http_parser_settings_init(&settings);
    settings.on_url = onUrl;
    settings.on_header_field = onHeaderField;
    settings.on_header_value = onHeaderValue;
    settings.on_headers_complete = onHeadersComplete;
    HeadCollector collector;
    http_parser parser;
    http_parser_init(&parser, HTTP_REQUEST);
    parser.data = &collector;
    http_parser_execute(&parser, &settings, head.constData(), size_t(head.size()));
    const auto error = http_errno(parser.http_errno);
    if (error != HPE_OK || !collector.complete) {
        return failure(400, u"malformed request head: %1"_s.arg(QString::fromLatin1(
                                error != HPE_OK ? http_errno_description(error)
                                                : "the head does not end with an empty line")));
    }
    if (parser.http_major != 1 || parser.http_minor > 1)
        return failure(505, u"only HTTP/1.0 and HTTP/1.1 are served"_s);
    if ((parser.flags & F_CHUNKED) != 0 || collector.headers.contains("transfer-encoding"))
        return failure(411, u"chunked request bodies are not accepted: send Content-Length"_s);

    HttpRequest request;
    request.method = http_method_str(http_method(parser.method));
    request.target = collector.url;
    request.headers = std::move(collector.headers);
    request.upgrade = parser.upgrade != 0;
    request.keepAlive = http_should_keep_alive(&parser) != 0;
    const bool hasLength = (parser.flags & F_CONTENTLENGTH) != 0;
    if (hasLength && parser.content_length > quint64(limits.maxBodyBytes)) {
        return failure(413, u"the request body is larger than the limit of %1 bytes"_s.arg(
                                limits.maxBodyBytes));
    }
    request.contentLength = hasLength ? qint64(parser.content_length) : 0;
    if (request.upgrade && request.contentLength > 0)
        return failure(400, u"an upgrade request cannot have a body"_s);
    return splitTarget(std::move(request));
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

} // namespace ChuteDeck::Core
