#include "core/plan/executor.h"
#include "core/steps/changerun.h"
#include "core/update/planning.h"
#include "tests/support/sandboxfixture.h"
#include "ui/models/planmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 20000;

// A one-service chute of a registry image: the create plan exercises every band.
Update createWeb()
{
    ChuteSpec chute;
    chute.name = u"web"_s;
    chute.version = u"1"_s;
    chute.state = ChuteState::Running;
    ServiceSpec service;
    service.name = u"main"_s;
    service.type = ServiceType::Image;
    service.image = u"nginx:1.25"_s;
    chute.services.append(service);
    return makeChuteUpdate(UpdateType::Create, chute, chute.name, {});
}

// A real change on a fresh sandbox router whose events go to a PlanModel, batch by batch, as the
// window will wire them.
class PlanRun
{
public:
    PlanRun()
        : m_updates{createWeb()}
        , m_plan(generatePlan(m_updates).value())
        , preview(previewPlan(m_plan, m_updates))
        , m_tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        model.setPlan(preview);
        m_change = ChangeRun::prepare(*m_fixture.router, m_updates, m_plan).value();
        QObject::connect(&executor(), &ExecutionSession::eventsReady, &model,
                         [this](const EventBatch &batch) {
                             model.applyEvents(batch);
                             events += batch;
                         });
    }

    Executor &executor() { return m_change->executor(); }

    const ExecutionEvent *stateEvent(ExecutorState state) const
    {
        const auto found = std::find_if(events.cbegin(), events.cend(), [state](const auto &e) {
            return e.kind == ExecutionEvent::Kind::State && e.state == state;
        });
        return found == events.cend() ? nullptr : &*found;
    }

    // "call=status" of rows [first, last).
    QStringList rows(int first, int last) const
    {
        QStringList result;
        for (int row = first; row < last; ++row) {
            result.append(model.index(row, PlanModel::StepColumn).data().toString() + u'='
                          + model.index(row, PlanModel::StatusColumn).data().toString());
        }
        return result;
    }

private:
    SandboxFixture m_fixture;
    QList<Update> m_updates;
    PlanMap m_plan;

public:
    PlanMap preview;
    PlanModel model;

private:
    QAbstractItemModelTester m_tester;
    std::unique_ptr<ChangeRun> m_change;

public:
    EventBatch events;
};

int rowOfFunction(const PlanModel &model, const QString &function)
{
    const QModelIndexList found = model.match(model.index(0, PlanModel::StepColumn),
                                              Qt::DisplayRole, function, 1, Qt::MatchStartsWith);
    return found.isEmpty() ? -1 : found.first().row();
}

} // namespace

class TestPlanModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsOfThePreview();
    void failureAddsTheRollbackInRunOrder();
    void oneDataChangedPerBatch();
    void pausedRunMarksTheNextStep();
    void breakpointsToggle_data();
    void breakpointsToggle();
};

void TestPlanModel::rowsOfThePreview()
{
    PlanRun run;
    QCOMPARE(run.model.rowCount(), run.preview.size());
    QCOMPARE(run.model.rollbackSectionRow(), -1);
    for (int row = 0; row < run.model.rowCount(); ++row) {
        const Step &step = run.preview.at(row);
        const auto data = [&](int column, int role = Qt::DisplayRole) {
            return run.model.index(row, column).data(role);
        };
        QCOMPARE(data(PlanModel::IdColumn).toInt(), step.id);
        QCOMPARE(run.model.rowOfStep(step.id), row);
        QCOMPARE(data(PlanModel::PriorityColumn).toInt(), step.priority);
        QCOMPARE(data(PlanModel::PriorityColumn, Qt::BackgroundRole).value<QColor>(),
                 PlanModel::bandColor(priorityBand(step.priority)));
        QCOMPARE(data(PlanModel::StepColumn).toString(), step.todo.toDisplayString());
        QCOMPARE(data(PlanModel::ArgumentsColumn).toString(), step.todo.args.toDisplayString());
        QCOMPARE(data(PlanModel::ChutesColumn).toString(), step.chutes.join(u", "_s));
        QCOMPARE(data(PlanModel::StatusColumn).toString(), u"pending"_s);
        QCOMPARE(data(PlanModel::BreakpointColumn, Qt::CheckStateRole).value<Qt::CheckState>(),
                 Qt::Unchecked);
    }
    const int start = rowOfFunction(run.model, u"dockerapi.start_container"_s);
    QVERIFY(start > 0);
    QCOMPARE(run.model.index(start, PlanModel::AbortStepsColumn).data().toString(),
             u"dockerapi.remove_container(main)"_s);
}

