#include "ui/widgets/timelinewidget.h"

#include "ui/models/statustext.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsItem>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ChuteDeck::Ui {

namespace {

constexpr int kBandCount = int(Core::PriorityBand::Final) + 1;
constexpr double kMinBarPixels = 3.0;
constexpr double kMinRunningBarPixels = 8.0; // the running step must stand out as it starts
constexpr double kBarInset = 0.18;           // of a band's height, above and below a run bar
constexpr double kPlannedInset = 0.32;       // planned markers are thinner than run bars

// The y value where a band starts: the first band (security) at the top, as the steps run
// downwards through the bands.
double bandBottom(Core::PriorityBand band)
{
    return kBandCount - 1 - int(band);
}

// The x axis grows in steps people read easily, each with a tick every fifth or so.
struct TimeScale
{
    double range;
    double tick;
};

TimeScale timeScaleFor(double seconds)
{
    // From tens of milliseconds (a sandbox run) to an hour (a slow router), in readable steps.
    static constexpr TimeScale scales[]
        = {{0.05, 0.01}, {0.1, 0.02}, {0.2, 0.05}, {0.5, 0.1},  {1, 0.2},   {2, 0.5},
           {5, 1},       {10, 2},     {20, 5},     {30, 5},     {60, 10},   {120, 20},
           {300, 60},    {600, 120},  {1200, 300}, {1800, 300}, {3600, 600}};
    for (const TimeScale &scale : scales) {
        if (seconds <= scale.range)
            return scale;
    }
    const double hours = std::ceil(seconds / 3600);
    return {hours * 3600, hours * 600};
}

double stepTickInterval(int steps)
{
    const double raw = std::max(1.0, steps / 8.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0}) {
        if (raw <= factor * magnitude)
            return factor * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

// Paints the planned markers and the run bars, mapping values through the chart's axes and
// clipped to the plot area. It keeps the data too: the widget is its only user.
class TimelineBarsItem final : public QGraphicsItem
{
public:
    struct Planned
    {
        double position; // run index
        Core::PriorityBand band;
    };

    struct Bar
    {
        Core::StepCall call;
        Core::StepId stepId;
        Core::Phase phase;
        Core::PriorityBand band;
        Core::StepStatus status;
        double start; // seconds since the run started
        double end;
    };

    struct Colours
    {
        QColor planned;
        QColor done;
        QColor undo;
        QColor failed;
        QColor skipped;
        QColor running;
        QColor outline;
    };

    TimelineBarsItem(QChart *chart, QLineSeries *anchor)
        : QGraphicsItem(chart)
        , m_chart(chart)
        , m_anchor(anchor)
    {
        // Above the series and the grid; the plot-area clip keeps the axis labels clear.
        setZValue(1000);
    }

    QRectF boundingRect() const override { return m_chart->plotArea(); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const QRectF plot = m_chart->plotArea();
        painter->setClipRect(plot);
        const Mapping mapping = currentMapping();
        const QRectF exposed = option->exposedRect.intersected(plot);
        if (!isRunning()) {
            for (const Planned &step : planned) {
                const QRectF rect = plannedRect(mapping, step);
                if (rect.intersects(exposed))
                    painter->fillRect(rect, colours.planned);
            }
            return;
        }
        for (const Bar &bar : bars) {
            const QRectF rect = barRect(mapping, bar);
            if (!rect.intersects(exposed))
                continue;
            painter->fillRect(rect, colourOf(bar));
            if (bar.status == Core::StepStatus::Running) {
                painter->setPen(QPen(colours.outline, 2));
                painter->drawRect(rect.adjusted(-1, -1, 1, 1));
            }
        }
    }

    void geometryChanged()
    {
        prepareGeometryChange();
        update();
    }

    bool isRunning() const { return !std::isnan(runStart); }

    void clear()
    {
        planned.clear();
        bars.clear();
        runStart = qQNaN();
        now = 0;
    }

    void apply(const Core::ExecutionEvent &event)
    {
        if (!isRunning())
            runStart = event.time;
        const double at = std::max(0.0, event.time - runStart);
        now = std::max(now, at);
        if (event.kind != Core::ExecutionEvent::Kind::Step)
            return;
        const Core::StepRef &step = event.step;
        if (event.status == Core::StepStatus::Running) {
            bars.push_back({step.call, step.stepId, step.phase, Core::priorityBand(step.priority),
                            event.status, at, at});
            return;
        }
        // Steps run one at a time, so a step's end follows its start; a step passed over has
        // no start event.
        if (bars.empty() || !isOpenBarOf(bars.back(), step)) {
            bars.push_back({step.call, step.stepId, step.phase, Core::priorityBand(step.priority),
                            event.status, std::max(0.0, at - event.ms / 1000), at});
        }
        bars.back().status = event.status;
        bars.back().end = at;
    }

    // The rect of a bar in chart coordinates.
    QRectF chartRect(const Bar &bar) const { return barRect(currentMapping(), bar); }

    QRectF bandChartRect(Core::PriorityBand band) const
    {
        const Mapping mapping = currentMapping();
        const QRectF plot = m_chart->plotArea();
        const double top = mapping.y(bandBottom(band) + 1);
        const double bottom = mapping.y(bandBottom(band));
        return QRectF(plot.left(), top, plot.width(), bottom - top);
    }

    QList<Planned> planned;
    std::vector<Bar> bars;
    Colours colours;
    double runStart = qQNaN(); // epoch seconds of the first event
    double now = 0;            // seconds since the run started, of the latest event

private:
    // The axes are linear: two mapped points give every other position, which keeps a paint of
    // thousands of bars cheap.
    struct Mapping
    {
        QPointF origin;
        QPointF unit;

        double x(double value) const { return origin.x() + value * unit.x(); }
        double y(double value) const { return origin.y() + value * unit.y(); }
    };

    Mapping currentMapping() const
    {
        const QPointF origin = m_chart->mapToPosition(QPointF(0, 0), m_anchor);
        return {origin, m_chart->mapToPosition(QPointF(1, 1), m_anchor) - origin};
    }

    static QRectF rectBetween(const Mapping &mapping, double x0, double x1, Core::PriorityBand band,
                              double inset)
    {
        const double left = mapping.x(x0);
        const double width = std::max(kMinBarPixels, mapping.x(x1) - left);
        const double top = mapping.y(bandBottom(band) + 1 - inset);
        const double bottom = mapping.y(bandBottom(band) + inset);
        return QRectF(left, top, width, bottom - top);
    }

    static QRectF plannedRect(const Mapping &mapping, const Planned &step)
    {
        return rectBetween(mapping, step.position + 0.2, step.position + 0.8, step.band,
                           kPlannedInset);
    }

    QRectF barRect(const Mapping &mapping, const Bar &bar) const
    {
        if (bar.status != Core::StepStatus::Running)
            return rectBetween(mapping, bar.start, bar.end, bar.band, kBarInset);
        QRectF rect = rectBetween(mapping, bar.start, now, bar.band, kBarInset);
        rect.setWidth(std::max(rect.width(), kMinRunningBarPixels));
        return rect;
    }

    static bool isOpenBarOf(const Bar &bar, const Core::StepRef &step)
    {
        return bar.status == Core::StepStatus::Running && bar.stepId == step.stepId
               && bar.phase == step.phase && bar.call == step.call;
    }

    QColor colourOf(const Bar &bar) const
    {
        switch (bar.status) {
        case Core::StepStatus::Running:
            return colours.running;
        case Core::StepStatus::Failed:
            return colours.failed;
        case Core::StepStatus::Skipped:
            return colours.skipped;
        case Core::StepStatus::Done:
            break;
        }
        return bar.phase == Core::Phase::Abort ? colours.undo : colours.done;
    }

    QChart *m_chart;
    QLineSeries *m_anchor;
};

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_timeAxis(new QValueAxis(m_chart))
    , m_bandAxis(new QCategoryAxis(m_chart))
    , m_anchor(new QLineSeries(m_chart))
    , m_bars(new TimelineBarsItem(m_chart, m_anchor))
{
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 8, 4));
    m_chart->addSeries(m_anchor);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_bandAxis, Qt::AlignLeft);
    m_anchor->attachAxis(m_timeAxis);
    m_anchor->attachAxis(m_bandAxis);

    m_timeAxis->setTickType(QValueAxis::TicksDynamic);
    m_timeAxis->setTickAnchor(0);
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_timeAxis->setMinorTickCount(0);

    m_bandAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    m_bandAxis->setStartValue(0);
    m_bandAxis->setRange(0, kBandCount);
    m_bandAxis->setShadesVisible(true);
    m_bandAxis->setShadesPen(Qt::NoPen);
    // The chart would elide the band names to "..." whenever it was laid out narrow once (a
    // window opening at its final size still starts small); the names are short enough whole.
    m_bandAxis->setTruncateLabels(false);
    // Before anything else lays the axis out: its label width is measured from these labels.
    retranslateBands();

    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(200);

    connect(m_chart, &QChart::plotAreaChanged, this, [this] { m_bars->geometryChanged(); });

    applyPalette();
    retranslate();
    updateAxes();
}

