#include "app/chutedeck-cli/applyrun.h"

#include "app/chutedeck-cli/console.h"
#include "app/chutedeck-cli/stepprompt.h"
#include "app/chutedeck-cli/transactioncommands.h"
#include "core/plan/executor.h"
#include "core/plan/priority.h"
#include "core/plan/runreport.h"
#include "core/remote/http/httpsession.h"
#include "core/router/router.h"
#include "core/steps/changerun.h"
#include "core/update/changerequest.h"
#include "core/update/stepcatalog.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace ChuteDeck::Cli {
namespace {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

QString stepLabel(const StepRef &step)
{
    const QString undo = step.phase == Phase::Abort ? u"undo "_s : QString();
    return u"#%1 %2%3"_s.arg(step.stepId).arg(undo, step.call.toDisplayString());
}

// A run, local or on an agent, followed through its ExecutionSession.
class ApplyRun
{
public:
    // `successMessage` gives ParaDrop's text for a success ("Chute web create success").
    ApplyRun(ExecutionSession &session, std::function<QString()> successMessage,
             const ApplyOptions &options)
        : m_successMessage(std::move(successMessage))
        , m_options(options)
        , m_executor(session)
    {
        for (const StepMatcher &matcher : options.breakpoints)
            m_executor.setBreakpoint(matcher, true);
        for (const StepMatcher &matcher : options.failures)
            m_executor.setInjectedFailure(matcher, true);
        if (options.stepByStep || !options.breakpoints.isEmpty())
            m_prompt = std::make_unique<StepPrompt>(m_executor);
        QObject::connect(&m_executor, &ExecutionSession::eventsReady, &m_loop,
                         [this](const EventBatch &events) { onEvents(events); });
        QObject::connect(&m_executor, &ExecutionSession::finished, &m_loop, &QEventLoop::quit);
    }

    QEventLoop &loop() { return m_loop; }

    int exec()
    {
        runToEnd();
        return report();
    }

    void runToEnd()
    {
        begin();
        m_loop.exec();
    }

    bool succeeded() const { return m_report.state() == ExecutorState::Succeeded; }

    // What the apply adds to the run's report: its transaction, a lost connection instead of
    // the run's own result.
    void setTransaction(TransactionReport transaction) { m_transaction = std::move(transaction); }
    void setConnectionLost(QString message) { m_connectionLost = std::move(message); }

    void begin()
    {
        if (m_options.stepByStep)
            m_prompt->stopped(u"Ready to run the plan."_s);
        else
            (void)m_executor.resume();
    }

private:
    void onEvents(const EventBatch &events)
    {
        m_report.add(events);
        for (const ExecutionEvent &event : events) {
            if (!m_options.json)
                print(event);
            if (m_prompt && event.kind == ExecutionEvent::Kind::State
                && event.state == ExecutorState::Paused) {
                m_prompt->stopped(u"Paused before %1."_s.arg(stepLabel(event.step)));
            }
        }
    }

    static void print(const ExecutionEvent &event)
    {
        if (event.kind == ExecutionEvent::Kind::State) {
            if (event.state == ExecutorState::RollingBack && !event.pendingUndo.isEmpty()) {
                out() << "Rolling back after "
                      << (event.cause == RollbackCause::Abort ? "an abort" : "a failure")
                      << ", undo steps to run: " << event.pendingUndo.size() << '\n';
            }
            out().flush();
            return;
        }
        if (event.status == StepStatus::Running)
            return;
        // Fixed widths: lines go out as the steps end, before the widest cell is known.
        const QString duration
            = event.status == StepStatus::Skipped ? QString() : u"%1 ms"_s.arg(event.ms, 0, 'f', 1);
        const QString chutes = event.step.chutes.size() > 1
                                   ? u" ["_s + event.step.chutes.join(u", "_s) + u']'
                                   : QString();
        QString line = u"%1 %2  %3 %4 %5%6"_s.arg(
            stepStatusName(event.status).leftJustified(7), duration.rightJustified(9),
            bandName(priorityBand(event.step.priority)).leftJustified(28),
            stepLabel(event.step).leftJustified(46), describeStep(event.step.call), chutes);
        if (event.status == StepStatus::Failed)
            line += u"\n        "_s + event.message;
        out() << line << Qt::endl;
    }

    QString resultMessage() const
    {
        switch (m_report.state()) {
        case ExecutorState::Succeeded:
            return m_successMessage();
        case ExecutorState::RollbackFailed:
            return m_report.failureMessage() + u"; the router could not be fully restored"_s;
        default:
            if (m_report.cause() == RollbackCause::Abort)
                return u"Aborted: every completed step was undone."_s;
            return m_report.failureMessage();
        }
    }

public:
    int report() const
    {
        const QString result = m_connectionLost ? u"connection-lost"_s : m_report.resultName();
        const QString message = m_connectionLost ? *m_connectionLost : resultMessage();
        if (m_options.json) {
            QJsonObject json{{u"result"_s, result},
                             {u"message"_s, message},
                             {u"steps"_s, m_report.takenStepsJson()}};
            if (m_transaction)
                json.insert(u"transaction"_s, m_transaction->json);
            printJson(json);
        } else {
            out() << m_report.finalMessage() << '\n' << result << ": " << message << '\n';
            if (m_transaction && !m_transaction->text.isEmpty())
                out() << m_transaction->text << '\n';
            out().flush();
        }
        const bool failed = m_connectionLost || (m_transaction && m_transaction->failed);
        return succeeded() && !failed ? ExitSucceeded : ExitFailed;
    }

