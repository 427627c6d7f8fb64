#include "ui/widgets/runstatuswidget.h"

#include "ui/models/statustext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

RunStatusWidget::RunStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_router(new QLabel)
    , m_state(new QLabel)
    , m_progressText(new QLabel)
    , m_elapsed(new QLabel)
    , m_progress(new QProgressBar)
{
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_elapsed->setMinimumWidth(m_elapsed->fontMetrics().horizontalAdvance(u"00:00.0"_s) + 8);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : {static_cast<QWidget *>(m_router), static_cast<QWidget *>(m_state),
                            static_cast<QWidget *>(m_progressText),
                            static_cast<QWidget *>(m_elapsed), static_cast<QWidget *>(m_progress)})
        layout->addWidget(widget);
    m_clock.setInterval(100);
    connect(&m_clock, &QTimer::timeout, this, &RunStatusWidget::showElapsed);
    refresh();
}

void RunStatusWidget::setRouter(const QString &url)
{
    m_router->setText(url);
}

void RunStatusWidget::setPlan(int stepCount)
{
    m_clock.stop();
    m_stepCount = stepCount;
    m_started = false;
    m_elapsedMs = -1;
    m_executorState = Core::ExecutorState::Ready;
    m_stepsStarted = m_undoCount = m_undoStarted = 0;
    refresh();
}

void RunStatusWidget::applyEvents(const Core::EventBatch &batch)
{
    for (const Core::ExecutionEvent &event : batch) {
        if (!m_started) {
            m_started = true;
            m_sinceStart.start();
            m_clock.start();
        }
        if (event.kind == Core::ExecutionEvent::Kind::State) {
            m_executorState = event.state;
            if (event.state == Core::ExecutorState::RollingBack && m_undoCount == 0)
                m_undoCount = int(event.pendingUndo.size());
        } else if (event.status == Core::StepStatus::Running) {
            ++(event.step.phase == Core::Phase::Todo ? m_stepsStarted : m_undoStarted);
        }
    }
    if (Core::isFinal(m_executorState) && m_clock.isActive()) {
        m_clock.stop();
        m_elapsedMs = m_sinceStart.elapsed();
    }
    refresh();
}

QString RunStatusWidget::progressText() const
{
    return m_progressText->text();
}

QString RunStatusWidget::stateText() const
{
    return m_state->text();
}

void RunStatusWidget::refresh()
{
    m_state->setText(m_started ? executorStateText(m_executorState) : tr("ready"));
    const bool rollingBack = m_undoCount > 0;
    if (rollingBack) {
        m_progressText->setText(tr("undo %1 of %2").arg(m_undoStarted).arg(m_undoCount));
        m_progress->setRange(0, m_undoCount);
        m_progress->setValue(m_undoStarted);
    } else {
        m_progressText->setText(
            m_stepCount == 0
                ? QString()
                : tr("step %1 of %2").arg(std::min(m_stepsStarted, m_stepCount)).arg(m_stepCount));
        m_progress->setRange(0, std::max(1, m_stepCount));
        m_progress->setValue(std::min(m_stepsStarted, m_stepCount));
    }
    showElapsed();
}

void RunStatusWidget::showElapsed()
{
    const qint64 ms = m_clock.isActive() ? m_sinceStart.elapsed() : m_elapsedMs;
    if (ms < 0) {
        m_elapsed->clear();
        return;
    }
    m_elapsed->setText(u"%1:%2.%3"_s.arg(ms / 60000, 2, 10, QChar(u'0'))
                           .arg(ms / 1000 % 60, 2, 10, QChar(u'0'))
                           .arg(ms / 100 % 10));
}

void RunStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace ChuteDeck::Ui
