#include "tests/support/sandboxfixture.h"

#include "core/plan/executor.h"
#include "core/plan/workerthread.h"
#include "core/router/routerstate.h"
#include "core/steps/builtinsteps.h"
#include "core/steps/changerun.h"
#include "core/update/changeenvironment.h"
#include "core/update/planning.h"

#include <QSignalSpy>

namespace ChuteDeck::Tests {

using namespace ChuteDeck::Core;

SandboxFixture::SandboxFixture()
{
    Result<std::unique_ptr<SandboxRouter>> opened = SandboxRouter::open(m_folder.path());
    if (!opened)
        qFatal("cannot open a sandbox router in %s: %s", qPrintable(m_folder.path()),
               qPrintable(opened.error().message));
    router = std::move(opened).value();
}

SandboxFixture::~SandboxFixture() = default;

QList<ChuteSpec> SandboxFixture::installed() const
{
    return readInstalledChutes(*router).value();
}

RunReport SandboxFixture::run(const QList<Update> &updates, const QList<StepMatcher> &failures,
                              Recording recording)
{
    const Result<PlanMap> plan = generatePlan(updates);
    if (!plan) {
        qWarning("rejected: %s", qPrintable(plan.error().message));
        return {};
    }
    std::unique_ptr<ChangeRun> change;
    std::unique_ptr<Executor> bare;
    Executor *executor = nullptr;
    if (recording == Recording::Transaction) {
        Result<std::unique_ptr<ChangeRun>> prepared
            = ChangeRun::prepare(*router, updates, plan.value());
        if (!prepared) {
            qWarning("%s", qPrintable(prepared.error().message));
            return {};
        }
        change = std::move(prepared).value();
        executor = &change->executor();
    } else {
        ExecutorOptions options;
        options.runContext = router->ioThread().context();
        options.environment = std::make_shared<ChangeEnvironment>(*router, updates);
        options.changeType = updateTypeName(updates.first().type);
        options.chute = updates.first().name;
        bare = std::make_unique<Executor>(plan.value(), builtinSteps(), std::move(options));
        executor = bare.get();
    }
    for (const StepMatcher &failure : failures)
        executor->setInjectedFailure(failure, true);
    return runToEnd(*executor);
}

RunReport runToEnd(ExecutionSession &session)
{
    RunReport report;
    QObject::connect(&session, &ExecutionSession::eventsReady, &session,
                     [&report](const EventBatch &events) { report.add(events); });
    QSignalSpy finished(&session, &ExecutionSession::finished);
    (void)session.resume();
    if (!finished.wait(20000))
        qWarning("the run did not finish");
    return report;
}

} // namespace ChuteDeck::Tests
