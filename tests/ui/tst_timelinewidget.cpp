#include "core/plan/executor.h"
#include "core/plan/workerthread.h"
#include "tests/support/recordingsteps.h"
#include "tests/support/sampleplans.h"
#include "ui/widgets/timelinewidget.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace ChuteDeck;
using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 10000;
constexpr int kUndoSteps = 12; // the worked example's rollback after start_container fails

} // namespace

class TestTimelineWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void previewShowsPlannedStepsInTheirBands();
    void liveRunDrawsTodoAndRollbackBars();
    void timeAxisGrowsAndPicturesAreDrawn();
    void clearResets();
    void aHugePlanKeepsTheAxisLabelsFew();

private:
    void show(Ui::TimelineWidget &widget);
    EventBatch m_events; // of one real run, for the tests that replay it
};

namespace {

bool containsWithin(const QRectF &outer, const QRectF &inner)
{
    return outer.adjusted(-0.5, -0.5, 0.5, 0.5).contains(inner);
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

const ExecutionEvent *firstStepEvent(const EventBatch &events, StepStatus status, Phase phase)
{
    for (const ExecutionEvent &event : events) {
        if (event.kind == ExecutionEvent::Kind::Step && event.status == status
            && event.step.phase == phase)
            return &event;
    }
    return nullptr;
}

// The events with times a human-paced run would have: half a second apart, since the
// recording steps take microseconds and would all sit at zero.
EventBatch paced(EventBatch events)
{
    const double start = events.isEmpty() ? 0 : events.first().time;
    for (qsizetype i = 0; i < events.size(); ++i) {
        events[i].time = start + 0.5 * double(i);
        events[i].ms = 0;
    }
    return events;
}

} // namespace

void TestTimelineWidget::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTimelineWidget::show(Ui::TimelineWidget &widget)
{
    widget.resize(1000, 380);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

void TestTimelineWidget::previewShowsPlannedStepsInTheirBands()
{
    Ui::TimelineWidget widget;
    show(widget);
    const PlanMap plan = oneServiceCreatePlan(u"web"_s);
    widget.setPlan(plan);
    QCoreApplication::processEvents();

    QCOMPARE(widget.plannedStepCount(), int(plan.size()));
    QCOMPARE(widget.barCount(), 0);
    QCOMPARE(widget.timeRange(), 0.0);
    const QImage image = widget.grab().toImage();
    QVERIFY(distinctColours(image) > 8);
    QVERIFY(image.save(u"/tmp/timeline-plan.png"_s));
}

void TestTimelineWidget::liveRunDrawsTodoAndRollbackBars()
{
    Ui::TimelineWidget widget;
    show(widget);
    widget.setPlan(oneServiceCreatePlan(u"web"_s));

    WorkerThread thread(u"steps"_s);
    Executor executor(oneServiceCreatePlan(u"web"_s),
                      oneServiceCreateRegistry(std::make_shared<CallLog>()),
                      ExecutorOptions{thread.context(), nullptr, u"create"_s, u"web"_s, {}});
    EventBatch events;
    connect(&executor, &ExecutionSession::eventsReady, &widget, [&](const EventBatch &batch) {
        events += batch;
        widget.applyEvents(batch);
    });
    executor.setInjectedFailure(StepMatcher::forTodo(u"dockerapi.start_container"_s), true);
    QVERIFY(executor.resume().ok());
    QVERIFY(
        QTest::qWaitFor([&] { return executor.state() == ExecutorState::RolledBack; }, kTimeoutMs));
    QVERIFY(QTest::qWaitFor(
        [&] { return !events.isEmpty() && events.last().state == ExecutorState::RolledBack; },
        kTimeoutMs));
    QCoreApplication::processEvents();
    m_events = events;

    // One bar per step that ran: 29 todo steps (the last one failed), 12 undo steps.
    QCOMPARE(widget.barCount(Phase::Todo), 29);
    QCOMPARE(widget.barCount(Phase::Abort), kUndoSteps);
    QCOMPARE(widget.barCount(), 29 + kUndoSteps);

    const ExecutionEvent *failed = firstStepEvent(events, StepStatus::Failed, Phase::Todo);
    QVERIFY(failed);
    const QRectF plot = widget.plotAreaRect();
    QVERIFY(plot.isValid());
    const QRectF failedBar = widget.barRect(failed->step.stepId, Phase::Todo);
    QVERIFY(failedBar.isValid());
    QVERIFY(containsWithin(plot, failedBar));
    QVERIFY(containsWithin(widget.bandRect(priorityBand(failed->step.priority)), failedBar));
    QVERIFY(!widget.barRect(failed->step.stepId, Phase::Abort).isValid()); // its undo never runs

    for (const ExecutionEvent &event : std::as_const(events)) {
        if (event.kind != ExecutionEvent::Kind::Step || event.step.phase != Phase::Abort)
            continue;
        const QRectF undoBar = widget.barRect(event.step.stepId, Phase::Abort);
        QVERIFY2(undoBar.isValid(), qPrintable(event.step.call.toDisplayString()));
        QVERIFY(containsWithin(plot, undoBar));
        QVERIFY(containsWithin(widget.bandRect(priorityBand(event.step.priority)), undoBar));
    }
}

void TestTimelineWidget::timeAxisGrowsAndPicturesAreDrawn()
{
    if (m_events.isEmpty())
        QSKIP("needs the events of liveRunDrawsTodoAndRollbackBars");
    const EventBatch events = paced(m_events);
    const ExecutionEvent *failed = firstStepEvent(events, StepStatus::Failed, Phase::Todo);
    QVERIFY(failed);
    const qsizetype failedAt = failed - events.constData();

    Ui::TimelineWidget widget;
    show(widget);
    widget.setPlan(oneServiceCreatePlan(u"web"_s));

    // Mid-run: up to the start of the step that will fail, delivered in small batches.
    const qsizetype midRun = failedAt - 1;
    QCOMPARE(events.at(midRun).status, StepStatus::Running);
    for (qsizetype i = 0; i <= midRun; i += 5)
        widget.applyEvents(events.mid(i, std::min<qsizetype>(5, midRun + 1 - i)));
    QCoreApplication::processEvents();
    const double midRange = widget.timeRange();
    QVERIFY(midRange >= 0.5 * double(midRun));
    QCOMPARE(widget.barCount(Phase::Abort), 0);
    const QRectF running = widget.barRect(failed->step.stepId, Phase::Todo);
    QVERIFY(containsWithin(widget.plotAreaRect(), running));
    QVERIFY(widget.grab().save(u"/tmp/timeline-midrun.png"_s));

    // The rest: the failure and the rollback, running back through the bands to the right of it.
    widget.applyEvents(events.mid(midRun + 1));
    QCoreApplication::processEvents();
    QVERIFY(widget.timeRange() > midRange);
    QCOMPARE(widget.barCount(Phase::Abort), kUndoSteps);
    const QRectF failedBar = widget.barRect(failed->step.stepId, Phase::Todo);
    const ExecutionEvent *firstUndo = firstStepEvent(events, StepStatus::Running, Phase::Abort);
    QVERIFY(firstUndo);
    QVERIFY(widget.barRect(firstUndo->step.stepId, Phase::Abort).left() >= failedBar.right() - 1);

    const QImage image = widget.grab().toImage();
    QVERIFY(distinctColours(image) > 8);
    // The failed bar is painted, not the background.
    const QPoint centre = (failedBar.center() * image.devicePixelRatio()).toPoint();
    QVERIFY(image.pixelColor(centre) != widget.palette().color(QPalette::Base));
    QVERIFY(image.save(u"/tmp/timeline-rollback.png"_s));
}

void TestTimelineWidget::clearResets()
{
    Ui::TimelineWidget widget;
    show(widget);
    widget.setPlan(oneServiceCreatePlan(u"web"_s));
    widget.applyEvents(paced(m_events));
    widget.clear();
    QCOMPARE(widget.barCount(), 0);
    QCOMPARE(widget.plannedStepCount(), 0);
    QCOMPARE(widget.timeRange(), 0.0);
    QVERIFY(!widget.barRect(1, Phase::Todo).isValid());
}

// Regression: setting a 30,000-step plan after a small one used to lay the axis out once with the
// old, fine tick interval, creating one label item per step and freezing the window for minutes.
void TestTimelineWidget::aHugePlanKeepsTheAxisLabelsFew()
{
    Ui::TimelineWidget widget;
    show(widget);
    widget.setPlan(oneServiceCreatePlan(u"web"_s));
    widget.setPlan(noOpPlan(30000));
    QCOMPARE(widget.plannedStepCount(), 30000);
    const auto *view = widget.findChild<QGraphicsView *>();
    QVERIFY(view);
    QVERIFY2(view->scene()->items().size() < 300,
             qPrintable(QString::number(view->scene()->items().size())));
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
