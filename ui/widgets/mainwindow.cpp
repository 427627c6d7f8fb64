#include "ui/widgets/mainwindow.h"

#include "core/chute/chutespec.h"
#include "core/plan/workerthread.h"
#include "core/remote/http/httpsession.h"
#include "core/remote/openrouter.h"
#include "core/remote/ssh/sshconnection.h"
#include "core/remote/ssh/sshrouter.h"
#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/router/transactions.h"
#include "ui/models/chutemodel.h"
#include "ui/models/connectionprofile.h"
#include "ui/models/errortext.h"
#include "ui/models/eventlogmodel.h"
#include "ui/models/planmodel.h"
#include "ui/models/preferences.h"
#include "ui/models/routermodel.h"
#include "ui/models/runcontroller.h"
#include "ui/models/secretstore.h"
#include "ui/models/statustext.h"
#include "ui/widgets/agentconnection.h"
#include "ui/widgets/appearance.h"
#include "ui/widgets/changesview.h"
#include "ui/widgets/confirmationbar.h"
#include "ui/widgets/connectdialog.h"
#include "ui/widgets/eventlogpanel.h"
#include "ui/widgets/hostconfigview.h"
#include "ui/widgets/planview.h"
#include "ui/widgets/preferencesdialog.h"
#include "ui/widgets/rollbackpanel.h"
#include "ui/widgets/routerconnector.h"
#include "ui/widgets/runstatuswidget.h"
#include "ui/widgets/timelinewidget.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;
using Core::ExecutorState;

