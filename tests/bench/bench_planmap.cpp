#include "core/plan/planmap.h"
#include "tests/support/sampleplans.h"

#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

// Building 1,000 plans of ~30 steps (ParaDrop's create plan of a one-service chute), as a router
// with many chutes or a preview of many changes does. Target: under 10 ms for the 1,000 plans.
void planMapBuild(benchmark::State &state)
{
    const int plans = int(state.range(0));
    const QString chute = u"web"_s;
    qint64 steps = 0;
    for (auto _ : state) {
        for (int i = 0; i < plans; ++i) {
            PlanMap plan = oneServiceCreatePlan(chute);
            steps += plan.size();
            benchmark::DoNotOptimize(plan);
        }
    }
    state.counters["steps_per_plan"] = double(steps) / double(state.iterations() * plans);
}

// The rollback order of a long executed plan (one undo each, ParaDrop's de-duplication).
void planMapRollbackOrder(benchmark::State &state)
{
    PlanMap plan = noOpPlan(int(state.range(0)));
    while (plan.takeNextTodo()) {}
    for (auto _ : state)
        benchmark::DoNotOptimize(plan.rollbackOrder());
}

} // namespace

BENCHMARK(planMapBuild)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(planMapRollbackOrder)->Arg(30000)->Unit(benchmark::kMillisecond);