TimelineWidget::~TimelineWidget() = default;

void TimelineWidget::setPlan(const Core::PlanMap &preview)
{
    m_bars->clear();
    m_bars->planned.reserve(preview.size());
    for (qsizetype index = 0; index < preview.size(); ++index) {
        m_bars->planned.append({double(index), Core::priorityBand(preview.at(index).priority)});
    }
    updateAxes();
}

void TimelineWidget::applyEvents(const Core::EventBatch &batch)
{
    if (batch.isEmpty())
        return;
    for (const Core::ExecutionEvent &event : batch)
        m_bars->apply(event);
    updateAxes();
}

void TimelineWidget::clear()
{
    m_bars->clear();
    updateAxes();
}

int TimelineWidget::plannedStepCount() const
{
    return int(m_bars->planned.size());
}

int TimelineWidget::barCount() const
{
    return int(m_bars->bars.size());
}

int TimelineWidget::barCount(Core::Phase phase) const
{
    return int(
        std::count_if(m_bars->bars.cbegin(), m_bars->bars.cend(),
                      [phase](const TimelineBarsItem::Bar &bar) { return bar.phase == phase; }));
}

QRectF TimelineWidget::barRect(Core::StepId stepId, Core::Phase phase) const
{
    QRectF united;
    for (const TimelineBarsItem::Bar &bar : m_bars->bars) {
        if (bar.stepId == stepId && bar.phase == phase)
            united = united.united(m_bars->chartRect(bar));
    }
    return united.isNull() ? QRectF() : toWidget(united);
}

