#include "core/plan/executor.h"
#include "core/plan/workerthread.h"
#include "core/remote/openrouter.h"
#include "tests/support/sampleplans.h"
#include "ui/models/runcontroller.h"
#include "ui/widgets/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

using namespace ChuteDeck;
using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

// The desktop window on a fresh sandbox router, shown (offscreen), as a user has it open.
struct OpenWindow
{
    OpenWindow()
    {
        window
            = std::make_unique<Ui::MainWindow>(openRouter(u"sandbox:"_s + folder.path()).value());
        window->show();
        QCoreApplication::processEvents();
    }

    QTemporaryDir folder;
    std::unique_ptr<Ui::MainWindow> window;
};

std::shared_ptr<StepRegistry> noOpRegistry()
{
    auto registry = std::make_shared<StepRegistry>();
    registry->add(u"bench.noop"_s, [](StepContext &) { return Result<void>::success(); });
    return registry;
}

double peakMemoryMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

// An aggregated plan of ~33,000 steps (1,000 two-service chutes) loaded into the window: the plan
// model, the plan view, the timeline and the status bar, until the window has painted it.
// Target: under 150 ms.
void loadPlanIntoWindow(benchmark::State &state)
{
    const PlanMap preview = Tests::aggregatedCreatePreview(
        QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u"/two-services"_s, int(state.range(0)));
    WorkerThread thread(u"bench-steps"_s); // outlives the window's session, which runs on it
    OpenWindow open;
    const auto registry = noOpRegistry();
    for (auto _ : state) {
        state.PauseTiming();
        auto session = std::make_unique<Executor>(
            preview, registry, ExecutorOptions{thread.context(), nullptr, {}, {}, {}});
        state.ResumeTiming();
        open.window->followSession(std::move(session), preview);
        QCoreApplication::processEvents(); // layout and paint
    }
    state.counters["steps"] = double(preview.size());
    state.counters["peak_MiB"] = peakMemoryMiB();
}

// 10,000 no-op steps run with the window open and following every event. The GUI thread must
// never stall: a 5 ms timer measures the longest gap between its wake-ups (target under 50 ms);
// peak memory under 250 MiB.
void runNoOpStepsWithWindowOpen(benchmark::State &state)
{
    const int steps = int(state.range(0));
    WorkerThread thread(u"bench-steps"_s); // outlives the window's session, which runs on it
    OpenWindow open;
    const auto registry = noOpRegistry();
    double longestGapMs = 0;
    double longestRunningGapMs = 0; // before the run's end is handled
    for (auto _ : state) {
        state.PauseTiming();
        PlanMap plan = Tests::noOpPlan(steps);
        auto session = std::make_unique<Executor>(
            plan, registry, ExecutorOptions{thread.context(), nullptr, {}, {}, {}});
        open.window->followSession(std::move(session), plan);
        QCoreApplication::processEvents();
        state.ResumeTiming();

        QEventLoop loop;
        QObject::connect(open.window->controller(), &Ui::RunController::finished, &loop,
                         &QEventLoop::quit);
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        QElapsedTimer sinceLastTick;
        bool finished = false;
        QObject::connect(open.window->controller(), &Ui::RunController::finished, &loop,
                         [&] { finished = true; });
        QObject::connect(&probe, &QTimer::timeout, &loop, [&] {
            const double gap = double(sinceLastTick.restart());
            longestGapMs = std::max(longestGapMs, gap);
            if (!finished)
                longestRunningGapMs = std::max(longestRunningGapMs, gap);
        });
        sinceLastTick.start();
        probe.start();
        open.window->run();
        loop.exec();
        longestGapMs = std::max(longestGapMs, double(sinceLastTick.elapsed()));
    }
    state.counters["longest_gap_ms"] = longestGapMs;
    state.counters["longest_gap_while_running_ms"] = longestRunningGapMs;
    state.counters["peak_MiB"] = peakMemoryMiB();
    state.SetItemsProcessed(state.iterations() * steps);
}

} // namespace

BENCHMARK(loadPlanIntoWindow)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(runNoOpStepsWithWindowOpen)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

// The window needs a QApplication; offscreen unless the caller picked a platform.
int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // keep the user's window settings out of it
    const QApplication app(argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
