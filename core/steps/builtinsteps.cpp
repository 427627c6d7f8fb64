#include "core/steps/builtinsteps.h"

#include "core/steps/dockersteps.h"
#include "core/steps/filesteps.h"
#include "core/steps/hostconfigsteps.h"
#include "core/steps/networksteps.h"
#include "core/steps/statesteps.h"

namespace ChuteDeck::Core {
namespace {

std::shared_ptr<const StepRegistry> makeBuiltinSteps()
{
    auto registry = std::make_shared<StepRegistry>();
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

} // namespace ChuteDeck::Core
