#include "core/steps/statesteps.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/update/changeenvironment.h"
#include "core/update/generators.h"

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

// The cache keys under which saveChute keeps the store as it was, for revertChute.
const QString kStoreBefore = u"state.chuteStoreBefore"_s;
const QString kStoreExisted = u"state.chuteStoreExisted"_s;

ChangeEnvironment &environmentOf(StepContext &context)
{
    auto *environment = context.environment<ChangeEnvironment>();
    Q_ASSERT(environment); // the executor of a change always has one
    return *environment;
}

Result<void> generateServicePlans(StepContext &context)
{
    const Update *update = environmentOf(context).update(context.step().update);
    if (!update)
        return Result<void>::failure(ErrorCode::NotFound,
                                     u"No update named "_s + context.step().update);
    for (const Step &step : servicePlanSteps(*update)) {
        const Result<StepId> added
            = context.addStep(step.priority, step.todo, step.undo, step.description);
        if (!added)
            return added.error();
    }
    return Result<void>::success();
}

// Remembers the chute store as it is before this update changes it.
Result<void> rememberChuteStore(ChangeEnvironment &environment, const QString &update)
{
    Router &router = environment.router();
    const Result<QByteArray> before = router.readFile(QString(RouterPaths::chuteStore));
    if (!before && before.error().code != ErrorCode::NotFound)
        return before.error();
    QVariantMap &cache = environment.cache(update);
    cache.insert(kStoreExisted, before.ok());
    cache.insert(kStoreBefore, before.ok() ? before.value() : QByteArray());
    return Result<void>::success();
}

Result<void> saveChute(StepContext &context)
{
    ChangeEnvironment &environment = environmentOf(context);
    const Update *update = environment.update(context.step().update);
    if (!update || !update->newChute)
        return Result<void>::failure(ErrorCode::NotFound,
                                     u"No chute to save for "_s + context.step().update);
    if (Result<void> remembered = rememberChuteStore(environment, update->name); !remembered)
        return remembered;
    Result<QList<ChuteSpec>> installed = readInstalledChutes(environment.router());
    if (!installed)
        return installed.error();
    QList<ChuteSpec> chutes = std::move(installed).value();
    const auto existing = std::find_if(chutes.begin(), chutes.end(), [&](const ChuteSpec &chute) {
        return chute.name == update->name;
    });
    if (update->type == UpdateType::Delete) {
        if (existing != chutes.end())
            chutes.erase(existing);
    } else if (existing != chutes.end()) {
        *existing = *update->newChute;
    } else {
        chutes.append(*update->newChute);
    }
    context.appendOutput(u"%1 is %2 in the chute store"_s.arg(
        update->name, update->type == UpdateType::Delete
                          ? u"removed"_s
                          : chuteStateName(update->newChute->state)));
    return writeInstalledChutes(environment.router(), chutes);
}

Result<void> revertChute(StepContext &context)
{
    ChangeEnvironment &environment = environmentOf(context);
    const QVariantMap &cache = environment.cache(context.step().update);
    if (!cache.contains(kStoreExisted))
        return Result<void>::success(); // saveChute never ran for this update
    Router &router = environment.router();
    if (!cache.value(kStoreExisted).toBool())
        return router.remove(QString(RouterPaths::chuteStore));
    return router.writeFile(QString(RouterPaths::chuteStore),
                            cache.value(kStoreBefore).toByteArray());
}

Result<void> removeAllChutes(StepContext &context)
{
    ChangeEnvironment &environment = environmentOf(context);
    if (Result<void> remembered = rememberChuteStore(environment, context.step().update);
        !remembered)
        return remembered;
    return writeInstalledChutes(environment.router(), {});
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
