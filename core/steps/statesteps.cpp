#include "core/steps/statesteps.h"

#include "core/chute/chutestore.h"
#include "core/router/routerstate.h"
#include "core/steps/stepsupport.h"
#include "core/update/generators.h"

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Result<void> generateServicePlans(StepContext &context)
{
    for (const Step &step : servicePlanSteps(updateOf(context))) {
        const Result<StepId> added
            = context.addStep(step.priority, step.todo, step.undo, step.description);
        if (!added)
            return added.error();
    }
    return Result<void>::success();
}

Result<void> writeChuteStore(StepContext &context, const QList<ChuteSpec> &chutes)
{
    const QByteArray text = chuteStoreToYaml(chutes);
    Result<void> written = replaceFile(context, QString(RouterPaths::chuteStore), text);
    if (written)
        rememberChuteStore(text, chutes);
    return written;
}

Result<void> saveChute(StepContext &context)
{
    const Update &update = updateOf(context);
    if (!update.newChute)
        return Result<void>::failure(ErrorCode::NotFound, u"No chute to save for "_s + update.name);
    Result<QList<ChuteSpec>> installed = readInstalledChutes(routerOf(context));
    if (!installed)
        return installed.error();
    QList<ChuteSpec> chutes = std::move(installed).value();
    const auto existing = std::find_if(chutes.begin(), chutes.end(), [&](const ChuteSpec &chute) {
        return chute.name == update.name;
    });
    if (update.type == UpdateType::Delete) {
        if (existing != chutes.end())
            chutes.erase(existing);
    } else if (existing != chutes.end()) {
        *existing = *update.newChute;
    } else {
        chutes.append(*update.newChute);
    }
    context.appendOutput(u"%1 is %2 in the chute store"_s.arg(
        update.name,
        update.type == UpdateType::Delete ? u"removed"_s : chuteStateName(update.newChute->state)));
    return writeChuteStore(context, chutes);
}

Result<void> revertChute(StepContext &context)
{
    return restoreFile(context, QString(RouterPaths::chuteStore));
}

Result<void> removeAllChutes(StepContext &context)
{
    return writeChuteStore(context, {});
}

} // namespace

void registerStateSteps(StepRegistry &registry)
{
    registry.add(u"state.generate_service_plans"_s, generateServicePlans);
    registry.add(u"state.saveChute"_s, saveChute);
    registry.add(u"state.revertChute"_s, revertChute);
    registry.add(u"state.removeAllChutes"_s, removeAllChutes);
}

} // namespace ChuteDeck::Core