void TestPlanModel::failureAddsTheRollbackInRunOrder()
{
    PlanRun run;
    const int failAt = rowOfFunction(run.model, u"dockerapi.start_container"_s);
    run.executor().setInjectedFailure(StepMatcher::forTodo(u"dockerapi.start_container"_s), true);
    QSignalSpy inserted(&run.model, &PlanModel::rowsInserted);
    QVERIFY(inserted.isValid());

    const RunReport report = runToEnd(run.executor());
    QCOMPARE(report.resultName(), u"rolled-back"_s);

    // The plan's rows: done and rolled back before the failure, pending after it.
    QCOMPARE(run.model.statusAt(failAt), PlanModel::Status::Failed);
    QVERIFY(!run.model.index(failAt, PlanModel::StatusColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
    for (int row = 0; row < failAt; ++row) {
        const PlanModel::Status status = run.model.statusAt(row);
        const bool undone = !run.preview.at(row).undo.isEmpty();
        QVERIFY2(status == (undone ? PlanModel::Status::RolledBack : PlanModel::Status::Done)
                     || status == PlanModel::Status::Skipped,
                 qPrintable(run.rows(row, row + 1).join(u""_s)));
        QVERIFY(run.model.index(row, PlanModel::StartColumn).data().toString().contains(u':'));
        QVERIFY(run.model.index(row, PlanModel::DurationColumn).data(PlanModel::SortRole).toDouble()
                >= 0);
    }
    for (int row = failAt + 1; row < run.preview.size(); ++row)
        QCOMPARE(run.model.statusAt(row), PlanModel::Status::Pending);

    // One insertion: the section and the undo rows in the order the rolling-back event announced.
    const ExecutionEvent *rollingBack = run.stateEvent(ExecutorState::RollingBack);
    QVERIFY(rollingBack);
    QVERIFY(!rollingBack->pendingUndo.isEmpty());
    QCOMPARE(inserted.count(), 1);
    const int section = int(run.preview.size());
    QCOMPARE(inserted.first().at(1).toInt(), section);
    QCOMPARE(inserted.first().at(2).toInt(), section + int(rollingBack->pendingUndo.size()));
    QCOMPARE(run.model.rollbackSectionRow(), section);
    QCOMPARE(run.model.index(section, PlanModel::StepColumn).data().toString(), u"Rollback"_s);
    QCOMPARE(run.model.index(section, 0).data(PlanModel::RowKindRole).toInt(),
             int(PlanModel::RowKind::RollbackSection));

    QStringList expected;
    for (const StepRef &undo : rollingBack->pendingUndo)
        expected.append(undo.call.toDisplayString() + u"=done"_s);
    QCOMPARE(run.rows(section + 1, run.model.rowCount()), expected);
    // The undo row of the failed step's predecessor runs first: newest first.
    QCOMPARE(run.model.rowOfUndo(rollingBack->pendingUndo.first().stepId,
                                 rollingBack->pendingUndo.first().call),
             section + 1);
    QCOMPARE(run.model.currentRow(), -1);
}

void TestPlanModel::oneDataChangedPerBatch()
{
    // A real run's events, applied to a second model as one batch up to the rollback.
    PlanRun run;
    run.executor().setInjectedFailure(StepMatcher::forTodo(u"dockerapi.start_container"_s), true);
    QCOMPARE(runToEnd(run.executor()).resultName(), u"rolled-back"_s);
    const auto rollback
        = std::find_if(run.events.cbegin(), run.events.cend(), [](const ExecutionEvent &e) {
              return e.kind == ExecutionEvent::Kind::State && e.state == ExecutorState::RollingBack;
          });
    QVERIFY(rollback != run.events.cend());
    const EventBatch todo(run.events.cbegin(), rollback);
    const EventBatch undo(rollback, run.events.cend());
    QVERIFY(todo.size() > 20);

    PlanModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(run.preview);
    QSignalSpy changed(&model, &PlanModel::dataChanged);
    QSignalSpy inserted(&model, &PlanModel::rowsInserted);
    QVERIFY(changed.isValid() && inserted.isValid());

    model.applyEvents(todo);
    const int failAt = rowOfFunction(model, u"dockerapi.start_container"_s);
    QCOMPARE(changed.count(), 1); // rows 0 .. failAt, not one notification per event
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), failAt);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().column(), PlanModel::ColumnCount - 1);
    const auto roles = changed.first().at(2).value<QList<int>>();
    QVERIFY(roles.contains(PlanModel::StatusRole));
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(PlanModel::CurrentRole));
    QCOMPARE(model.currentRow(), failAt);

    changed.clear();
    model.applyEvents(undo);
    QCOMPARE(inserted.count(), 1);
    // The undo rows (contiguous) and the rolled-back todo rows: a few ranges, far fewer than the
    // undo events.
    QVERIFY(changed.count() < undo.size() / 2);
    QCOMPARE(model.rowCount(), run.model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.statusAt(row), run.model.statusAt(row));
}

