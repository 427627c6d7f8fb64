#pragma once

#include "core/base/result.h"
#include "core/plan/executionevent.h"
#include "core/plan/executionsession.h"
#include "core/plan/planmap.h"
#include "core/plan/runreport.h"
#include "core/plan/stepmatcher.h"
#include "core/router/filechanges.h"
#include "core/steps/changerun.h"
#include "core/update/changerequest.h"
#include "core/update/update.h"

#include <QObject>

#include <functional>
#include <memory>

namespace ChuteDeck::Core {
class Router;
} // namespace ChuteDeck::Core

namespace ChuteDeck::Ui {

class PlanModel;

// One change as the desktop drives it, without widgets: plans a ChangeRequest into the PlanModel
// and runs it on the router like a debugger. Breakpoints and "make this step fail" are the plan
// model's flags, forwarded to the executor as they change; matchers from the command line apply
// to every run; "run to here" is a breakpoint that disappears once the run stops anywhere.
class RunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunController)

public:
    RunController(Core::Router &router, PlanModel *plan, QObject *parent = nullptr);
    ~RunController() override;

    Core::Router &router() const { return *m_router; }
    // Switches routers; refused while a run is live.
    bool setRouter(Core::Router &router);
    bool isSandbox() const;

    // Plans the request against the router's current state. Invalid input (a chute with the file,
    // line and field of the error) and rejections fail, and the plan is left empty.
    Core::Result<void> plan(const Core::ChangeRequest &request);
    // Plans the last request again against the router as it is now.
    Core::Result<void> replan();
    bool hasPlan() const { return !m_preview.isEmpty(); }
    const Core::ChangeRequest &request() const { return m_request; }
    const QList<Core::Update> &updates() const { return m_updates; }
    QString planSummary() const; // "Create of hello-web: 31 steps"
    int plannedStepCount() const { return int(m_preview.size()); }
    const Core::PlanMap &preview() const { return m_preview; }

    // Whether a run has started and not ended.
    bool isLive() const;
    bool hasRun() const { return m_session != nullptr; }
    Core::ExecutorState state() const;
    const Core::RunReport &report() const { return m_report; }
    // After a planned change's run: the router files it touched, before and after. Empty for a
    // followed session.
    Core::Result<QList<Core::FileChange>> fileChanges() const;

    // Confirm-or-revert (DESIGN.md): with a time-out, a planned change's successful run that
    // changed networking or the host configuration stays pending until confirmRun() or
    // revertRun(), or until the deadline, when the window (and the router) reverts it. Unset:
    // committed at once. An agent's change followed here is held by the agent alike.
    void setConfirmTimeout(std::optional<std::chrono::seconds> timeout)
    {
        m_confirmTimeout = timeout;
    }
    std::optional<std::chrono::seconds> confirmTimeout() const { return m_confirmTimeout; }
    Core::Confirmation confirmation() const;
    bool awaitsConfirmation() const;
    // While awaiting confirmation; each waits for the router's I/O (on the router's thread) or the
    // agent's answer.
    Core::Result<void> confirmRun();
    Core::Result<void> revertRun();
    Core::Result<void> extendRun(std::chrono::seconds more);

    // Debugger commands. The first command starts the run.
    Core::Result<void> step();
    Core::Result<void> resume();
    Core::Result<void> pause();
    Core::Result<void> abort();
    // Runs until the step is about to run (or the run stops earlier for another reason).
    Core::Result<void> runToStep(Core::StepId id);

    void addRunMatchers(const QList<Core::StepMatcher> &breakpoints,
                        const QList<Core::StepMatcher> &failures);

    // Follows a session prepared elsewhere, with the plan it runs, instead of planning a
    // ChangeRequest: benchmarks run no-op plans this way, and the window an agent's remote run.
    // `start`, when given, runs once before the first command reaches the session (an
    // HttpSession submits its change then, so that a change only previewed never occupies the
    // agent's queue).
    using SessionStart = std::function<void(Core::ExecutionSession &)>;
    void followSession(std::unique_ptr<Core::ExecutionSession> session, Core::PlanMap preview,
                       SessionStart start = {});
    // Whether "make this step fail" is offered: on the sandbox router, and on routers whose runs
    // take injected failures (an agent started with --allow-fault-injection).
    // Stops following a session that can no longer end by itself (an agent that was lost): the
    // plan stays, the run is over for the window.
    void abandonSession();
    bool canInjectFailures() const { return isSandbox() || m_remoteFailures; }
    void setRemoteFailuresAllowed(bool allowed) { m_remoteFailures = allowed; }

Q_SIGNALS:
    void planned();
    void eventsReady(const ChuteDeck::Core::EventBatch &events);
    void finished(ChuteDeck::Core::ExecutorState state);
    // A pending transaction was confirmed, reverted or given more time.
    void confirmationChanged();

private:
    using Command = Core::Result<void> (Core::ExecutionSession::*)();
    Core::Result<void> command(Command sessionCommand);
    Core::Result<void> startRun();
    void attach(Core::ExecutionSession &session);
    void forget();
    void onEvents(const Core::EventBatch &events);
    void clearRunToHere();
    void startFollowed();
    void showPlan(Core::PlanMap preview);

    Core::Router *m_router;
    PlanModel *m_plan;
    Core::ChangeRequest m_request;
    QList<Core::Update> m_updates;
    Core::PlanMap m_preview; // the plan as shown, service steps included
    // The session being followed, and what owns it: a ChangeRun of the planned request, or a
    // session given to followSession().
    Core::ExecutionSession *m_session = nullptr;
    std::unique_ptr<Core::ChangeRun> m_run;
    std::unique_ptr<Core::ExecutionSession> m_followed;
    Core::RunReport m_report;
    QList<Core::StepMatcher> m_runBreakpoints;
    QList<Core::StepMatcher> m_runFailures;
    Core::StepId m_runToHere = 0;
    Core::HeldChange *heldChange() const;
    Core::Result<void>
    settleHeld(const std::function<Core::Result<void>(Core::HeldChange &)> &call);
    SessionStart m_start; // until the followed session's first command
    std::optional<std::chrono::seconds> m_confirmTimeout;
    bool m_remoteFailures = false;
};

} // namespace ChuteDeck::Ui
