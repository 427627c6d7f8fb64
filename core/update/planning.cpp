#include "core/update/planning.h"

#include "core/update/generators.h"

#include <QHash>

namespace ChuteDeck::Core {

Result<PlanMap> generatePlan(const QList<Update> &updates)
{
    QList<Step> combined;
    QHash<QString, qsizetype> routerWide; // identity → index in combined of the step kept
    for (const Update &update : updates) {
        Result<QList<Step>> steps = generateUpdateSteps(update);
        if (!steps) {
            if (updates.size() == 1)
                return steps.error();
            return Error{steps.error().code,
                         update.name + QStringLiteral(": ") + steps.error().message};
        }
        // In generation order, so that ids count generation as DESIGN.md says.
        for (Step &step : steps.value()) {
            if (!isRouterWide(step.todo.function)) {
                combined.append(std::move(step));
                continue;
            }
            const QString key = identityKey(step.todo, step.update);
            if (const auto kept = routerWide.constFind(key); kept != routerWide.cend()) {
                combined[kept.value()].chutes.append(step.update);
            } else {
                step.chutes = QStringList{step.update};
                routerWide.insert(key, combined.size());
                combined.append(std::move(step));
            }
        }
    }
    PlanMap plan(updates.size() == 1 ? updates.first().name : QStringLiteral("aggregate"));
    (void)plan.addSteps(std::move(combined)); // cannot fail: the plan is not running
    return plan;
}

const Update *findUpdate(const QList<Update> &updates, const QString &name)
{
    for (const Update &update : updates) {
        if (update.name == name)
            return &update;
    }
    return nullptr;
}

PlanMap previewPlan(const PlanMap &plan, const QList<Update> &updates)
{
    QHash<QString, const Update *> byName;
    for (const Update &update : updates)
        byName.insert(update.name, &update);
    // Generators run before the plan does, so these are the run's state.generate_service_plans
    // steps in run order; each adds its update's service steps, as it will when it runs.
    QList<Step> serviceSteps;
    for (qsizetype i = 0; i < plan.size(); ++i) {
        const Step &step = plan.at(i);
        if (step.todo.function != u"state.generate_service_plans")
            continue;
        if (const Update *update = byName.value(step.update))
            serviceSteps += servicePlanSteps(*update);
    }
    PlanMap preview = plan;
    (void)preview.addSteps(std::move(serviceSteps));
    return preview;
}

} // namespace ChuteDeck::Core
