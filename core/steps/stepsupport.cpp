#include "core/steps/stepsupport.h"

#include "core/router/router.h"

namespace ChuteDeck::Core {

ChangeEnvironment &environmentOf(StepContext &context)
{
    auto *environment = context.environment<ChangeEnvironment>();
    Q_ASSERT(environment);
    return *environment;
}

Router &routerOf(StepContext &context)
{
    return environmentOf(context).router();
}

const Update &updateOf(StepContext &context)
{
    const Update *update = environmentOf(context).update(context.step().update);
    Q_ASSERT(update); // plans are generated from the environment's updates
    return *update;
}

UpdateState &stateOf(StepContext &context)
{
    return environmentOf(context).state(context.step().update);
}

Result<void> replaceFile(StepContext &context, const QString &path, const QByteArray &content)
{
    Router &router = routerOf(context);
    UpdateState &state = stateOf(context);
    if (!state.replaced.contains(path)) {
        const Result<QByteArray> before = router.readFile(path);
        if (!before && before.error().code != ErrorCode::NotFound)
            return before.error();
        state.replaced.insert(path, before.ok() ? std::optional(before.value()) : std::nullopt);
    }
    return router.writeFile(path, content);
}

Result<void> restoreFile(StepContext &context, const QString &path)
{
    const UpdateState &state = stateOf(context);
    const auto before = state.replaced.constFind(path);
    if (before == state.replaced.cend())
        return Result<void>::success();
    Router &router = routerOf(context);
    if (!before.value())
        return router.remove(path);
    return router.writeFile(path, *before.value());
}

} // namespace ChuteDeck::Core
