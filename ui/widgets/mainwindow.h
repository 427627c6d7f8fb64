#pragma once

#include "core/plan/executionevent.h"
#include "core/plan/executionsession.h"
#include "core/plan/planmap.h"
#include "core/plan/stepmatcher.h"
#include "core/remote/ssh/sshoptions.h"
#include "core/update/changerequest.h"

#include <QDateTime>
#include <QMainWindow>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QListView;
class QSplitter;
class QTabWidget;
class QTableView;

namespace ChuteDeck::Core {
class Router;
struct TransactionInfo;
struct RevertedTransaction;
} // namespace ChuteDeck::Core

namespace ChuteDeck::Ui {

class AgentConnection;
class ChangesView;
class ChuteModel;
class ConfirmationBar;
class EventLogModel;
class EventLogPanel;
class HostConfigView;
class PlanModel;
class PlanView;
class RollbackPanel;
class RouterConnector;
class RouterModel;
class RunController;
class RunStatusWidget;
class SecretStore;
class TimelineWidget;
struct ConnectionProfile;
struct OpenedRouter;

// The top-level window: routers and their chutes on the left; in the centre the plan of the
// chosen change with its timeline and event log below, and the rollback panel beside it when a
// rollback runs; debugger-style actions to run the plan. Nothing modal blocks it during a run.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Opens another sandbox or SSH router the user picks (the CLI's router URLs), on a worker
    // thread; the options carry the key file, the password and the GUI's host key question.
    using RouterOpener = std::function<Core::Result<std::unique_ptr<Core::Router>>(
        const QString &, const Core::SshOptions &)>;

