#pragma once

#include "core/plan/executionsession.h"
#include "core/plan/runreport.h"
#include "core/update/update.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QTableView;
class QTreeView;

namespace ChuteDeck::Core {
class ChangeRun;
class Router;
} // namespace ChuteDeck::Core

namespace ChuteDeck::Ui {

class ChuteModel;
class EventFilterProxy;
class EventLogModel;
class PlanModel;
class TimelineWidget;

// The top-level window: the router's chutes on the left, the plan of the chosen change in the
// centre with its timeline and event log below, and debugger-style actions to run it.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Core::Router &router, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Plans the install of the chute in `folderOrYaml`; shows the error when it is invalid.
    void openChute(const QString &folderOrYaml);
    // Breakpoints by function and failures to inject ("make this step fail") for the next run,
    // as the command line gives them.
    void addRunMatchers(const QList<Core::StepMatcher> &breakpoints,
                        const QList<Core::StepMatcher> &failures);
    // Runs the planned change (Run / Continue).
    void run();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createLayout();
    void retranslateUi();
    void refreshChutes();
    void previewChange(Core::UpdateType type);
    bool startRun();
    void runCommand(Core::Result<void> (Core::ExecutionSession::*command)());
    void toggleBreakpoint();
    void onEvents(const Core::EventBatch &events);
    void onFinished();
    void updateActions();
    void showStatus();

    Core::Router &m_router;
    QList<Core::Update> m_updates;
    std::unique_ptr<Core::ChangeRun> m_run;
    Core::RunReport m_report;
    QList<Core::StepMatcher> m_runBreakpoints;
    QList<Core::StepMatcher> m_runFailures;

    ChuteModel *m_chutes;
    PlanModel *m_plan;
    EventLogModel *m_events;
    EventFilterProxy *m_eventFilter;
    QTableView *m_chuteView = nullptr;
    QTreeView *m_planView = nullptr;
    QTreeView *m_eventView = nullptr;
    TimelineWidget *m_timeline = nullptr;
    QLabel *m_stateLabel = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stepAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_abortAction = nullptr;
    QAction *m_breakpointAction = nullptr;
};

} // namespace ChuteDeck::Ui
