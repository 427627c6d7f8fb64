#pragma once

#include "core/base/result.h"
#include "core/plan/executionsession.h"
#include "core/plan/heldchange.h"
#include "core/remote/http/agentclient.h"
#include "core/remote/http/remotechange.h"

#include <QList>
#include <QMutex>
#include <QTimer>
#include <QWebSocket>

#include <atomic>

namespace ChuteDeck::Core {

// A change run by chutedeck-agent, driven as if it ran here (DESIGN.md: the HTTP client that
// follows an agent's executor). start() submits the change (paused when asked, with its
// breakpoints and injected failures), then follows the agent's event stream in ChuteDeck's
// format: events arrive as the agent's executor made them, batch by batch, and a lost stream is
// reopened from the next seq, so no event is lost or repeated. Commands go to the agent's control
// routes one at a time, in the order given; the ones the current state does not allow are
// rejected here at once with the executor's reasons.
//
// Commands may come from any thread; the session itself (network, signals) lives on its own.
class HttpSession final
    : public ExecutionSession
    , public HeldChange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpSession)

public:
    // `router`: http://host:port (AgentClient::parseRouterUrl()).
    HttpSession(const QUrl &router, AgentCredentials credentials, ChangeRequest change,
                RemoteRunOptions run, QObject *parent = nullptr);
    ~HttpSession() override;

    // Submits the change; submitted() or failed() follows.
    void start();

    AgentClient &client() { return *m_client; }
    int changeId() const { return m_changeId; }
    // After failed(): what went wrong (the submission, the stream, or the agent refused).
    const Error &error() const { return m_error; }

    // The change's summary as the agent has it now ({"status", "result", "message", ...}).
    void fetchSummary(AgentClient::Done done);

    // HeldChange. After a success the agent may hold the change's transaction for a confirmation
    // (its status "awaiting-confirmation", until its "deadline"): confirmation() is the hold as of
    // finished(), which waits for the agent's word; confirm(), revert() and extend() ask the agent
    // and wait (on this session's thread), failing with its refusal (409 when nothing is held).
    Confirmation confirmation() const override;
    Result<void> confirm() override;
    Result<void> revert() override;
    Result<void> extend(const QDateTime &deadline) override;

    ExecutorState state() const override { return m_state; }
    Result<void> step() override;
    Result<void> resume() override;
    Result<void> pause() override;
    Result<void> abort() override;
    void setBreakpoint(const StepMatcher &matcher, bool enabled) override;
    QStringList breakpoints() const override;
    void setInjectedFailure(const StepMatcher &matcher, bool enabled) override;
    QStringList injectedFailures() const override;

Q_SIGNALS:
    void submitted(int change);
    // The agent refused the change before it ran (validate_change): its message. finished()
    // (RolledBack) follows, the router untouched.
    void rejected(const QString &message);
    // The change could not be submitted, or the agent was lost: error() tells why.
    void failed();
    // A command the agent did not accept after all (the state changed meanwhile).
    void commandRefused(const QString &message);
    // The submission's chute tar on its way to the agent: `sent` of `total` bytes.
    void uploadProgress(qint64 sent, qint64 total);

private:
    Result<void> command(const QString &name);
    void enqueue(AgentRequest request);
    void sendNext();
    void putMatchers(const QString &route, const QString &field, const StepMatcherSet &set);
    void openStream();
    void onMessage(const QString &message);
    void onDisconnected();
    void fail(const Error &error);
    void finish(ExecutorState state);
    Result<void> settle(const QString &action, const QByteArray &body = {});
    void setConfirmation(const QJsonValue &summary);

    AgentClient *m_client;
    ChangeRequest m_change;
    RemoteRunOptions m_run;
    int m_changeId = 0;
    std::atomic<ExecutorState> m_state = ExecutorState::Ready;
    std::atomic_bool m_rollingBack = false;
    std::atomic_bool m_ended = false;
    mutable QMutex m_matchersMutex; // breakpoints() and injectedFailures() may come from any thread
    StepMatcherSet m_breakpoints;
    StepMatcherSet m_failures;
    QList<AgentRequest> m_outbox;
    bool m_sending = false;
    QWebSocket *m_socket; // a child, so that tests can cut the stream
    QTimer m_reconnect;
    qint64 m_lastSeq = 0;
    mutable QMutex m_confirmationMutex;
    Confirmation m_confirmation;
    int m_reconnects = 0;
    Error m_error;
};

// The plan the agent would run for `change` now, as `chutedeck-cli plan --json` prints it:
// {"result": "planned"|"rejected", "message", "steps"}.
void fetchRemotePreview(AgentClient &client, const ChangeRequest &change,
                        std::function<void(const Result<QJsonObject> &)> done);

} // namespace ChuteDeck::Core
