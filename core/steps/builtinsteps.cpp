#include "core/steps/builtinsteps.h"

#include "core/router/router.h"
#include "core/steps/dockersteps.h"
#include "core/steps/filesteps.h"
#include "core/steps/hostconfigsteps.h"
#include "core/steps/networksteps.h"
#include "core/steps/statesteps.h"
#include "core/update/changeenvironment.h"
#include "core/update/stepcatalog.h"

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

// Stands in for a step whose effect on the router is not written yet: appends
// "function(args) update" to the log, so a run shows which calls reached the router.
Result<void> recordCall(StepContext &context)
{
    auto *environment = context.environment<ChangeEnvironment>();
    if (!environment)
        return Result<void>::success();
    Router &router = environment->router();
    Result<QByteArray> log = router.readFile(recordedStepsLogPath());
    if (!log && log.error().code != ErrorCode::NotFound)
        return log.error();
    QByteArray text = log.ok() ? log.value() : QByteArray();
    const QString phase = context.phase() == Phase::Todo ? QString() : u"undo "_s;
    text += (phase + context.call().toDisplayString() + u' ' + context.step().update + u'\n')
                .toUtf8();
    return router.writeFile(recordedStepsLogPath(), text);
}

std::shared_ptr<const StepRegistry> makeBuiltinSteps()
{
    auto registry = std::make_shared<StepRegistry>();
    for (const QString &function : allStepFunctions())
        registry->add(function, recordCall);
    registerStateSteps(*registry);
    registerDockerSteps(*registry);
    registerFileSteps(*registry);
    registerNetworkSteps(*registry);
    registerHostConfigSteps(*registry);
    return registry;
}

} // namespace

std::shared_ptr<const StepRegistry> builtinSteps()
{
    static const std::shared_ptr<const StepRegistry> registry = makeBuiltinSteps();
    return registry;
}

QString recordedStepsLogPath()
{
    return u"var/lib/chutedeck/steps.log"_s;
}

} // namespace ChuteDeck::Core
