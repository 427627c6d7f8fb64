#pragma once

#include "core/base/result.h"
#include "core/remote/http/certificatepin.h"

#include <QByteArray>
#include <QJsonValue>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;
class QWebSocket;

namespace ChuteDeck::Core {

// Who the client is on the agent: a bearer token (CHUTEDECK_TOKEN), or a user and password that
// log in (POST /api/v1/auth/local) and log in again when the token expires.
struct AgentCredentials
{
    QString user;
    QByteArray password;
    QByteArray token;
};

// One request to the agent, as the client sends it.
struct AgentRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path; // "/api/v1/changes/3/control"
    QList<std::pair<QString, QString>> query = {};
    QByteArray body = {};
    QByteArray contentType = QByteArrayLiteral("application/json");
    // Whether AgentClient::uploadProgress() follows the body (a chute's tar, not a JSON command).
    bool reportsUpload = false;
};

// chutedeck-agent's HTTP API from the client's side, on QNetworkAccessManager (keep-alive, one
// thread: the client's). Answers are JSON; an answer of 400 or more is an Error naming the host,
// the request and the agent's error text. A 401 with a user and password logs in again once and
// repeats the request.
class AgentClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentClient)

public:
    using Done = std::function<void(const Result<QJsonValue> &)>;

    // `base` is the router address: http://host:port or https://host:port.
    AgentClient(QUrl base, AgentCredentials credentials, QObject *parent = nullptr);
    ~AgentClient() override;

    // Checks the address: http(s)://host:port, nothing else.
    static Result<QUrl> parseRouterUrl(const QString &text);

    // https:// agents: how their certificate is trusted (by default: known from an earlier use
    // in the default known-certificates file). Before the first request.
    void setCertificateTrust(const CertificateTrust &trust);

    const QUrl &base() const { return m_base; }
    QString host() const;
    // The bearer token, once logged in: later clients can use it rather than log in again
    // (a login costs the agent an Argon2id hash).
    const QByteArray &token() const { return m_credentials.token; }

    // Logs in when there is no token yet, then sends; `done` runs on the client's thread.
    void send(const AgentRequest &request, Done done);
    // The same, waiting in a local event loop (the CLI, tests).
    Result<QJsonValue> sendAndWait(const AgentRequest &request);

    // The websocket request of a change's stream in ChuteDeck's format, from event `from` on.
    QNetworkRequest streamRequest(int change, qint64 from) const;
    // For https:// agents: makes `socket` check the agent's certificate against the pin before
    // its handshake goes on; a refused certificate aborts it and certificateRefusal() says why.
    void pinCertificate(QWebSocket *socket);
    // The last refusal of the agent's certificate (empty message when none).
    const Error &certificateRefusal() const { return m_certificateRefusal; }
    // The fingerprint of the certificate last refused because nothing was pinned or stored for
    // the agent yet (empty otherwise): what the desktop asks the user about.
    const QString &unknownCertificate() const { return m_unknownCertificate; }

Q_SIGNALS:
    // The body of a request with reportsUpload is on its way: `sent` of `total` bytes.
    void uploadProgress(qint64 sent, qint64 total);

private:
    void login(std::function<void(const Result<void> &)> done);
    void transmit(const AgentRequest &request, bool mayRenew, Done done);
    Result<QJsonValue> answerOf(QNetworkReply *reply, const AgentRequest &request) const;
    bool isSecure() const;
    // Whether the certificate is trusted; a refusal is kept for certificateRefusal().
    bool acceptCertificate(const QSslCertificate &certificate);

    QUrl m_base;
    AgentCredentials m_credentials;
    QNetworkAccessManager *m_network;
    CertificatePin m_pin;
    Error m_certificateRefusal;
    QString m_unknownCertificate;
};

} // namespace ChuteDeck::Core
