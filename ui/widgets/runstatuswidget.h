#pragma once

#include "core/plan/executionevent.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace ChuteDeck::Ui {

// The run's status for the status bar: the router, the executor's state, "step 12 of 31" (or
// "undo 3 of 7" during a rollback), the elapsed time and a progress bar.
class RunStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunStatusWidget)

public:
    explicit RunStatusWidget(QWidget *parent = nullptr);
    ~RunStatusWidget() override = default;

    void setRouter(const QString &url);
    // A new plan of `stepCount` steps, not run yet.
    void setPlan(int stepCount);
    void applyEvents(const Core::EventBatch &batch);

    QString progressText() const; // "step 12 of 31"
    QString stateText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void showElapsed();

    QLabel *m_router;
    QLabel *m_state;
    QLabel *m_progressText;
    QLabel *m_elapsed;
    QProgressBar *m_progress;
    QTimer m_clock; // ticks the elapsed time while the run is live
    QElapsedTimer m_sinceStart;
    qint64 m_elapsedMs = -1; // -1 before the run starts
    Core::ExecutorState m_executorState = Core::ExecutorState::Ready;
    bool m_started = false;
    int m_stepCount = 0;
    int m_stepsStarted = 0;
    int m_undoCount = 0;
    int m_undoStarted = 0;
};

} // namespace ChuteDeck::Ui
