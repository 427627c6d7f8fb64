#pragma once

#include "core/plan/executionevent.h"
#include "core/plan/planmap.h"
#include "core/plan/priority.h"

#include <QRectF>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCategoryAxis;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace ChuteDeck::Ui {

class TimelineBarsItem;

// The plan drawn over time, one horizontal band per priority band (DESIGN.md, issue 5). Before a
// run it shows the planned steps in run order; during a run each step becomes a bar on a time
// axis, undo steps in their own colour, the failed step red and the running step highlighted.
// QtCharts draws the axes and the band shading; one graphics item paints every bar, so a plan of
// tens of thousands of steps costs one item rather than a series per step.
class TimelineWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineWidget)

public:
    explicit TimelineWidget(QWidget *parent = nullptr);
    ~TimelineWidget() override;

    // Shows `preview` before a run; forgets any run drawn so far.
    void setPlan(const Core::PlanMap &preview);
    // Adds a batch of a run's events; the first event seen starts the time axis.
    void applyEvents(const Core::EventBatch &batch);
    void clear();

    // For tests and the window: what is drawn, in this widget's coordinates.
    int plannedStepCount() const;
    int barCount() const; // run bars, todo and undo
    int barCount(Core::Phase phase) const;
    // The union of the bars of the step's todo call or of its undo calls; null if none.
    QRectF barRect(Core::StepId stepId, Core::Phase phase) const;
    QRectF plotAreaRect() const;
    QRectF bandRect(Core::PriorityBand band) const;
    double timeRange() const; // seconds the x axis spans during a run

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void retranslate();
    void retranslateBands();
    void updateAxes();
    void setTimeScale(double range, double tick);
    QRectF toWidget(const QRectF &chartRect) const;

    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_timeAxis;
    QCategoryAxis *m_bandAxis;
    QLineSeries *m_anchor; // an empty series that gives the axes a domain to map through
    TimelineBarsItem *m_bars;
};

} // namespace ChuteDeck::Ui