void TestPlanModel::pausedRunMarksTheNextStep()
{
    PlanRun run;
    const int stopAt = rowOfFunction(run.model, u"dockerapi.start_container"_s);
    const StepId stopId = run.preview.at(stopAt).id;
    run.executor().setBreakpoint(StepMatcher::forId(stopId), true);
    QSignalSpy changed(&run.model, &PlanModel::dataChanged);
    QVERIFY(changed.isValid());

    QVERIFY(run.executor().resume());
    QVERIFY(QTest::qWaitFor([&] { return run.stateEvent(ExecutorState::Paused); }, kTimeoutMs));
    QCOMPARE(run.stateEvent(ExecutorState::Paused)->step.stepId, stopId);
    QCOMPARE(run.model.currentRow(), stopAt);
    QVERIFY(run.model.index(stopAt, 0).data(PlanModel::CurrentRole).toBool());
    QVERIFY(!run.model.index(stopAt - 1, 0).data(PlanModel::CurrentRole).toBool());
    QCOMPARE(run.model.statusAt(stopAt), PlanModel::Status::Pending);
    QCOMPARE(run.model.statusAt(stopAt - 1), PlanModel::Status::Done);

    // Abort: the rollback runs to its end and nothing is current any more.
    QSignalSpy finished(&run.executor(), &ExecutionSession::finished);
    QVERIFY(run.executor().abort());
    QVERIFY(finished.wait(kTimeoutMs));
    QTRY_COMPARE(run.model.currentRow(), -1);
    QVERIFY(run.model.rollbackSectionRow() > 0);
}

void TestPlanModel::breakpointsToggle_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("on");
    QTest::addColumn<QVariant>("off");
    QTest::newRow("check state") << int(Qt::CheckStateRole) << QVariant::fromValue(Qt::Checked)
                                 << QVariant::fromValue(Qt::Unchecked);
    QTest::newRow("breakpoint role")
        << int(PlanModel::BreakpointRole) << QVariant(true) << QVariant(false);
}

void TestPlanModel::breakpointsToggle()
{
    QFETCH(int, role);
    QFETCH(QVariant, on);
    QFETCH(QVariant, off);
    PlanRun run;
    QSignalSpy toggled(&run.model, &PlanModel::breakpointChanged);
    QSignalSpy changed(&run.model, &PlanModel::dataChanged);
    QVERIFY(toggled.isValid() && changed.isValid());

    const QModelIndex index = run.model.index(3, PlanModel::BreakpointColumn);
    QVERIFY(run.model.flags(index).testFlag(Qt::ItemIsUserCheckable));
    QVERIFY(run.model.setData(index, on, role));
    QCOMPARE(toggled.count(), 1);
    QCOMPARE(toggled.first().at(0).toInt(), run.preview.at(3).id);
    QCOMPARE(toggled.first().at(1).toBool(), true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(2).value<QList<int>>(),
             (QList<int>{Qt::CheckStateRole, PlanModel::BreakpointRole}));
    QCOMPARE(index.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QVERIFY(run.model.hasBreakpoint(run.preview.at(3).id));

    QVERIFY(run.model.setData(index, on, role)); // unchanged: no signal
    QCOMPARE(toggled.count(), 1);
    QVERIFY(run.model.setData(index, off, role));
    QCOMPARE(toggled.count(), 2);
    QVERIFY(!run.model.hasBreakpoint(run.preview.at(3).id));
    QVERIFY(!run.model.setData(run.model.index(3, PlanModel::StepColumn), u"x"_s, Qt::EditRole));
}

QTEST_GUILESS_MAIN(TestPlanModel)
#include "tst_planmodel.moc"
