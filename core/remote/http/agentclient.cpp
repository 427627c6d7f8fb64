#include "core/remote/http/agentclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QUrlQuery>
#include <QWebSocket>

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

AgentClient::AgentClient(QUrl base, AgentCredentials credentials, QObject *parent)
    : QObject(parent)
    , m_base(std::move(base))
    , m_credentials(std::move(credentials))
    , m_network(new QNetworkAccessManager(this))
    , m_pin(host(), {})
{}

void AgentClient::setCertificateTrust(const CertificateTrust &trust)
{
    m_pin = CertificatePin(host(), trust);
}

AgentClient::~AgentClient() = default;

Result<QUrl> AgentClient::parseRouterUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const bool knownScheme = url.scheme() == u"http" || url.scheme() == u"https";
    if (!url.isValid() || !knownScheme || url.host().isEmpty() || url.port() <= 0
        || (!url.path().isEmpty() && url.path() != u"/") || url.hasQuery()) {
        return Error{
            ErrorCode::InvalidRouterUrl,
            u"%1: an agent's address is http://HOST:PORT or https://HOST:PORT"_s.arg(text)};
    }
    QUrl base = url;
    base.setPath(QString());
    return base;
}

QString AgentClient::host() const
{
    return u"%1:%2"_s.arg(m_base.host()).arg(m_base.port());
}

void AgentClient::login(std::function<void(const Result<void> &)> done)
{
    if (m_credentials.user.isEmpty()) {
        done(
            Error{ErrorCode::InvalidRequest,
                  u"%1: the token was refused and no user is given to log in again"_s.arg(host())});
        return;
    }
    AgentRequest request{
        "POST",
        u"/api/v1/auth/local"_s,
        {},
        QJsonDocument(QJsonObject{{u"username"_s, m_credentials.user},
                                  {u"password"_s, QString::fromUtf8(m_credentials.password)}})
            .toJson(QJsonDocument::Compact)};
    transmit(request, false, [this, done = std::move(done)](const Result<QJsonValue> &answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        m_credentials.token = answer.value()[u"token"_s].toString().toLatin1();
        done(Result<void>::success());
    });
}

void AgentClient::send(const AgentRequest &request, Done done)
{
    if (!m_credentials.token.isEmpty()) {
        transmit(request, !m_credentials.user.isEmpty(), std::move(done));
        return;
    }
    login([this, request, done = std::move(done)](const Result<void> &loggedIn) {
        if (!loggedIn)
            done(loggedIn.error());
        else
            transmit(request, false, done);
    });
}

Result<QJsonValue> AgentClient::sendAndWait(const AgentRequest &request)
{
    Result<QJsonValue> answer = Error{};
    QEventLoop loop;
    send(request, [&](const Result<QJsonValue> &reply) {
        answer = reply;
        loop.quit();
    });
    loop.exec();
    return answer;
}

void AgentClient::transmit(const AgentRequest &request, bool mayRenew, Done done)
{
    QUrl url = m_base;
    url.setPath(request.path);
    QUrlQuery query;
    for (const auto &[key, value] : request.query)
        query.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    QNetworkRequest http(url);
    http.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    if (!m_credentials.token.isEmpty())
        http.setRawHeader("Authorization", "Bearer " + m_credentials.token);
    if (isSecure())
        http.setSslConfiguration(CertificatePin::pinningConfiguration());
    QNetworkReply *reply = m_network->sendCustomRequest(http, request.method, request.body);
    if (request.reportsUpload) {
        // Qt also reports 0 of 0 bytes (no body known yet, or none left): not progress.
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
            if (total > 0)
                Q_EMIT uploadProgress(sent, total);
        });
    }
    // Every certificate fails the authority check (pinningConfiguration() trusts none), so each
    // new connection stops here until the pin accepts it; nothing is sent before.
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        QSslCertificate presented = reply->sslConfiguration().peerCertificate();
        if (presented.isNull() && !errors.isEmpty())
            presented = errors.constFirst().certificate();
        if (acceptCertificate(presented))
            reply->ignoreSslErrors();
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, request, mayRenew, done = std::move(done)] {
                reply->deleteLater();
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 401 && mayRenew) {
                    login([this, request, done](const Result<void> &loggedIn) {
                        if (!loggedIn)
                            done(loggedIn.error());
                        else
                            transmit(request, false, done);
                    });
                    return;
                }
                done(answerOf(reply, request));
            });
}

Result<QJsonValue> AgentClient::answerOf(QNetworkReply *reply, const AgentRequest &request) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QString what
        = u"%1 %2 %3"_s.arg(host(), QString::fromLatin1(request.method), request.path);
    // As for SSH routers: no answer, a refused certificate or login, is "unreachable".
    if (status == 0 && reply->error() == QNetworkReply::SslHandshakeFailedError
        && !m_certificateRefusal.message.isEmpty()) {
        return m_certificateRefusal;
    }
    if (status == 0)
        return Error{ErrorCode::Unreachable, u"%1: %2"_s.arg(what, reply->errorString())};
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (status >= 400) {
        const QString text
            = json.object().value(u"error"_s).toString(QString::fromUtf8(body.left(200)));
        const ErrorCode code = status == 401   ? ErrorCode::Unreachable
                               : status == 404 ? ErrorCode::NotFound
                               : status == 409 ? ErrorCode::CommandRejected
                               : status < 500  ? ErrorCode::InvalidRequest
                                               : ErrorCode::RouterIo;
        return Error{code, u"%1: %2 %3"_s.arg(what).arg(status).arg(text)};
    }
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::RouterIo, u"%1: malformed JSON at offset %2: %3"_s.arg(what)
                                              .arg(parseError.offset)
                                              .arg(parseError.errorString())};
    return json.isArray() ? QJsonValue(json.array()) : QJsonValue(json.object());
}

QNetworkRequest AgentClient::streamRequest(int change, qint64 from) const
{
    QUrl url = m_base;
    url.setScheme(m_base.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    url.setPath(u"/ws/changes/%1/stream"_s.arg(change));
    url.setQuery(u"format=chutedeck&from=%1"_s.arg(from));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_credentials.token);
    return request;
}

bool AgentClient::isSecure() const
{
    return m_base.scheme() == u"https";
}

bool AgentClient::acceptCertificate(const QSslCertificate &certificate)
{
    const Result<void> verified = m_pin.verify(certificate);
    m_certificateRefusal = verified ? Error{} : verified.error();
    m_unknownCertificate.clear();
    if (!verified && !certificate.isNull()) {
        const Result<CertificatePin::Standing> standing = m_pin.standing(certificate);
        if (standing && standing.value() == CertificatePin::Standing::Unknown)
            m_unknownCertificate = CertificatePin::fingerprint(certificate);
    }
    return verified.ok();
}

void AgentClient::pinCertificate(QWebSocket *socket)
{
    if (!isSecure())
        return;
    socket->setSslConfiguration(CertificatePin::pinningConfiguration());
    connect(socket, &QWebSocket::sslErrors, this, [this, socket] {
        if (acceptCertificate(socket->sslConfiguration().peerCertificate()))
            socket->ignoreSslErrors();
    });
}

} // namespace ChuteDeck::Core
