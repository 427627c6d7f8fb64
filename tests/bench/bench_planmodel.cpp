#include "tests/support/sampleplans.h"
#include "ui/models/planmodel.h"

#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

namespace {

PlanMap aggregatedCreatePreview(int count)
{
    return ChuteDeck::Tests::aggregatedCreatePreview(
        QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u"/two-services"_s, count);
}

// Target: under 150 ms for ~30,000 steps (the model alone; the view is measured with the window).
void loadPlan(benchmark::State &state)
{
    const PlanMap preview = aggregatedCreatePreview(int(state.range(0)));
    PlanModel model;
    for (auto _ : state) {
        model.setPlan(preview);
        benchmark::DoNotOptimize(model.rowCount());
    }
    state.counters["steps"] = double(preview.size());
}

// A whole run's step events (running, then done, for every step) in batches of 600 events, about
// what a 10,000 steps/s run delivers each 33 ms.
void applyRunEvents(benchmark::State &state)
{
    const PlanMap preview = aggregatedCreatePreview(int(state.range(0)));
    QList<EventBatch> batches(1);
    for (qsizetype i = 0; i < preview.size(); ++i) {
        ExecutionEvent event;
        event.kind = ExecutionEvent::Kind::Step;
        event.step = StepRef::todo(preview.at(i));
        event.time = 1700000000.0 + double(i) / 1000;
        batches.last().append(event);
        event.status = StepStatus::Done;
        event.ms = 0.1;
        batches.last().append(event);
        if (batches.last().size() >= 600)
            batches.append(EventBatch());
    }
    PlanModel model;
    for (auto _ : state) {
        state.PauseTiming();
        model.setPlan(preview);
        state.ResumeTiming();
        for (const EventBatch &batch : batches)
            model.applyEvents(batch);
    }
    state.counters["steps"] = double(preview.size());
    state.counters["batches"] = double(batches.size());
}

} // namespace

BENCHMARK(loadPlan)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(applyRunEvents)->Arg(1000)->Unit(benchmark::kMillisecond);
