#pragma once

#include "core/base/result.h"
#include "core/remote/http/certificatepin.h"
#include "core/remote/ssh/sshoptions.h"
#include "core/router/router.h"
#include "core/router/transactions.h"
#include "ui/models/connectionprofile.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QWidget;

namespace ChuteDeck::Ui {

class AgentConnection;
class SecretStore;

// A router the window can switch to: a router of primitives (sandbox, SSH) or an agent.
struct OpenedRouter
{
    std::unique_ptr<Core::Router> router;
    std::unique_ptr<AgentConnection> agent;
    QString url;
    // Transactions left pending on the router (a run interrupted, a change awaiting
    // confirmation), read while connecting; empty for agents, which hold their own.
    QList<Core::TransactionInfo> pending;
    // Transactions the router reverted by itself in the last weeks (its watchdog, a deadline).
    QList<Core::RevertedTransaction> reverted;
    // Whether a new connection to the router works, opened as this one was (the proof that
    // confirms a change to its network). `done` runs on the GUI thread.
    std::function<void(std::function<void(const Core::Result<void> &)> done)> checkNewConnection;
};

// Connects the window to a router without blocking it: the password comes from the keyring (or
// the user, when the keyring has none or fails), SSH and sandbox routers are opened on a worker
// thread, and the questions libssh asks there (an unknown host key with its SHA256 fingerprint,
// a key's passphrase, a keyboard-interactive prompt) are put to the user on the GUI thread while
// the worker waits. An agent is asked for its chute list first, which proves the login; an
// https:// agent whose certificate is not pinned yet has its SHA256 fingerprint put to the user
// the same way (Yes pins it in the known-certificates file, then the login goes on).
class RouterConnector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouterConnector)

public:
    using Done = std::function<void(Core::Result<OpenedRouter>)>;
    // Opens sandbox and SSH routers; runs on the worker thread.
    using Opener = std::function<Core::Result<std::unique_ptr<Core::Router>>(
        const QString &url, const Core::SshOptions &options)>;

    RouterConnector(SecretStore *secrets, QWidget *window, Opener opener = {});
    ~RouterConnector() override;

    bool isBusy() const { return m_busy; }
    // The router the list knows as `routerKey`, with its saved profile (else what its URL says).
    void open(const QString &routerKey, Done done);
    // A profile just made in the Connect dialog, with the password typed there (maybe empty).
    void open(const ConnectionProfile &profile, const QByteArray &password, Done done);

    // Where https:// agents' certificates are pinned (default:
    // Core::CertificatePin::defaultKnownCertsFile()); tests give their own.
    void setKnownCertsFile(const QString &file) { m_certificateTrust.knownCertsFile = file; }

    // How SSH options follow a profile: the key file, the password, and the GUI's questions.
    Core::SshOptions sshOptions(const ConnectionProfile &profile,
                                const std::optional<QByteArray> &password) const;

Q_SIGNALS:
    void connecting(const QString &url);

private:
    void withPassword(const ConnectionProfile &profile, const std::function<void(QByteArray)> &next,
                      const Done &done);
    std::optional<QByteArray> askPassword(const ConnectionProfile &profile,
                                          const QString &why) const;
    void openWithPassword(const ConnectionProfile &profile, const QByteArray &password, Done done);
    void openOnWorker(const QString &url, const Core::SshOptions &options, Done done);
    void openAgent(const ConnectionProfile &profile, const QByteArray &password, Done done);
    void proveLogin(AgentConnection *agent, Done done);
    // After `refusal`: when the agent's certificate was refused only for being unknown, asks the
    // user about it; success when it is pinned now (then the login is tried again).
    Core::Result<void> pinUnknownCertificate(AgentConnection *agent,
                                             const Core::Error &refusal) const;
    Done finishing(Done done);

    SecretStore *m_secrets;
    QPointer<QWidget> m_window;
    Opener m_opener;
    Core::CertificateTrust m_certificateTrust;
    bool m_busy = false;
};

// Answers one of libssh's questions on the GUI thread: "yes" for an accepted host key, the text
// typed for a secret; nullopt when the user declines.
std::optional<QByteArray> askUser(QWidget *parent, const QString &prompt, bool echo);

} // namespace ChuteDeck::Ui
