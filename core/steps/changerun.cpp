#include "core/steps/changerun.h"

#include "core/plan/workerthread.h"
#include "core/router/transaction.h"
#include "core/steps/builtinsteps.h"
#include "core/steps/stepsupport.h"
#include "core/update/changeenvironment.h"
#include "core/update/planning.h"

#include <QDateTime>
#include <QEventLoop>
#include <QRandomGenerator>

#include <tuple>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

// Unique enough to never meet another on one router, and sortable by start time.
QString newTransactionId()
{
    return QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s) + u'-'
           + QString::number(QRandomGenerator::global()->generate() % 100000);
}

QString namesOf(const QList<Update> &updates)
{
    QStringList names;
    for (const Update &update : updates)
        names.append(update.name);
    return names.join(u", "_s);
}

// The built-in steps, each body between Router::beginStep() and endStep(): a router that confirms
// changes late (SshRouter's pipelining) still fails the step that made them.
std::shared_ptr<const StepRegistry> stepsConfirmedAtTheirEnd()
{
    static const std::shared_ptr<const StepRegistry> registry = [] {
        auto wrapped = std::make_shared<StepRegistry>();
        const std::shared_ptr<const StepRegistry> builtin = builtinSteps();
        for (const QString &name : builtin->names()) {
            wrapped->add(name, [body = *builtin->find(name)](StepContext &context) {
                Router &router = routerOf(context);
                router.beginStep();
                const Result<void> result = body(context);
                const Result<void> confirmed = router.endStep();
                return result ? confirmed : result;
            });
        }
        return wrapped;
    }();
    return registry;
}

} // namespace

Result<std::unique_ptr<ChangeRun>> ChangeRun::prepare(Router &router, QList<Update> updates,
                                                      PlanMap plan, ChangeRunOptions runOptions)
{
    std::unique_ptr<ChangeRun> run(new ChangeRun);
    Result<std::unique_ptr<RouterTransaction>> transaction
        = RouterTransaction::begin(router, newTransactionId());
    if (!transaction)
        return transaction.error();
    run->m_transaction = std::move(transaction).value();
    Result<std::unique_ptr<TransactionGuard>> guard
        = router.guardTransaction(run->m_transaction->id());
    if (!guard) {
        std::ignore = run->m_transaction->restore(); // nothing ran yet: only the lock and folder
        return guard.error();
    }
    run->m_guard = std::move(guard).value();
    run->m_router = &router;
    run->m_updates = std::move(updates);
    run->m_options = runOptions;

    RouterTransaction *recorded = run->m_transaction.get();
    ExecutorOptions options;
    options.runContext = router.ioThread().context();
    options.environment = std::make_shared<ChangeEnvironment>(*recorded, run->m_updates);
    options.changeType
        = run->m_updates.isEmpty() ? QString() : updateTypeName(run->m_updates.first().type);
    options.chute = namesOf(run->m_updates);
    options.onFinish = [run = run.get()](ExecutorState state) { return run->finishRun(state); };
    run->m_executor = std::make_unique<Executor>(std::move(plan), stepsConfirmedAtTheirEnd(),
                                                 std::move(options));
    return run;
}

ChangeRun::~ChangeRun() = default;

Result<void> ChangeRun::finishRun(ExecutorState state)
{
    RouterTransaction &transaction = *m_transaction;
    if (m_recordFileChanges)
        m_fileChanges = collectFileChanges(transaction, transaction);
    if (state != ExecutorState::Succeeded)
        return transaction.restore();
    if (!m_options.confirmTimeout || !transaction.needsConfirmation())
        return transaction.commit();
    const QDateTime deadline
        = QDateTime::currentDateTimeUtc().addSecs(m_options.confirmTimeout->count());
    if (Result<void> held = transaction.awaitConfirmation(deadline); !held) {
        // Without its deadline on the router nobody would revert it: undo it now instead.
        std::ignore = transaction.restore();
        return held;
    }
    setConfirmation({TransactionOutcome::Pending, deadline});
    return {};
}

Confirmation ChangeRun::confirmation() const
{
    const QMutexLocker locker(&m_confirmationMutex);
    return m_confirmation;
}

void ChangeRun::setConfirmation(Confirmation confirmation)
{
    const QMutexLocker locker(&m_confirmationMutex);
    m_confirmation = std::move(confirmation);
}

Result<void> ChangeRun::checkAwaitingConfirmation() const
{
    if (confirmation().outcome == TransactionOutcome::Pending)
        return {};
    return Error{ErrorCode::CommandRejected,
                 u"transaction "_s + transactionId() + u" is not awaiting confirmation"_s};
}

// The transaction's I/O belongs on the router's thread (a libssh session stays on one thread).
Result<void> ChangeRun::onRouterThread(const std::function<Result<void>()> &work)
{
    if (Result<void> awaiting = checkAwaitingConfirmation(); !awaiting)
        return awaiting;
    return m_router->ioThread().runAndWait(work);
}

Result<void> ChangeRun::confirm()
{
    return onRouterThread([this]() -> Result<void> {
        Result<void> committed = m_transaction->commit();
        if (committed)
            setConfirmation({TransactionOutcome::Confirmed, {}});
        return committed;
    });
}

Result<void> ChangeRun::revert()
{
    return onRouterThread([this]() -> Result<void> {
        Result<void> restored = m_transaction->restoreAndReload(); // the run reloaded the change
        if (restored)
            setConfirmation({TransactionOutcome::Reverted, {}});
        return restored;
    });
}

Result<void> ChangeRun::extend(const QDateTime &deadline)
{
    return onRouterThread([this, &deadline]() -> Result<void> {
        Result<void> moved = m_transaction->awaitConfirmation(deadline);
        if (moved)
            setConfirmation({TransactionOutcome::Pending, deadline.toUTC()});
        return moved;
    });
}

QString ChangeRun::transactionId() const
{
    return m_transaction->id();
}

Result<RunReport> applyAndWait(Router &router, const QList<Update> &updates)
{
    Result<PlanMap> plan = generatePlan(updates);
    if (!plan)
        return plan.error();
    Result<std::unique_ptr<ChangeRun>> change
        = ChangeRun::prepare(router, updates, std::move(plan).value());
    if (!change)
        return change.error();
    Executor &executor = change.value()->executor();
    RunReport report;
    QEventLoop loop;
    QObject::connect(&executor, &ExecutionSession::eventsReady, &loop,
                     [&report](const EventBatch &events) { report.add(events); });
    QObject::connect(&executor, &ExecutionSession::finished, &loop, &QEventLoop::quit);
    (void)executor.resume();
    loop.exec();
    return report;
}

} // namespace ChuteDeck::Core
