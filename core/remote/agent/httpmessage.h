#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <variant>

namespace ChuteDeck::Core {

// One HTTP/1.1 request as the front hands it on: the head parsed, the whole body read.
struct HttpRequest
{
    QByteArray method;                     // "GET"
    QByteArray target;                     // as sent: "/api/v1/chutes/?x=1"
    QString path;                          // percent-decoded, without the query
    QUrlQuery query;                       // the query string's items
    QHash<QByteArray, QByteArray> headers; // names in lower case; repeated ones joined with ", "
    qint64 contentLength = 0;
    bool upgrade = false; // a websocket (or other) upgrade: no body, handed on as a socket
    bool keepAlive = true;
    QByteArray body;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    // The media type without parameters, in lower case: "application/x-tar".
    QByteArray mediaType() const;
};

// What a route answers. Every answer of the agent, errors included, is JSON unless said otherwise.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;

    static HttpResponse json(int status, const QJsonValue &value);
    static HttpResponse jsonText(int status, QByteArray text);
    // {"success": false, "error": MESSAGE}: the shape of every refusal, whatever the status.
    static HttpResponse error(int status, const QString &message);

    // The bytes on the wire: status line, headers, body.
    QByteArray serialize(bool keepAlive) const;
};

// The limits that keep one client from holding the agent: sizes are checked before anything is
// buffered, time-outs close connections that stall.
struct HttpLimits
{
    qsizetype maxHeadBytes = qsizetype{16} * 1024;   // request line and headers
    qint64 maxBodyBytes = 32LL * 1024 * 1024;        // a chute upload
    std::chrono::milliseconds idleTimeout{30000};    // no byte for this long: 408, closed
    std::chrono::milliseconds requestTimeout{60000}; // a whole request must arrive within this
    int maxConnections = 64;
};

// A request the front refuses before any route sees it.
struct HttpFailure
{
    int status = 400;
    QString message;
};

// Parses a request head (request line and headers, through the empty line) with http_parser.
// Refuses what the agent does not serve: chunked bodies (411), bodies over the limit (413),
// malformed heads (400), HTTP other than 1.0/1.1 (505).
std::variant<HttpRequest, HttpFailure> parseRequestHead(const QByteArray &head,
                                                        const HttpLimits &limits);

QByteArray httpReasonPhrase(int status);

} // namespace ChuteDeck::Core
