#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"
#include "core/plan/planmap.h"
#include "core/remote/http/agentclient.h"
#include "core/update/changerequest.h"

#include <QObject>

#include <functional>
#include <memory>

namespace ChuteDeck::Core {
class HttpSession;
} // namespace ChuteDeck::Core

namespace ChuteDeck::Ui {

// The window's side of an HTTP router (chutedeck-agent): the chute list and plan previews come
// from the agent, and a change runs there through an HttpSession that the window follows. Every
// call is asynchronous; `done` runs on the GUI thread, and never after this object is gone.
class AgentConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentConnection)

public:
    template<typename T>
    using Done = std::function<void(const Core::Result<T> &)>;

    // `base`: http://host:port or https://host:port (AgentClient::parseRouterUrl()); `trust`
    // checks an https:// agent's certificate, for every request and stream of this connection.
    AgentConnection(const QUrl &base, Core::AgentCredentials credentials,
                    Core::CertificateTrust trust = {}, QObject *parent = nullptr);
    ~AgentConnection() override;

    QString url() const;
    // "host:port", as errors and the known-certificates file name the agent.
    QString host() const;
    // The fingerprint of the agent's certificate when the last request was refused because
    // nothing is pinned for the agent yet; empty otherwise.
    QString unknownCertificate() const;
    // Pins `fingerprint` for the agent in the known-certificates file of the trust.
    Core::Result<void> trustCertificate(const QString &fingerprint) const;

    // GET /api/v1/chutes, as chute specs with what the list shows (name, state, version, owner,
    // services).
    void fetchChutes(Done<QList<Core::ChuteSpec>> done);
    // The agent's plan for `change`, with the ids its run will use; a rejection is an error.
    void preview(const Core::ChangeRequest &change, Done<Core::PlanMap> done);
    // A session that submits `change` paused (step mode) when started; the agent holds a change
    // to the network for a confirmation this long (0: not at all).
    std::unique_ptr<Core::HttpSession> session(const Core::ChangeRequest &change,
                                               int confirmTimeoutSeconds) const;
    // Whether a new connection to the agent works (the proof that confirms a change to its
    // network).
    void checkNewConnection(Done<void> done) const;

    // The agent's chute list (ParaDrop's JSON) as chute specs; an error names the field at fault.
    static Core::Result<QList<Core::ChuteSpec>> chutesFromJson(const QJsonValue &list);

private:
    Core::AgentCredentials credentials() const;

    Core::AgentClient *m_client;
    Core::AgentCredentials m_credentials;
    Core::CertificateTrust m_trust;
};

} // namespace ChuteDeck::Ui
