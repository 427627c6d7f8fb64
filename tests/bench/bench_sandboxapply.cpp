#include "core/chute/chutespec.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/changerun.h"
#include "core/update/planning.h"

#include <QEventLoop>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

const QString kSample = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u"/hello-web"_s;

// One whole apply of a one-service create on a fresh sandbox router: transaction, every step's
// effect on the files, events to this thread, commit — or, with `failLast`, a failure at the last
// step and the rollback and restore of everything. Target: median under 30 ms each.
void applyCreate(benchmark::State &state, bool failLast)
{
    const ChuteSpec chute = loadChute(kSample).value();
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir folder;
        std::unique_ptr<SandboxRouter> router = SandboxRouter::open(folder.path()).value();
        Update update = makeChuteUpdate(UpdateType::Create, chute, {}, {});
        update.sourceFolder = kSample;
        const QList<Update> updates{update};
        PlanMap plan = generatePlan(updates).value();
        const StepId lastStep
            = previewPlan(plan, updates).at(previewPlan(plan, updates).size() - 1).id;
        state.ResumeTiming();

        std::unique_ptr<ChangeRun> change
            = ChangeRun::prepare(*router, updates, std::move(plan)).value();
        if (failLast)
            change->executor().setInjectedFailure(StepMatcher::forId(lastStep), true);
        QEventLoop loop;
        ExecutorState ended = ExecutorState::Ready;
        QObject::connect(&change->executor(), &ExecutionSession::finished, &loop,
                         [&](ExecutorState final) {
                             ended = final;
                             loop.quit();
                         });
        (void)change->executor().resume();
        loop.exec();
        if (ended != (failLast ? ExecutorState::RolledBack : ExecutorState::Succeeded))
            state.SkipWithError("the apply did not end as expected");

        state.PauseTiming();
        change.reset();
        router.reset();
        state.ResumeTiming();
    }
}

void applyCreateSucceeds(benchmark::State &state)
{
    applyCreate(state, false);
}

void applyCreateFailsAtLastStep(benchmark::State &state)
{
    applyCreate(state, true);
}

} // namespace

BENCHMARK(applyCreateSucceeds)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5);
BENCHMARK(applyCreateFailsAtLastStep)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5);
