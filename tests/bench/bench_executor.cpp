#include "core/plan/executor.h"
#include "core/plan/workerthread.h"
#include "tests/support/sampleplans.h"

#include <QEventLoop>

#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

// Executor overhead per no-op step: the steps run on a worker thread and every event reaches a
// consumer on the main thread, as in the GUI. Target: under 2 µs per executed step.
void executorNoOpSteps(benchmark::State &state)
{
    const int steps = int(state.range(0));
    auto registry = std::make_shared<StepRegistry>();
    registry->add(u"bench.noop"_s, [](StepContext &) { return Result<void>::success(); });
    WorkerThread thread(u"bench-steps"_s);
    qint64 eventsDelivered = 0;

    for (auto _ : state) {
        state.PauseTiming();
        PlanMap plan = noOpPlan(steps);
        state.ResumeTiming();

        Executor executor(std::move(plan), registry,
                          ExecutorOptions{thread.context(), nullptr, {}, {}, {}});
        QEventLoop loop;
        QObject::connect(&executor, &ExecutionSession::eventsReady, &loop,
                         [&](const EventBatch &batch) { eventsDelivered += batch.size(); });
        QObject::connect(&executor, &ExecutionSession::finished, &loop, &QEventLoop::quit);
        (void)executor.resume();
        loop.exec();
    }
    state.counters["events"]
        = benchmark::Counter(double(eventsDelivered) / double(state.iterations()));
    state.counters["per_step"] = benchmark::Counter(
        double(steps), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
    state.SetItemsProcessed(state.iterations() * steps);
}

} // namespace

BENCHMARK(executorNoOpSteps)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);
