#include "core/steps/changerun.h"

#include "core/plan/workerthread.h"
#include "core/router/transaction.h"
#include "core/steps/builtinsteps.h"
#include "core/update/changeenvironment.h"
#include "core/update/planning.h"

#include <QDateTime>
#include <QEventLoop>
#include <QRandomGenerator>

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

} // namespace

Result<std::unique_ptr<ChangeRun>> ChangeRun::prepare(Router &router, QList<Update> updates,
                                                      PlanMap plan)
{
    std::unique_ptr<ChangeRun> run(new ChangeRun);
    Result<std::unique_ptr<RouterTransaction>> transaction
        = RouterTransaction::begin(router, newTransactionId());
    if (!transaction)
        return transaction.error();
    run->m_transaction = std::move(transaction).value();
    run->m_updates = std::move(updates);

    RouterTransaction *recorded = run->m_transaction.get();
    ExecutorOptions options;
    options.runContext = router.ioThread().context();
    options.environment = std::make_shared<ChangeEnvironment>(*recorded, run->m_updates);
    options.changeType
        = run->m_updates.isEmpty() ? QString() : updateTypeName(run->m_updates.first().type);
    options.chute = namesOf(run->m_updates);
    options.onFinish = [run = run.get(), recorded](ExecutorState state) {
        if (run->m_recordFileChanges)
            run->m_fileChanges = collectFileChanges(*recorded, *recorded);
        return state == ExecutorState::Succeeded ? recorded->commit() : recorded->restore();
    };
    run->m_executor
        = std::make_unique<Executor>(std::move(plan), builtinSteps(), std::move(options));
    return run;
}

ChangeRun::~ChangeRun() = default;

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