QRectF TimelineWidget::plotAreaRect() const
{
    return toWidget(m_chart->plotArea());
}

QRectF TimelineWidget::bandRect(Core::PriorityBand band) const
{
    return toWidget(m_bars->bandChartRect(band));
}

double TimelineWidget::timeRange() const
{
    return m_bars->isRunning() ? m_timeAxis->max() : 0;
}

void TimelineWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    else if (event->type() == QEvent::LanguageChange) {
        retranslateBands();
        retranslate();
        m_chart->layout()->invalidate(); // the labels' width changed with the language
    }
    QWidget::changeEvent(event);
}

void TimelineWidget::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const bool dark = pal.color(QPalette::Base).lightness() < 128;

    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_view->setBackgroundBrush(pal.brush(QPalette::Base));

    QColor grid = text;
    grid.setAlpha(40);
    QColor shade = text;
    shade.setAlpha(dark ? 22 : 14);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_bandAxis)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setGridLineColor(grid);
    }
    m_bandAxis->setShadesBrush(shade);

    QColor planned = text;
    planned.setAlpha(150);
    // Each pair keeps the same hue on both palettes, lighter on a dark base so it stands out.
    m_bars->colours = {
        planned,
        dark ? QColor(0x6c, 0xa8, 0xf0) : QColor(0x2a, 0x64, 0xb0),
        dark ? QColor(0xf2, 0xa6, 0x3b) : QColor(0xc2, 0x66, 0x00),
        dark ? QColor(0xff, 0x60, 0x60) : QColor(0xc6, 0x1f, 0x1f),
        pal.color(QPalette::PlaceholderText),
        pal.color(QPalette::Highlight),
        text,
    };
    m_bars->update();
}

// The band labels are the categories themselves: rebuilt in the current language (at start and on
// a language change only; the axis lays itself out again each time).
void TimelineWidget::retranslateBands()
{
    const QStringList current = m_bandAxis->categoriesLabels();
    for (int value = 0; value < kBandCount; ++value) {
        const QString label = bandText(Core::PriorityBand(kBandCount - 1 - value));
        // Replaced in place once laid out: removing and appending leaves the axis measuring its
        // labels as they were when it had none, and every label shows as "...".
        if (current.size() == kBandCount)
            m_bandAxis->replaceLabel(current.at(value), label);
        else
            m_bandAxis->append(label, value + 1);
    }
}

void TimelineWidget::retranslate()
{
    m_timeAxis->setTitleText(m_bars->isRunning() ? tr("Seconds since the run started")
                                                 : tr("Planned steps in run order"));
}

void TimelineWidget::updateAxes()
{
    if (m_bars->isRunning()) {
        const TimeScale scale = timeScaleFor(m_bars->now);
        if (m_timeAxis->max() != scale.range || m_timeAxis->tickInterval() != scale.tick) {
            setTimeScale(scale.range, scale.tick);
            // Whole seconds once they are long enough; hundredths for a quick run.
            m_timeAxis->setLabelFormat(scale.tick >= 1 ? QStringLiteral("%.0f")
                                                       : QStringLiteral("%.2f"));
        }
    } else {
        const int steps = std::max(1, plannedStepCount());
        m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
        setTimeScale(steps, stepTickInterval(steps));
    }
    retranslate();
    m_bars->update();
}

// The axis lays out its ticks at each change: a wide range with the old, fine interval would
// create one label item per tick (hundreds of thousands for a 30,000-step plan), so the interval
// grows before the range does and shrinks after it.
void TimelineWidget::setTimeScale(double range, double tick)
{
    if (tick >= m_timeAxis->tickInterval()) {
        m_timeAxis->setTickInterval(tick);
        m_timeAxis->setRange(0, range);
    } else {
        m_timeAxis->setRange(0, range);
        m_timeAxis->setTickInterval(tick);
    }
}

QRectF TimelineWidget::toWidget(const QRectF &chartRect) const
{
    const QRectF inViewport
        = m_view->viewportTransform().mapRect(m_chart->mapRectToScene(chartRect));
    return inViewport.translated(m_view->viewport()->mapTo(this, QPoint(0, 0)));
}

} // namespace ChuteDeck::Ui
