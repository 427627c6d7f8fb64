#pragma once

#include "core/plan/executionevent.h"

#include <QFrame>
#include <QHash>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace ChuteDeck::Ui {

// Appears when a rollback starts: says why, lists the undo steps about to run (the rolling-back
// event's pendingUndo) and ticks them off as they run, then ends in a banner that says whether the
// router was restored or where restoring it failed.
class RollbackPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RollbackPanel)

public:
    enum class Outcome : quint8 { None, InProgress, Restored, RestoreFailed };

    explicit RollbackPanel(QWidget *parent = nullptr);
    ~RollbackPanel() override = default;

    void applyEvents(const Core::EventBatch &batch);
    // Forgets the rollback and hides the panel (a new plan).
    void clear();

    Outcome outcome() const { return m_outcome; }
    QString bannerText() const;
    int undoCount() const;
    int finishedUndoCount() const;

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    // The user picked an undo step (to show it in the plan).
    void stepActivated(int stepId);

private:
    void begin(const Core::ExecutionEvent &rollingBack);
    void applyUndo(const Core::ExecutionEvent &event);
    void finish(const Core::ExecutionEvent &final);
    void showBanner(Outcome outcome, const QString &text);
    void updateTitle();

    QLabel *m_title;
    QLabel *m_reason;
    QListWidget *m_steps;
    QLabel *m_banner;
    QHash<QString, QListWidgetItem *> m_itemOfUndo; // by stepId and call text
    Outcome m_outcome = Outcome::None;
    QString m_failedStep;    // the todo step whose failure started the rollback
    QString m_failedMessage; // its error
    int m_finished = 0;
};

} // namespace ChuteDeck::Ui
