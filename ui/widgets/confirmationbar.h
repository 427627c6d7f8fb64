#pragma once

#include <QDateTime>
#include <QFrame>
#include <QTimer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ChuteDeck::Ui {

// The countdown of a change awaiting confirmation (DESIGN.md, confirm-or-revert): the time left
// until the router reverts it, and Extend / Confirm / Revert. When the time is up it asks for the
// revert itself (expired()), as the router's watchdog or agent would.
class ConfirmationBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfirmationBar)

public:
    explicit ConfirmationBar(QWidget *parent = nullptr);
    ~ConfirmationBar() override = default;

    static constexpr int kExtendSeconds = 60; // "Extend by a minute"

    // Shows the bar counting down to `deadline` (UTC); hide() ends it.
    void start(const QDateTime &deadline);
    void setDeadline(const QDateTime &deadline);
    QString remainingText() const; // "1:23"

Q_SIGNALS:
    void confirmRequested();
    void revertRequested();
    void extendRequested(int seconds);
    void expired();

protected:
    void changeEvent(QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void tick();
    void retranslateUi();
    qint64 secondsLeft() const;

    QLabel *m_text;
    QProgressBar *m_progress;
    QPushButton *m_extend;
    QPushButton *m_confirm;
    QPushButton *m_revert;
    QTimer m_timer;
    QDateTime m_deadline;
    qint64 m_total = 1;
};

} // namespace ChuteDeck::Ui
