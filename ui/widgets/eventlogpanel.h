#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTreeView;

namespace ChuteDeck::Ui {

class EventFilterProxy;
class EventLogModel;

// The event log with its filter bar (phase, status, chute, text). The rules are core's
// EventFilter; this panel only builds one from the controls. New events keep the log scrolled to
// the end while the user is looking at the end.
class EventLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPanel)

public:
    explicit EventLogPanel(EventLogModel *log, QWidget *parent = nullptr);
    ~EventLogPanel() override = default;

    // The chutes the chute filter offers, besides "any chute".
    void setChutes(const QStringList &chutes);
    EventFilterProxy *filterModel() const { return m_filter; }
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    // The user picked an event of a step (to show the step in the plan).
    void stepActivated(int stepId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyFilter();

    EventLogModel *m_log;
    EventFilterProxy *m_filter;
    QComboBox *m_phase;
    QComboBox *m_status;
    QComboBox *m_chute;
    QLineEdit *m_text;
    QTreeView *m_view;
    bool m_followEnd = true;
};

} // namespace ChuteDeck::Ui