namespace {

// A local chute folder or paradrop.yaml among dropped URLs, or an empty string.
QString droppedChute(const QMimeData *mime)
{
    for (const QUrl &url : mime->urls()) {
        const QFileInfo file(url.toLocalFile());
        if (file.isDir() || file.fileName().endsWith(u".yaml"_s)
            || file.fileName().endsWith(u".yml"_s))
            return file.filePath();
    }
    return {};
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<Core::Router> router, RouterOpener openRouter,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_router(std::move(router))
    , m_routerKey(RouterModel::withoutSecrets(m_router->url()))
    , m_routers(new RouterModel(this))
    , m_secrets(new SecretStore(u"ChuteDeck"_s, this))
    , m_connector(new RouterConnector(m_secrets, this, std::move(openRouter)))
    , m_chutes(new ChuteModel(this))
    , m_plan(new PlanModel(this))
    , m_events(new EventLogModel(this))
{
    m_controller = std::make_unique<RunController>(*m_router, m_plan);
    QSettings settings;
    m_routers->load(settings);
    // The router opened first is the sandbox row, or one the user knows (added when new).
    if (m_router->url().startsWith(u"sandbox:"_s))
        m_routers->setSandboxUrl(m_router->url());
    else
        m_routers->addRouter(m_router->url(), QUrl(m_router->url()).host());
    createActions();
    createLayout();
    createMenus();
    retranslateUi();
    refreshChutes();
    updateActions();
    setAcceptDrops(true);
    connect(m_controller.get(), &RunController::eventsReady, this, &MainWindow::onEvents);
    connect(m_controller.get(), &RunController::finished, this, &MainWindow::onFinished);
    connect(m_plan, &PlanModel::breakpointChanged, this, &MainWindow::updateActions);
    connect(m_connector, &RouterConnector::connecting, this, &MainWindow::onConnecting);
    applyConfirmTimeout();
    resize(1400, 860);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

QAction *MainWindow::actionFor(ActionId id) const
{
    return m_actions.at(int(id));
}

QAction *MainWindow::action(const QString &objectName) const
{
    for (QAction *action : m_actions) {
        if (action->objectName() == objectName)
            return action;
    }
    return nullptr;
}

void MainWindow::createActions()
{
    struct Spec
    {
        const char16_t *name;
        QKeySequence shortcut;
        const char16_t *icon; // in the :/icons resource, or nullptr
        std::function<void()> slot;
    };
    const char16_t *none = nullptr;
    const std::array<Spec, int(ActionId::Count)> specs{{
        {u"openChute", QKeySequence::Open, u"open-chute", [this] { chooseChute(); }},
        {u"addRouter", {}, u"add-router", [this] { addRouter(); }},
        {u"connectRouter", Qt::CTRL | Qt::SHIFT | Qt::Key_O, u"add-router",
         [this] { showConnectDialog({}, {}); }},
        {u"editRouter", {}, none, [this] { editRouter(); }},
        {u"forgetRouter", {}, none, [this] { forgetRouter(); }},
        {u"preferences", QKeySequence::Preferences, none, [this] { showPreferences(); }},
        {u"about", {}, none, [this] { showAbout(); }},
        {u"quit", QKeySequence::Quit, none, [this] { close(); }},
        {u"startChute", {}, none, [this] { planSelectedChutes(Core::UpdateType::Start); }},
        {u"stopChute", {}, none, [this] { planSelectedChutes(Core::UpdateType::Stop); }},
        {u"restartChute", {}, none, [this] { planSelectedChutes(Core::UpdateType::Restart); }},
        {u"deleteChute", {}, none, [this] { planSelectedChutes(Core::UpdateType::Delete); }},
        {u"hostConfig", {}, none, [this] { chooseHostConfig(); }},
        {u"preview", Qt::CTRL | Qt::Key_P, u"preview-plan", [this] { preview(); }},
        {u"run", Qt::Key_F5, u"run", [this] { run(); }},
        {u"step", Qt::Key_F10, u"step", [this] { runCommand(&RunController::step); }},
        {u"pause", Qt::Key_F6, u"pause", [this] { runCommand(&RunController::pause); }},
        {u"abort", Qt::SHIFT | Qt::Key_F5, u"abort", [this] { runCommand(&RunController::abort); }},
        {u"runToHere", Qt::CTRL | Qt::Key_F10, u"run-to-here", [this] { runToHere(); }},
        {u"toggleBreakpoint", Qt::Key_F9, u"breakpoint", [this] { toggleBreakpoint(); }},
        {u"makeStepFail", Qt::CTRL | Qt::Key_F9, u"make-step-fail",
         [this] { toggleStepFailure(); }},
        // Every panel within a keystroke.
        {u"focusRouters", Qt::ALT | Qt::Key_1, none, [this] { m_routerView->setFocus(); }},
        {u"focusChutes", Qt::ALT | Qt::Key_2, none, [this] { m_chuteView->setFocus(); }},
        {u"focusPlan", Qt::ALT | Qt::Key_3, none,
         [this] {
             showView(u"plan"_s);
             m_planView->setFocus();
         }},
        {u"focusEvents", Qt::ALT | Qt::Key_4, none, [this] { m_eventPanel->setFocus(); }},
    }};
    for (const Spec &spec : specs) {
        auto *action = new QAction(this);
        action->setObjectName(QString::fromUtf16(spec.name));
        action->setShortcut(spec.shortcut);
        if (spec.icon)
            action->setIcon(QIcon(u":/icons/"_s + QString::fromUtf16(spec.icon) + u".svg"_s));
        connect(action, &QAction::triggered, this, spec.slot);
        m_actions.append(action);
    }
}

void MainWindow::createMenus()
{
    const auto add = [this](QMenu *menu, std::initializer_list<ActionId> ids) {
        for (const ActionId id : ids) {
            if (id == ActionId::Count)
                menu->addSeparator();
            else
                menu->addAction(actionFor(id));
        }
    };
    add(menuBar()->addMenu(QString()),
        {ActionId::OpenChute, ActionId::ConnectRouter, ActionId::AddRouter, ActionId::Count,
         ActionId::Preferences, ActionId::Count, ActionId::Quit});
    add(menuBar()->addMenu(QString()),
        {ActionId::OpenChute, ActionId::StartChute, ActionId::StopChute, ActionId::RestartChute,
         ActionId::DeleteChute, ActionId::HostConfig, ActionId::Count, ActionId::Preview});
    add(menuBar()->addMenu(QString()),
        {ActionId::Run, ActionId::Step, ActionId::Pause, ActionId::Abort, ActionId::Count,
         ActionId::RunToHere, ActionId::ToggleBreakpoint, ActionId::MakeStepFail});
    add(menuBar()->addMenu(QString()), {ActionId::FocusRouters, ActionId::FocusChutes,
                                        ActionId::FocusPlan, ActionId::FocusEvents});
    add(menuBar()->addMenu(QString()), {ActionId::About});

    QToolBar *toolBar = addToolBar(QString());
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (const ActionId id : {ActionId::OpenChute, ActionId::Preview, ActionId::Count,
                              ActionId::Run, ActionId::Step, ActionId::Pause, ActionId::Abort,
                              ActionId::Count, ActionId::RunToHere, ActionId::MakeStepFail}) {
        if (id == ActionId::Count)
            toolBar->addSeparator();
        else
            toolBar->addAction(actionFor(id));
    }

    // The plan's own actions on its context menu, as a debugger's editor has them.
    m_planView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_planView->addActions({actionFor(ActionId::ToggleBreakpoint), actionFor(ActionId::RunToHere),
                            actionFor(ActionId::MakeStepFail)});
    m_routerView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_routerView->addActions({actionFor(ActionId::ConnectRouter), actionFor(ActionId::EditRouter),
                              actionFor(ActionId::ForgetRouter)});
    m_chuteView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_chuteView->addActions({actionFor(ActionId::StartChute), actionFor(ActionId::StopChute),
                             actionFor(ActionId::RestartChute), actionFor(ActionId::DeleteChute)});
}

QWidget *MainWindow::createSidebar()
{
    m_routerView = new QListView;
    m_routerView->setModel(m_routers);
    m_routerView->setModelColumn(RouterModel::NameColumn);
    m_routerView->setCurrentIndex(m_routers->index(m_routers->rowOf(m_routerKey), 0));
    connect(m_routerView, &QListView::activated, this, &MainWindow::switchRouter);

    m_chuteView = new QTableView;
    m_chuteView->setModel(m_chutes);
    m_chuteView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chuteView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_chuteView->verticalHeader()->hide();
    m_chuteView->horizontalHeader()->setStretchLastSection(true);
    m_chuteView->setColumnWidth(ChuteModel::NameColumn, 120);
    connect(m_chuteView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);

    auto *sidebar = new QSplitter(Qt::Vertical);
    sidebar->setObjectName(u"sidebarSplitter"_s);
    sidebar->addWidget(m_routerView);
    sidebar->addWidget(m_chuteView);
    sidebar->setSizes({100, 640});
    m_splitters.append(sidebar);
    return sidebar;
}

void MainWindow::createLayout()
{
    m_planView = new PlanView;
    m_planView->setPlanModel(m_plan);
    connect(m_planView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateActions);
    m_timeline = new TimelineWidget;
    m_eventPanel = new EventLogPanel(m_events);
    m_rollbackPanel = new RollbackPanel;
    connect(m_eventPanel, &EventLogPanel::stepActivated, m_planView, &PlanView::showStep);
    connect(m_rollbackPanel, &RollbackPanel::stepActivated, m_planView, &PlanView::showStep);

    auto *planAndRollback = new QSplitter(Qt::Horizontal);
    planAndRollback->setObjectName(u"planSplitter"_s);
    planAndRollback->addWidget(m_planView);
    planAndRollback->addWidget(m_rollbackPanel);
    planAndRollback->setStretchFactor(0, 1);
    planAndRollback->setSizes({900, 320});

    m_changesView = new ChangesView;
    m_centreTabs = new QTabWidget;
    m_centreTabs->setDocumentMode(true);
    planAndRollback->setObjectName(u"plan"_s);
    m_changesView->setObjectName(u"changes"_s);
    m_hostConfigView = new HostConfigView;
    m_hostConfigView->setObjectName(u"hostconfig"_s);
    connect(m_hostConfigView, &HostConfigView::previewRequested, this,
            [this](const Core::ChangeRequest &request) {
                planChange(request);
                showView(u"plan"_s);
            });
    m_centreTabs->addTab(planAndRollback, QString());
    m_centreTabs->addTab(m_changesView, QString());
    m_centreTabs->addTab(m_hostConfigView, QString());

    auto *centre = new QSplitter(Qt::Vertical);
    centre->setObjectName(u"centreSplitter"_s);
    centre->addWidget(createPlanArea());
    centre->addWidget(m_timeline);
    centre->addWidget(m_eventPanel);
    centre->setSizes({470, 220, 150});

    auto *main = new QSplitter(Qt::Horizontal);
    main->setObjectName(u"mainSplitter"_s);
    main->addWidget(createSidebar());
    main->addWidget(centre);
    main->setStretchFactor(1, 1);
    main->setSizes({320, 1080});
    setCentralWidget(main);
    m_splitters += {planAndRollback, centre, main};

    m_runStatus = new RunStatusWidget;
    m_runStatus->setRouter(currentRouterUrl());
    statusBar()->addPermanentWidget(m_runStatus);
}

// The router reverts an unconfirmed change at its deadline by itself (the SSH watchdog, the
// agent); the window's own revert comes a little earlier, so that the two never replay the same
// transaction at once.
QDateTime MainWindow::countdownEnd() const
{
    constexpr int kAheadOfTheRouterSeconds = 2;
    return m_controller->confirmation().deadline.addSecs(-kAheadOfTheRouterSeconds);
}

// The centre tabs, with the confirmation countdown above them while a change awaits
// confirmation.
QWidget *MainWindow::createPlanArea()
{
    m_confirmBar = new ConfirmationBar;
    connect(m_confirmBar, &ConfirmationBar::confirmRequested, this,
            [this] { finishConfirmation(m_controller->confirmRun(), tr("Change confirmed.")); });
    for (const auto signal : {&ConfirmationBar::revertRequested, &ConfirmationBar::expired}) {
        connect(m_confirmBar, signal, this, [this] {
            finishConfirmation(m_controller->revertRun(),
                               tr("Change reverted: the router is as it was before."));
        });
    }
    connect(m_confirmBar, &ConfirmationBar::extendRequested, this, [this](int seconds) {
        const Core::Result<void> extended = m_controller->extendRun(std::chrono::seconds(seconds));
        if (!extended)
            showError(extended.error());
        m_confirmBar->setDeadline(countdownEnd());
    });
    auto *planArea = new QWidget;
    auto *layout = new QVBoxLayout(planArea);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_confirmBar);
    layout->addWidget(m_centreTabs);
    return planArea;
}

void MainWindow::retranslateUi()
{
    showWindowTitle();
    const QList<QMenu *> menus = menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly);
    const std::array menuTitles{tr("&File"), tr("&Change"), tr("&Run"), tr("&View"), tr("&Help")};
    for (qsizetype i = 0; i < std::min(menus.size(), qsizetype(menuTitles.size())); ++i)
        menus[i]->setTitle(menuTitles[size_t(i)]);
    const std::array<QString, int(ActionId::Count)> texts{
        tr("&Open chute…"),
        tr("&Add router…"),
        tr("&Connect to router…"),
        tr("&Edit connection…"),
        tr("&Forget router"),
        tr("P&references…"),
        tr("&About ChuteDeck"),
        tr("&Quit"),
        tr("S&tart chute"),
        tr("St&op chute"),
        tr("&Restart chute"),
        tr("&Delete chute"),
        tr("Set &host configuration…"),
        tr("&Preview plan"),
        tr("&Run / Continue"),
        tr("&Step"),
        tr("&Pause"),
        tr("&Abort"),
        tr("Run &to here"),
        tr("Toggle &breakpoint"),
        tr("Make this step &fail"),
        tr("Go to &routers"),
        tr("Go to &chutes"),
        tr("Go to the &plan"),
        tr("Go to the &event log"),
    };
    for (int i = 0; i < int(ActionId::Count); ++i)
        m_actions[i]->setText(texts[size_t(i)]);
    m_centreTabs->setTabText(0, tr("Plan"));
    m_centreTabs->setTabText(1, tr("Changes"));
    m_centreTabs->setTabText(2, tr("Host configuration"));
    // Names for screen readers: what each panel is, in the user's language.
    m_routerView->setAccessibleName(tr("Routers"));
    m_chuteView->setAccessibleName(tr("Chutes"));
    m_planView->setAccessibleName(tr("Plan"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_eventPanel->setAccessibleName(tr("Event log"));
    m_rollbackPanel->setAccessibleName(tr("Rollback"));
    actionFor(ActionId::MakeStepFail)
        ->setToolTip(tr("The sandbox router (or an agent started with --allow-fault-injection) "
                        "fails this step once, so you can watch the rollback"));
}

void MainWindow::showWindowTitle()
{
    setWindowTitle(tr("ChuteDeck — %1").arg(currentRouterUrl()));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        retranslateModels();
    }
    QMainWindow::changeEvent(event);
}

// Models are no widgets and get no LanguageChange: their headers and texts are asked again.
void MainWindow::retranslateModels()
{
    for (QAbstractItemModel *model :
         {static_cast<QAbstractItemModel *>(m_routers), static_cast<QAbstractItemModel *>(m_chutes),
          static_cast<QAbstractItemModel *>(m_plan), static_cast<QAbstractItemModel *>(m_events)}) {
        const int rows = model->rowCount();
        const int columns = model->columnCount();
        if (columns > 0)
            Q_EMIT model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
        if (rows > 0 && columns > 0)
            Q_EMIT model->dataChanged(model->index(0, 0), model->index(rows - 1, columns - 1),
                                      {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

void MainWindow::showPreferences()
{
    auto *dialog = new PreferencesDialog(Preferences::load(QSettings()), m_routers, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [dialog] {
        const Preferences chosen = dialog->preferences();
        QSettings settings;
        chosen.save(settings);
        applyLanguage(chosen.language);
        applyTheme(chosen.theme);
    });
    dialog->show(); // modeless: a run goes on behind it
}

void MainWindow::showAbout()
{
    const QString text
        = tr("<h3>ChuteDeck %1</h3>"
             "<p>Plan, step through and roll back ParaDrop chute changes on routers.</p>"
             "<p>Qt %2 (built with %3)<br>libssh %4</p>")
              .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                   QStringLiteral(QT_VERSION_STR), Core::sshLibraryVersion());
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About ChuteDeck"), text,
                                QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal); // never blocks a run
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->show();
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    for (QSplitter *splitter : std::as_const(m_splitters))
        splitter->restoreState(settings.value(u"window/"_s + splitter->objectName()).toByteArray());
    m_planView->header()->restoreState(settings.value(u"window/planColumns"_s).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    for (const QSplitter *splitter : std::as_const(m_splitters))
        settings.setValue(u"window/"_s + splitter->objectName(), splitter->saveState());
    settings.setValue(u"window/planColumns"_s, m_planView->header()->saveState());
    m_routers->save(settings);
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_controller->isLive() && !droppedChute(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString chute = droppedChute(event->mimeData());
    if (chute.isEmpty())
        return;
    event->acceptProposedAction();
    openChute(chute);
}

void MainWindow::switchRouter(const QModelIndex &index)
{
    switchTo(m_routers->urlAt(index.row()));
}

void MainWindow::switchTo(const QString &routerKey)
{
    if (routerKey.isEmpty() || routerKey == m_routerKey || m_controller->isLive()
        || m_controller->awaitsConfirmation() || isConnecting())
        return;
    m_connector->open(routerKey, [this, routerKey](Core::Result<OpenedRouter> opened) {
        adoptRouter(routerKey, std::move(opened));
    });
}

void MainWindow::connectTo(const ConnectionProfile &profile, const QByteArray &password)
{
    if (m_controller->isLive() || isConnecting())
        return;
    const QString key = profile.routerKey();
    QSettings settings;
    profile.save(settings);
    m_routers->addRouter(key, profile.host);
    m_routers->save(settings);
    if (profile.rememberPassword && !password.isEmpty()) {
        m_secrets->write(profile.secretKey(), password, [this](const SecretStore::Answer &answer) {
            if (!answer.ok)
                statusBar()->showMessage(
                    tr("The password was not saved in the keyring: %1").arg(answer.error), 8000);
        });
    }
    m_connector->open(profile, password, [this, key](Core::Result<OpenedRouter> opened) {
        adoptRouter(key, std::move(opened));
    });
}

bool MainWindow::isConnecting() const
{
    return m_connector->isBusy();
}

QString MainWindow::currentRouterUrl() const
{
    return m_agent ? m_agent->url() : m_router->url();
}

void MainWindow::onConnecting(const QString &url)
{
    statusBar()->showMessage(tr("Connecting to %1…").arg(RouterModel::withoutSecrets(url)));
    updateActions();
}

void MainWindow::adoptRouter(const QString &routerKey, Core::Result<OpenedRouter> opened)
{
    if (!opened) {
        showError(opened.error());
        m_routerView->setCurrentIndex(m_routers->index(m_routers->rowOf(m_routerKey), 0));
        updateActions();
        return;
    }
    OpenedRouter router = std::move(opened).value();
    m_controller->setRouter(router.router ? *router.router : *m_router);
    // The previous router goes after the controller has left it.
    const std::unique_ptr<AgentConnection> previousAgent
        = std::exchange(m_agent, std::move(router.agent));
    const std::unique_ptr<Core::Router> previous
        = router.router ? std::exchange(m_router, std::move(router.router)) : nullptr;
    m_controller->setRemoteFailuresAllowed(m_agent != nullptr);
    m_routerKey = routerKey;
    m_checkNewConnection = std::move(router.checkNewConnection);
    showUploads();
    applyConfirmTimeout();
    showCurrentRouter();
    for (const Core::TransactionInfo &pending : std::as_const(router.pending))
        accountForPending(pending);
    accountForReverted(router.reverted);
}

// Changes the router reverted by itself since this window last said so for it (its watchdog: a
// session lost mid-run, or no confirmation by the deadline): the user learns why the router is
// not as they left it.
void MainWindow::accountForReverted(const QList<Core::RevertedTransaction> &reverted)
{
    QSettings settings;
    const QString accounted = u"revertedAccount/"_s
                              + QString::fromLatin1(m_routerKey.toUtf8().toBase64(
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const qint64 until = settings.value(accounted, 0).toLongLong();
    QStringList lines;
    qint64 latest = until;
    for (const Core::RevertedTransaction &each : reverted) {
        if (each.at.toSecsSinceEpoch() <= until)
            continue;
        latest = std::max(latest, each.at.toSecsSinceEpoch());
        const QString at = QLocale().toString(each.at.toLocalTime(), QLocale::ShortFormat);
        lines.append(
            each.reason == Core::RevertedTransaction::Reason::Deadline
                ? tr("Change %1, at %2: no confirmation came by its deadline.").arg(each.id, at)
                : tr("Change %1, at %2: the session that ran it was lost mid-run.")
                      .arg(each.id, at));
    }
    if (lines.isEmpty())
        return;
    settings.setValue(accounted, latest);
    QMessageBox box(QMessageBox::Information, tr("Changes reverted by the router"),
                    tr("The router put itself back as it was before these changes:"),
                    QMessageBox::Ok, this);
    box.setObjectName(u"revertedTransactions"_s);
    box.setInformativeText(lines.join(u'\n'));
    box.exec();
}

// A transaction an earlier session left on the router holds its lock: the user decides its fate.
void MainWindow::accountForPending(const Core::TransactionInfo &pending)
{
    const bool awaiting = pending.state == Core::TransactionState::AwaitingConfirmation;
    QMessageBox box(QMessageBox::Warning, tr("Pending change on the router"),
                    awaiting
                        ? tr("Change %1 on this router awaits confirmation until %2.")
                              .arg(pending.id, QLocale().toString(pending.deadline.toLocalTime(),
                                                                  QLocale::ShortFormat))
                        : tr("Change %1 on this router did not finish: its run was "
                             "interrupted, and it holds the router's lock.")
                              .arg(pending.id),
                    QMessageBox::NoButton, this);
    box.setObjectName(u"pendingTransaction"_s);
    box.setInformativeText(tr("Revert puts the router back as it was before the change."));
    QPushButton *revert = box.addButton(tr("&Revert"), QMessageBox::DestructiveRole);
    QPushButton *confirm
        = awaiting ? box.addButton(tr("&Confirm"), QMessageBox::AcceptRole) : nullptr;
    box.addButton(tr("&Leave it"), QMessageBox::RejectRole);
    box.exec();
    Core::Router &router = *m_router;
    const QString id = pending.id;
    Core::Result<void> done;
    if (box.clickedButton() == revert)
        done = router.ioThread().runAndWait([&] { return Core::revertTransaction(router, id); });
    else if (confirm && box.clickedButton() == confirm)
        done = router.ioThread().runAndWait([&] { return Core::confirmTransaction(router, id); });
    else
        return;
    if (!done)
        showError(done.error());
    else
        statusBar()->showMessage(box.clickedButton() == revert ? tr("Change %1 reverted.").arg(id)
                                                               : tr("Change %1 confirmed.").arg(id),
                                 8000);
    refreshChutes();
}

void MainWindow::showCurrentRouter()
{
    m_routerView->setCurrentIndex(m_routers->index(m_routers->rowOf(m_routerKey), 0));
    m_runStatus->setRouter(currentRouterUrl());
    m_runStatus->setPlan(0);
    m_timeline->clear();
    m_events->clear();
    m_rollbackPanel->clear();
    m_changesView->setUpdates({});
    m_changesView->clearFileChanges();
    showWindowTitle();
    statusBar()->showMessage(tr("Connected to %1").arg(currentRouterUrl()), 5000);
    refreshChutes();
    updateActions();
    Q_EMIT routerChanged(currentRouterUrl());
}

void MainWindow::showConnectDialog(const ConnectionProfile &profile, const QString &replacing)
{
    auto *dialog = new ConnectDialog(profile, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, replacing] {
        const ConnectionProfile chosen = dialog->profile();
        // An edited address replaces the old entry; its saved password goes with it.
        if (!replacing.isEmpty() && replacing != chosen.routerKey()) {
            QSettings settings;
            m_routers->removeRouter(replacing);
            ConnectionProfile::forget(settings, replacing);
        }
        connectTo(chosen, dialog->password());
    });
    dialog->open();
}

QString MainWindow::selectedRouterKey() const
{
    const QModelIndex index = m_routerView->currentIndex();
    return index.isValid() && !index.data(RouterModel::SandboxRole).toBool()
               ? index.data(RouterModel::UrlRole).toString()
               : QString();
}

void MainWindow::editRouter()
{
    const QString key = selectedRouterKey();
    QSettings settings;
    const std::optional<ConnectionProfile> profile = ConnectionProfile::load(settings, key);
    if (profile)
        showConnectDialog(*profile, key);
}

void MainWindow::forgetRouter()
{
    const QString key = selectedRouterKey();
    if (key.isEmpty() || key == m_routerKey)
        return;
    QSettings settings;
    if (const std::optional<ConnectionProfile> profile = ConnectionProfile::load(settings, key);
        profile && profile->rememberPassword)
        m_secrets->remove(profile->secretKey(), [](const SecretStore::Answer &) {});
    ConnectionProfile::forget(settings, key);
    m_routers->removeRouter(key);
    m_routers->save(settings);
    m_routerView->setCurrentIndex(m_routers->index(m_routers->rowOf(m_routerKey), 0));
}

void MainWindow::addRouter()
{
    bool accepted = false;
    const QString url = QInputDialog::getText(
        this, tr("Add router"),
        tr("Router address (sandbox:FOLDER, ssh://user@host/, http://host:port):"),
        QLineEdit::Normal, QString(), &accepted);
    if (!accepted || url.trimmed().isEmpty())
        return;
    const QString clean = RouterModel::withoutSecrets(url.trimmed());
    m_routers->addRouter(clean, QUrl(clean).host().isEmpty() ? clean : QUrl(clean).host());
    QSettings settings;
    m_routers->save(settings);
}

void MainWindow::refreshChutes()
{
    if (m_agent) {
        refreshRemoteChutes();
        return;
    }
    const Core::Result<QList<Core::ChuteSpec>> installed = Core::readInstalledChutes(*m_router);
    if (!installed) {
        statusBar()->showMessage(installed.error().message);
        return;
    }
    m_chutes->setChutes(installed.value());
    const Core::Result<Core::HostConfig> hostConfig = Core::readHostConfig(*m_router);
    if (hostConfig)
        m_hostConfigView->setHostConfig(hostConfig.value());
    else
        m_hostConfigView->showReadError(hostConfig.error().message);
    QStringList names;
    for (const Core::ChuteSpec &chute : installed.value())
        names.append(chute.name);
    m_eventPanel->setChutes(names);
}

void MainWindow::refreshRemoteChutes()
{
    m_hostConfigView->showReadError(
        tr("The host configuration of an HTTP router is not shown: open the router over SSH to "
           "see it."));
    m_agent->fetchChutes([this](const Core::Result<QList<Core::ChuteSpec>> &installed) {
        if (!installed) {
            statusBar()->showMessage(installed.error().message);
            return;
        }
        m_chutes->setChutes(installed.value());
        QStringList names;
        for (const Core::ChuteSpec &chute : installed.value())
            names.append(chute.name);
        m_eventPanel->setChutes(names);
    });
}

void MainWindow::chooseChute()
{
    // Not modal to the run: the dialog is only offered while no run is live.
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a chute folder"));
    if (!folder.isEmpty())
        openChute(folder);
}

void MainWindow::chooseHostConfig()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Host configuration"), QString(), tr("Host configuration (*.yaml *.yml *.json)"));
    if (file.isEmpty())
        return;
    Core::ChangeRequest request;
    request.type = Core::UpdateType::SetHostConfig;
    request.hostConfigFile = file;
    planChange(request);
}

void MainWindow::openChute(const QString &folderOrYaml)
{
    const Core::Result<Core::ChuteSpec> chute = Core::loadChute(folderOrYaml);
    if (!chute) {
        showError(chute.error());
        return;
    }
    Core::ChangeRequest request;
    request.chuteSources = {folderOrYaml};
    request.type = m_chutes->rowOf(chute.value().name) >= 0 ? Core::UpdateType::Update
                                                            : Core::UpdateType::Create;
    planChange(request);
}

void MainWindow::planSelectedChutes(Core::UpdateType type)
{
    Core::ChangeRequest request;
    request.type = type;
    const QModelIndexList rows
        = m_chuteView->selectionModel()->selectedRows(ChuteModel::NameColumn);
    for (const QModelIndex &row : rows)
        request.chuteNames.append(row.data(ChuteModel::NameRole).toString());
    if (!request.chuteNames.isEmpty())
        planChange(request);
}

void MainWindow::planChange(const Core::ChangeRequest &request)
{
    if (m_agent) {
        planRemote(request);
        return;
    }
    const Core::Result<void> planned = m_controller->plan(request);
    showPlan();
    if (!planned)
        showError(planned.error());
}

void MainWindow::preview()
{
    if (m_agent) {
        planRemote(m_remoteRequest);
        return;
    }
    if (const Core::Result<void> planned = m_controller->replan(); !planned)
        showError(planned.error());
    showPlan();
}

// The agent previews the change; the run is submitted paused with the first command, so that the
// preview's step ids are the run's.
void MainWindow::planRemote(const Core::ChangeRequest &request)
{
    if (m_controller->isLive())
        return;
    m_remoteRequest = request;
    m_controller->setRouter(*m_router); // no plan while the agent answers
    showPlan();
    statusBar()->showMessage(tr("Planning on %1…").arg(m_agent->url()));
    m_agent->preview(request, [this, request](const Core::Result<Core::PlanMap> &plan) {
        if (!plan) {
            showError(plan.error());
            return;
        }
        followRemote(request, plan.value());
    });
}

void MainWindow::followRemote(const Core::ChangeRequest &request, const Core::PlanMap &plan)
{
    const std::optional<std::chrono::seconds> hold = m_controller->confirmTimeout();
    std::unique_ptr<Core::HttpSession> session
        = m_agent->session(request, hold ? int(hold->count()) : 0);
    Core::HttpSession *remote = session.get();
    connect(remote, &Core::HttpSession::failed, this, [this, remote] {
        showError(remote->error());
        m_controller->abandonSession();
        updateActions();
    });
    connect(remote, &Core::HttpSession::rejected, this, [this](const QString &message) {
        showError(Core::Error{Core::ErrorCode::ChangeRejected, message});
    });
    connect(remote, &Core::HttpSession::commandRefused, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(remote, &Core::HttpSession::uploadProgress, this,
            [this, source = request.chuteSources.value(0)](qint64 sent, qint64 total) {
                showUploadProgress(source, sent, total);
            });
    m_controller->followSession(std::move(session), plan, [](Core::ExecutionSession &started) {
        static_cast<Core::HttpSession &>(started).start();
    });
    showPlan();
    statusBar()->showMessage(
        tr("Planned on %1: %n step(s)", nullptr, int(plan.size())).arg(m_agent->url()));
}

// A new plan (or none): every view of the last run starts afresh.
void MainWindow::showPlan()
{
    m_events->clear();
    m_rollbackPanel->clear();
    m_changesView->setUpdates(m_controller->updates());
    m_changesView->clearFileChanges();
    m_timeline->setPlan(m_controller->preview());
    m_runStatus->setPlan(m_controller->plannedStepCount());
    if (m_controller->hasPlan())
        statusBar()->showMessage(tr("Planned %1").arg(m_controller->planSummary()));
    updateActions();
}

void MainWindow::showError(const Core::Error &error)
{
    const QString title = errorTitle(error.code);
    const QString &message = error.message;
    statusBar()->showMessage(title + u": "_s + message);
    // Modeless (open() would be window-modal): nothing blocks the window, not even during a run.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->show();
}

void MainWindow::addRunMatchers(const QList<Core::StepMatcher> &breakpoints,
                                const QList<Core::StepMatcher> &failures)
{
    m_controller->addRunMatchers(breakpoints, failures);
}

void MainWindow::run()
{
    runCommand(&RunController::resume);
}

void MainWindow::setSandboxUrl(const QString &url)
{
    m_routers->setSandboxUrl(url);
}

bool MainWindow::showView(const QString &name)
{
    for (int tab = 0; tab < m_centreTabs->count(); ++tab) {
        if (m_centreTabs->widget(tab)->objectName() == name) {
            m_centreTabs->setCurrentIndex(tab);
            return true;
        }
    }
    return false;
}

void MainWindow::followSession(std::unique_ptr<Core::ExecutionSession> session,
                               Core::PlanMap preview)
{
    m_controller->followSession(std::move(session), std::move(preview));
    showPlan();
}

void MainWindow::runCommand(Core::Result<void> (RunController::*command)())
{
    const Core::Result<void> accepted = (m_controller.get()->*command)();
    if (!accepted)
        statusBar()->showMessage(accepted.error().message, 5000);
    updateActions();
}

void MainWindow::runToHere()
{
    const int stepId = m_planView->currentStepId();
    if (stepId == 0)
        return;
    if (const Core::Result<void> accepted = m_controller->runToStep(Core::StepId(stepId));
        !accepted)
        statusBar()->showMessage(accepted.error().message, 5000);
    updateActions();
}

void MainWindow::toggleBreakpoint()
{
    const int stepId = m_planView->currentStepId();
    if (stepId != 0)
        m_plan->setBreakpoint(Core::StepId(stepId), !m_plan->hasBreakpoint(Core::StepId(stepId)));
}

void MainWindow::toggleStepFailure()
{
    const int stepId = m_planView->currentStepId();
    if (stepId == 0 || !m_controller->canInjectFailures())
        return;
    const auto id = Core::StepId(stepId);
    m_plan->setInjectedFailure(id, !m_plan->hasInjectedFailure(id));
}

void MainWindow::onEvents(const Core::EventBatch &events)
{
    // Keep the step the run is at (or paused before) in sight, as a debugger does.
    if (const int row = m_plan->currentRow(); row >= 0)
        m_planView->scrollTo(m_plan->index(row, 0));
    m_timeline->applyEvents(events);
    m_events->appendEvents(events);
    m_rollbackPanel->applyEvents(events);
    m_runStatus->applyEvents(events);
    updateActions();
}

void MainWindow::finishConfirmation(const Core::Result<void> &done, const QString &message)
{
    if (!done)
        showError(done.error());
    else
        statusBar()->showMessage(message, 8000);
    if (!m_controller->awaitsConfirmation())
        m_confirmBar->hide();
    refreshChutes();
    updateActions();
}

// Large files go to an SSH router in chunks (a chute's image archive, say): the status bar follows
// them as it follows an upload to an agent. Reported on the router's I/O thread, shown on this one.
void MainWindow::showUploads()
{
    auto *ssh = dynamic_cast<Core::SshRouter *>(m_router.get());
    if (ssh == nullptr)
        return;
    ssh->setTransferProgress([this](const QString &path, qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
            this, [this, path, done, total] { showUploadProgress(path, done, total); });
    });
}

// The last report stays a moment, then the status bar is free again.
void MainWindow::showUploadProgress(const QString &source, qint64 sent, qint64 total)
{
    statusBar()->showMessage(uploadProgressText(source, sent, total), sent < total ? 0 : 5000);
}

// DESIGN.md, confirm-or-revert: the change left the router reachable if a new connection works
// (the one in use may have survived a change that cuts new ones). Meanwhile the countdown runs
// and its buttons work; a failed check leaves the decision to the user, or to the deadline.
void MainWindow::confirmOverNewConnection()
{
    const QString router = RouterModel::withoutSecrets(currentRouterUrl());
    statusBar()->showMessage(tr("Checking that a new connection to %1 works…").arg(router));
    auto checked
        = [this, window = QPointer<MainWindow>(this), router](const Core::Result<void> &works) {
              if (!window || !m_controller->awaitsConfirmation())
                  return; // the window is gone, or the change was settled by hand meanwhile
              if (!works) {
                  statusBar()->showMessage(
                      tr("A new connection to %1 failed (%2): the change awaits your confirmation.")
                          .arg(router, works.error().message));
                  return;
              }
              finishConfirmation(m_controller->confirmRun(),
                                 tr("Change confirmed: a new connection to %1 works.").arg(router));
          };
    if (m_checkNewConnection)
        m_checkNewConnection(checked);
    else // the router the window was given (the sandbox): nothing to open anew
        checked({});
}

void MainWindow::setConfirmTimeout(std::optional<std::chrono::seconds> timeout)
{
    m_confirmOverride = timeout;
    applyConfirmTimeout();
}

// SSH and HTTP routers may lose the admin's link with a network change: their changes wait for
// confirmation (the preferences' deadline); the sandbox only when asked (--confirm-timeout).
void MainWindow::applyConfirmTimeout()
{
    if (m_confirmOverride)
        m_controller->setConfirmTimeout(m_confirmOverride);
    else if (m_agent || m_router->url().startsWith(u"ssh://"_s))
        m_controller->setConfirmTimeout(
            std::chrono::seconds(Preferences::load(QSettings()).confirmDeadlineSeconds));
    else
        m_controller->setConfirmTimeout(std::nullopt);
}

void MainWindow::onFinished()
{
    refreshChutes();
    updateActions();
    if (m_controller->awaitsConfirmation()) {
        m_confirmBar->start(countdownEnd());
        showView(u"plan"_s);
        if (!m_confirmByHand && !Preferences::load(QSettings()).confirmByHand)
            confirmOverNewConnection();
    }
    const Core::RunReport &report = m_controller->report();
    const Core::Result<QList<Core::FileChange>> files = m_controller->fileChanges();
    if (files)
        m_changesView->setFileChanges(files.value(), report.state() != ExecutorState::Succeeded);
    else
        m_changesView->showFileError(files.error().message);
    // After a failure, leave the user looking at the step that failed.
    for (const Core::ExecutionEvent &step : report.takenSteps()) {
        if (step.status == Core::StepStatus::Failed && step.step.phase == Core::Phase::Todo) {
            m_planView->showStep(int(step.step.stepId));
            break;
        }
    }
    statusBar()->showMessage(
        report.failureMessage().isEmpty()
            ? report.finalMessage()
            : tr("%1: %2").arg(executorStateText(report.state()), report.failureMessage()));
}

void MainWindow::updateActions()
{
    const bool planned = m_controller->hasPlan();
    const ExecutorState state = m_controller->state();
    const bool live = m_controller->isLive();
    const bool ended = Core::isFinal(state) && m_controller->hasRun();
    const bool runnable = planned && !ended;
    const bool stepSelected = m_planView && m_planView->currentStepId() != 0;
    const bool chutesSelected = m_chuteView && m_chuteView->selectionModel()->hasSelection();
    const auto enable = [this](ActionId id, bool enabled) { actionFor(id)->setEnabled(enabled); };
    // A change awaiting confirmation holds the router as a live run does.
    const bool busy = live || m_controller->awaitsConfirmation() || isConnecting();
    for (const ActionId id : {ActionId::OpenChute, ActionId::AddRouter, ActionId::ConnectRouter,
                              ActionId::EditRouter, ActionId::ForgetRouter})
        enable(id, !busy);
    enable(ActionId::HostConfig, !busy && !m_agent);
    for (const ActionId id :
         {ActionId::StartChute, ActionId::StopChute, ActionId::RestartChute, ActionId::DeleteChute})
        enable(id, !busy && chutesSelected);
    enable(ActionId::Preview, planned && !busy);
    enable(ActionId::Run, runnable);
    enable(ActionId::Step, runnable);
    enable(ActionId::Pause, state == ExecutorState::Running || state == ExecutorState::RollingBack);
    enable(ActionId::Abort, live && m_controller->report().cause() == Core::RollbackCause::None);
    enable(ActionId::RunToHere, runnable && stepSelected && state != ExecutorState::RollingBack);
    enable(ActionId::ToggleBreakpoint, runnable && stepSelected);
    enable(ActionId::MakeStepFail, runnable && stepSelected && m_controller->canInjectFailures());
    if (m_routerView)
        m_routerView->setEnabled(!busy);
}

} // namespace ChuteDeck::Ui
