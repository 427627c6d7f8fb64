#include "core/chute/chutespec.h"
#include "core/update/planning.h"

#include <array>
#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

// 1,000 updates of mixed types (create, update, delete, start, stop, restart) over chutes made
// from a parsed sample, and the router's installed chutes they apply to.
struct MixedUpdates
{
    QList<Update> updates;

    explicit MixedUpdates(int count)
    {
        const ChuteSpec sample
            = loadChute(QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u"/two-services"_s).value();
        const std::array types{UpdateType::Create, UpdateType::Update, UpdateType::Delete,
                               UpdateType::Start,  UpdateType::Stop,   UpdateType::Restart};
        for (int i = 0; i < count; ++i) {
            const UpdateType type = types.at(size_t(i) % types.size());
            ChuteSpec installed = sample;
            installed.name = u"chute-%1"_s.arg(i);
            installed.version = u"1"_s;
            installed.state = type == UpdateType::Start ? ChuteState::Stopped : ChuteState::Running;
            ChuteSpec next = installed;
            next.version = u"2"_s;
            const QList<ChuteSpec> router
                = type == UpdateType::Create ? QList<ChuteSpec>() : QList<ChuteSpec>{installed};
            updates.append(makeChuteUpdate(type, next, installed.name, router));
        }
    }
};

// Target: under 20 ms for 1,000 updates, generation and aggregation into one plan.
void generateAndAggregate(benchmark::State &state)
{
    const MixedUpdates mixed(int(state.range(0)));
    qsizetype steps = 0;
    for (auto _ : state) {
        const Result<PlanMap> plan = generatePlan(mixed.updates);
        steps = plan.value().size();
        benchmark::DoNotOptimize(plan);
    }
    state.counters["steps"] = double(steps);
}

// The same, with the per-service steps the preview adds (what `plan` prints).
void generateAggregateAndPreview(benchmark::State &state)
{
    const MixedUpdates mixed(int(state.range(0)));
    qsizetype steps = 0;
    for (auto _ : state) {
        const PlanMap preview = previewPlan(generatePlan(mixed.updates).value(), mixed.updates);
        steps = preview.size();
        benchmark::DoNotOptimize(preview);
    }
    state.counters["steps"] = double(steps);
}

} // namespace

BENCHMARK(generateAndAggregate)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(generateAggregateAndPreview)->Arg(1000)->Unit(benchmark::kMillisecond);