    // Without an opener, routers open with Core::openRouter().
    explicit MainWindow(std::unique_ptr<Core::Router> router, RouterOpener openRouter = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    // Plans the install (or update, when installed) of the chute in `folderOrYaml`; shows the
    // error with its file, line and field when it is invalid.
    void openChute(const QString &folderOrYaml);
    // Plans a change of installed chutes (start, stop, restart, delete) or of the host config.
    void planChange(const Core::ChangeRequest &request);
    // Breakpoints by function and failures to inject for every run, as the command line gives
    // them.
    void addRunMatchers(const QList<Core::StepMatcher> &breakpoints,
                        const QList<Core::StepMatcher> &failures);
    void run(); // Run / Continue
    // The built-in sandbox router's address, when the window was opened on another router.
    void setSandboxUrl(const QString &url);
    // Brings a centre tab to the front: "plan", "changes" or "hostconfig"; false for others.
    bool showView(const QString &name);
    // Shows and follows a session prepared elsewhere (see RunController::followSession).
    void followSession(std::unique_ptr<Core::ExecutionSession> session, Core::PlanMap preview);
    // Connects to a router the Connect dialog describes (the password may be empty: then it comes
    // from the keyring or the user), in the background; the router list gains it.
    void connectTo(const ConnectionProfile &profile, const QByteArray &password);
    // Switches to a router of the list (sandbox:, ssh://, http://), in the background.
    void switchTo(const QString &routerKey);
    // The address of the router the window works on.
    QString currentRouterUrl() const;
    bool isConnecting() const;
    // For tests: the secrets of saved routers, and the opener of sandbox and SSH routers.
    SecretStore *secretStore() const { return m_secrets; }
    RouterConnector *connector() const { return m_connector; }

    // For tests and scripts/screenshot.
    PlanView *planView() const { return m_planView; }
    PlanModel *planModel() const { return m_plan; }
    RollbackPanel *rollbackPanel() const { return m_rollbackPanel; }
    RunStatusWidget *runStatus() const { return m_runStatus; }
    RunController *controller() const { return m_controller.get(); }
    TimelineWidget *timeline() const { return m_timeline; }
    ChangesView *changesView() const { return m_changesView; }
    HostConfigView *hostConfigView() const { return m_hostConfigView; }
    QTabWidget *centreTabs() const { return m_centreTabs; }
    ChuteModel *chuteModel() const { return m_chutes; }
    RouterModel *routerModel() const { return m_routers; }
    QListView *routerView() const { return m_routerView; }
    QAction *action(const QString &objectName) const;

    // File → Connect to router…, filled with `profile`.
    void showConnectDialog(const ConnectionProfile &profile, const QString &replacing = {});

    // Confirm-or-revert for every router's changes (the CLI's --confirm-timeout); unset, only SSH
    // routers' changes wait for confirmation, for the preferences' deadline.
    void setConfirmTimeout(std::optional<std::chrono::seconds> timeout);
    // Overrides the preferences for this window: held changes wait for the user's confirmation.
    void setConfirmByHand(bool byHand) { m_confirmByHand = byHand; }
    ConfirmationBar *confirmationBar() const { return m_confirmBar; }

Q_SIGNALS:
    // The window works on another router now (after a connection in the background).
    void routerChanged(const QString &url);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    enum class ActionId {
        OpenChute,
        AddRouter,
        ConnectRouter,
        EditRouter,
        ForgetRouter,
        Preferences,
        About,
        Quit,
        StartChute,
        StopChute,
        RestartChute,
        DeleteChute,
        HostConfig,
        Preview,
        Run,
        Step,
        Pause,
        Abort,
        RunToHere,
        ToggleBreakpoint,
        MakeStepFail,
        FocusRouters,
        FocusChutes,
        FocusPlan,
        FocusEvents,
        Count
    };

    void createActions();
    void createMenus();
    void createLayout();
    QWidget *createSidebar();
    QWidget *createPlanArea();
    void retranslateUi();
    void showWindowTitle();
    QAction *actionFor(ActionId id) const;
    void restoreLayout();

    void switchRouter(const QModelIndex &index);
    void addRouter();
    QString selectedRouterKey() const; // empty for the sandbox
    void editRouter();
    void forgetRouter();
    void onConnecting(const QString &url);
    void adoptRouter(const QString &routerKey, Core::Result<OpenedRouter> opened);
    void confirmOverNewConnection();
    QDateTime countdownEnd() const;
    void showUploads();
    void showUploadProgress(const QString &source, qint64 sent, qint64 total);
    void showCurrentRouter();
    void accountForPending(const Core::TransactionInfo &pending);
    void accountForReverted(const QList<Core::RevertedTransaction> &reverted);
    void refreshChutes(); // and the host configuration
    void refreshRemoteChutes();
    void planRemote(const Core::ChangeRequest &request);
    void followRemote(const Core::ChangeRequest &request, const Core::PlanMap &plan);
    void chooseChute();
    void chooseHostConfig();
    void planSelectedChutes(Core::UpdateType type);
    void preview();
    void showPlan();
    void showError(const Core::Error &error);
    void showPreferences();
    void showAbout();
    void retranslateModels();

    void runCommand(Core::Result<void> (RunController::*command)());
    void runToHere();
    void toggleBreakpoint();
    void toggleStepFailure();
    void onEvents(const Core::EventBatch &events);
    void onFinished();
    void applyConfirmTimeout();
    void finishConfirmation(const Core::Result<void> &done, const QString &message);
    void updateActions();

    std::unique_ptr<Core::Router> m_router;
    // When the window works on an HTTP router: the agent (m_router stays the last router of
    // primitives, unused meanwhile), and the change last planned there.
    std::unique_ptr<AgentConnection> m_agent;
    // From the connector: whether a new connection to the current router works (unset for the
    // router the window was given).
    std::function<void(std::function<void(const Core::Result<void> &)>)> m_checkNewConnection;
    Core::ChangeRequest m_remoteRequest;
    QString m_routerKey; // the router list's entry of the router the window works on
    // Declared after the router it runs on, so that a live run stops before the router goes.
    std::unique_ptr<RunController> m_controller;

    RouterModel *m_routers;
    SecretStore *m_secrets;
    RouterConnector *m_connector;
    ChuteModel *m_chutes;
    PlanModel *m_plan;
    EventLogModel *m_events;

    QListView *m_routerView = nullptr;
    QTableView *m_chuteView = nullptr;
    PlanView *m_planView = nullptr;
    TimelineWidget *m_timeline = nullptr;
    EventLogPanel *m_eventPanel = nullptr;
    RollbackPanel *m_rollbackPanel = nullptr;
    ChangesView *m_changesView = nullptr;
    HostConfigView *m_hostConfigView = nullptr;
    QTabWidget *m_centreTabs = nullptr;
    RunStatusWidget *m_runStatus = nullptr;
    ConfirmationBar *m_confirmBar = nullptr;
    std::optional<std::chrono::seconds> m_confirmOverride;
    bool m_confirmByHand = false;
    QList<QSplitter *> m_splitters;
    QList<QAction *> m_actions; // by ActionId
};

} // namespace ChuteDeck::Ui
