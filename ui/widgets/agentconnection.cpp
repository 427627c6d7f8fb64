#include "ui/widgets/agentconnection.h"

#include "core/plan/planjson.h"
#include "core/remote/http/httpsession.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

AgentConnection::AgentConnection(const QUrl &base, Core::AgentCredentials credentials,
                                 Core::CertificateTrust trust, QObject *parent)
    : QObject(parent)
    , m_client(new Core::AgentClient(base, credentials, this))
    , m_credentials(std::move(credentials))
    , m_trust(std::move(trust))
{
    m_client->setCertificateTrust(m_trust);
}

AgentConnection::~AgentConnection() = default;

QString AgentConnection::url() const
{
    return m_client->base().toString();
}

QString AgentConnection::host() const
{
    return m_client->host();
}

QString AgentConnection::unknownCertificate() const
{
    return m_client->unknownCertificate();
}

Core::Result<void> AgentConnection::trustCertificate(const QString &fingerprint) const
{
    return Core::CertificatePin(host(), m_trust).remember(fingerprint);
}

// The token of the first login, so that a session does not log in again (an Argon2id hash).
Core::AgentCredentials AgentConnection::credentials() const
{
    Core::AgentCredentials credentials = m_credentials;
    if (!m_client->token().isEmpty())
        credentials.token = m_client->token();
    return credentials;
}

Core::Result<QList<Core::ChuteSpec>> AgentConnection::chutesFromJson(const QJsonValue &list)
{
    if (!list.isArray())
        return Core::Error{Core::ErrorCode::InvalidRequest,
                           u"GET /api/v1/chutes: the answer is not a list"_s};
    QList<Core::ChuteSpec> chutes;
    for (qsizetype i = 0; i < list.toArray().size(); ++i) {
        const QJsonObject entry = list.toArray().at(i).toObject();
        Core::ChuteSpec chute;
        chute.name = entry.value(u"name"_s).toString();
        if (chute.name.isEmpty())
            return Core::Error{Core::ErrorCode::InvalidRequest,
                               u"GET /api/v1/chutes: chute %1 has no name"_s.arg(i)};
        chute.owner = entry.value(u"owner"_s).toString();
        chute.version = entry.value(u"version"_s).toVariant().toString();
        chute.state = Core::chuteStateFromName(entry.value(u"state"_s).toString())
                          .value_or(Core::ChuteState::Invalid);
        const QJsonObject services = entry.value(u"services"_s).toObject();
        for (auto service = services.begin(); service != services.end(); ++service) {
            Core::ServiceSpec spec;
            spec.name = service.key();
            chute.services.append(spec);
        }
        chutes.append(chute);
    }
    return chutes;
}

void AgentConnection::fetchChutes(Done<QList<Core::ChuteSpec>> done)
{
    m_client->send(Core::AgentRequest{"GET", u"/api/v1/chutes"_s},
                   [done = std::move(done)](const Core::Result<QJsonValue> &answer) {
                       if (!answer)
                           done(answer.error());
                       else
                           done(chutesFromJson(answer.value()));
                   });
}

void AgentConnection::preview(const Core::ChangeRequest &change, Done<Core::PlanMap> done)
{
    Core::fetchRemotePreview(
        *m_client, change, [done = std::move(done)](const Core::Result<QJsonObject> &answer) {
            if (!answer) {
                done(answer.error());
                return;
            }
            const QJsonObject &plan = answer.value();
            if (plan.value(u"result"_s).toString() != u"planned")
                done(Core::Error{Core::ErrorCode::ChangeRejected,
                                 u"Rejected: %1"_s.arg(plan.value(u"message"_s).toString())});
            else
                done(Core::planFromJson(plan.value(u"steps"_s).toArray()));
        });
}

std::unique_ptr<Core::HttpSession> AgentConnection::session(const Core::ChangeRequest &change,
                                                            int confirmTimeoutSeconds) const
{
    auto session = std::make_unique<Core::HttpSession>(
        m_client->base(), credentials(), change,
        Core::RemoteRunOptions{true, {}, {}, confirmTimeoutSeconds});
    session->client().setCertificateTrust(m_trust);
    return session;
}

// A client of its own has a connection of its own: the one this connection keeps alive may have
// outlived a change that cut new ones.
void AgentConnection::checkNewConnection(Done<void> done) const
{
    // A child of this connection's client, so that it goes with the connection.
    auto *client = new Core::AgentClient(m_client->base(), credentials(), m_client);
    client->setCertificateTrust(m_trust);
    client->send(Core::AgentRequest{"GET", u"/api/v1/chutes"_s},
                 [client, done = std::move(done)](const Core::Result<QJsonValue> &answer) {
                     client->deleteLater();
                     done(answer ? Core::Result<void>() : Core::Result<void>(answer.error()));
                 });
}

} // namespace ChuteDeck::Ui