    std::function<QString()> m_successMessage;
    ApplyOptions m_options;
    QEventLoop m_loop;
    ExecutionSession &m_executor;
    RunReport m_report;
    std::unique_ptr<StepPrompt> m_prompt;
    std::optional<TransactionReport> m_transaction;
    std::optional<QString> m_connectionLost;
};

// A succeeded change whose transaction the agent holds for a confirmation is confirmed at once:
// this process still reaches the agent, which is what the confirmation proves. With
// --manual-confirm it is left to `chutedeck-cli confirm|revert`. The exit code when that fails.
std::optional<int> confirmIfAwaited(HttpSession &session, const ApplyOptions &options)
{
    const Confirmation held = session.confirmation();
    if (held.outcome != TransactionOutcome::Pending)
        return std::nullopt;
    if (options.manualConfirm) {
        err() << "Change " << session.changeId() << " awaits confirmation until "
              << held.deadline.toString(Qt::ISODate) << " (chutedeck-cli confirm --id "
              << session.changeId() << "); without it the router reverts it." << Qt::endl;
        return std::nullopt;
    }
    if (const Result<void> confirmed = session.confirm(); !confirmed)
        return reportError(Error{confirmed.error().code,
                                 confirmed.error().message
                                     + u"; not confirmed: the router reverts the change at its "
                                       "deadline"_s},
                           options.json, u"failed"_s);
    return std::nullopt;
}

// After a run that did not succeed on a guarded router (over SSH): whether the link is gone (then
// the router's watchdog, not this process, puts the router back), and when the router reverts it.
std::optional<QString> lostConnection(Router &router, const TransactionGuard *guard)
{
    if (guard == nullptr)
        return std::nullopt;
    const Result<bool> probe = router.exists(QString());
    if (probe || probe.error().code != ErrorCode::Unreachable)
        return std::nullopt;
    return probe.error().message + u"; the router reverts by "_s
           + guard->expiry().toString(Qt::ISODate);
}

} // namespace

int runApply(Router &router, const QList<Update> &updates, PlanMap plan,
             const ApplyOptions &options)
{
    ChangeRunOptions runOptions;
    runOptions.confirmTimeout = options.confirmTimeout;
    Result<std::unique_ptr<ChangeRun>> change
        = ChangeRun::prepare(router, updates, std::move(plan), runOptions);
    if (!change)
        return reportError(change.error(), options.json, u"failed"_s);
    ChangeRun &changeRun = *change.value();
    const QList<Update> &ran = changeRun.updates();
    ApplyRun run(
        changeRun.executor(), [&ran] { return successMessage(ran); }, options);
    run.runToEnd();
    if (!run.succeeded()) {
        if (std::optional<QString> lost = lostConnection(router, changeRun.guard()))
            run.setConnectionLost(*lost);
    }
    run.setTransaction(settleTransaction(changeRun, options));
    return run.report();
}

int runRemoteApply(const QUrl &router, const AgentLogin &login, const ChangeRequest &request,
                   const ApplyOptions &options)
{
    // Submitted paused, so that the run starts as a local one does: on resume() or the prompt.
    HttpSession session(router, login.credentials, request,
                        RemoteRunOptions{true, {}, {}, int(options.confirmTimeout.count())});
    session.client().setCertificateTrust(login.certificate);
    const auto agentMessage = [&session] {
        const Result<QJsonValue> change = session.client().sendAndWait(
            AgentRequest{"GET", u"/api/v1/changes/%1"_s.arg(session.changeId())});
        return change ? change.value()[u"message"_s].toString() : change.error().message;
    };
    ApplyRun run(session, agentMessage, options);
    bool failed = false;
    std::optional<QString> rejection;
    QObject::connect(&session, &HttpSession::failed, &run.loop(), [&] {
        failed = true;
        run.loop().quit();
    });
    QObject::connect(&session, &HttpSession::rejected, &run.loop(),
                     [&](const QString &message) { rejection = message; });
    session.start();
    if (!failed) {
        run.begin();
        run.loop().exec();
    }
    if (failed)
        return reportError(session.error(), options.json, u"failed"_s);
    if (rejection)
        return reportRejection(*rejection, options.json);
    if (session.state() == ExecutorState::Succeeded) {
        if (const std::optional<int> exit = confirmIfAwaited(session, options))
            return *exit;
    }
    return run.report();
}

} // namespace ChuteDeck::Cli
