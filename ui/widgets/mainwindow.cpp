#include "ui/widgets/mainwindow.h"

#include "core/plan/executor.h"
#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/changerun.h"
#include "core/update/changerequest.h"
#include "core/update/planning.h"
#include "ui/models/chutemodel.h"
#include "ui/models/eventfilterproxy.h"
#include "ui/models/eventlogmodel.h"
#include "ui/models/planmodel.h"
#include "ui/widgets/timelinewidget.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

#include <array>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;
using Core::ExecutorState;

MainWindow::MainWindow(Core::Router &router, QWidget *parent)
    : QMainWindow(parent)
    , m_router(router)
    , m_chutes(new ChuteModel(this))
    , m_plan(new PlanModel(this))
    , m_events(new EventLogModel(this))
    , m_eventFilter(new EventFilterProxy(this))
{
    createActions();
    createLayout();
    retranslateUi();
    refreshChutes();
    updateActions();
    showStatus();
    resize(1280, 800);
    const QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a chute folder"));
        if (!folder.isEmpty())
            openChute(folder);
    });
    m_runAction = new QAction(this);
    m_runAction->setShortcut(Qt::Key_F5);
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);
    m_stepAction = new QAction(this);
    m_stepAction->setShortcut(Qt::Key_F10);
    connect(m_stepAction, &QAction::triggered, this,
            [this] { runCommand(&Core::ExecutionSession::step); });
    m_pauseAction = new QAction(this);
    connect(m_pauseAction, &QAction::triggered, this,
            [this] { runCommand(&Core::ExecutionSession::pause); });
    m_abortAction = new QAction(this);
    m_abortAction->setShortcut(Qt::SHIFT | Qt::Key_F5);
    connect(m_abortAction, &QAction::triggered, this,
            [this] { runCommand(&Core::ExecutionSession::abort); });
    m_breakpointAction = new QAction(this);
    m_breakpointAction->setShortcut(Qt::Key_F9);
    connect(m_breakpointAction, &QAction::triggered, this, &MainWindow::toggleBreakpoint);

    QToolBar *toolBar = addToolBar(QString());
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions({m_openAction, m_runAction, m_stepAction, m_pauseAction, m_abortAction,
                         m_breakpointAction});
}

void MainWindow::createLayout()
{
    m_chuteView = new QTableView;
    m_chuteView->setModel(m_chutes);
    m_chuteView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chuteView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chuteView->verticalHeader()->hide();
    m_chuteView->horizontalHeader()->setStretchLastSection(true);

    // Uniform row heights keep a 30,000-step plan quick to load and scroll.
    m_planView = new QTreeView;
    m_planView->setModel(m_plan);
    m_planView->setRootIsDecorated(false);
    m_planView->setUniformRowHeights(true);
    m_planView->setAlternatingRowColors(true);
    m_planView->header()->setSectionResizeMode(QHeaderView::Interactive);
    // Widths for what each column holds; the user's own survive in the header state.
    const std::array<std::pair<int, int>, 8> widths{{{PlanModel::IdColumn, 48},
                                                     {PlanModel::PriorityColumn, 56},
                                                     {PlanModel::StepColumn, 300},
                                                     {PlanModel::DescriptionColumn, 300},
                                                     {PlanModel::ArgumentsColumn, 70},
                                                     {PlanModel::ChutesColumn, 100},
                                                     {PlanModel::AbortStepsColumn, 220},
                                                     {PlanModel::StatusColumn, 80}}};
    for (const auto &[column, width] : widths)
        m_planView->setColumnWidth(column, width);

    m_timeline = new TimelineWidget;

    m_eventFilter->setSourceModel(m_events);
    m_eventView = new QTreeView;
    m_eventView->setModel(m_eventFilter);
    m_eventView->setRootIsDecorated(false);
    m_eventView->setUniformRowHeights(true);

    auto *centre = new QSplitter(Qt::Vertical);
    centre->addWidget(m_planView);
    centre->addWidget(m_timeline);
    centre->addWidget(m_eventView);
    centre->setSizes({360, 260, 160});

    auto *main = new QSplitter(Qt::Horizontal);
    main->addWidget(m_chuteView);
    main->addWidget(centre);
    main->setStretchFactor(1, 1);
    main->setSizes({330, 950});
    setCentralWidget(main);

    m_stateLabel = new QLabel;
    statusBar()->addPermanentWidget(m_stateLabel);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("ChuteDeck — %1").arg(m_router.url()));
    m_openAction->setText(tr("&Open chute…"));
    m_runAction->setText(tr("&Run / Continue"));
    m_stepAction->setText(tr("&Step"));
    m_pauseAction->setText(tr("&Pause"));
    m_abortAction->setText(tr("&Abort"));
    m_breakpointAction->setText(tr("Toggle &breakpoint"));
    showStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::refreshChutes()
{
    const Core::Result<QList<Core::ChuteSpec>> installed = Core::readInstalledChutes(m_router);
    if (installed)
        m_chutes->setChutes(installed.value());
    else
        statusBar()->showMessage(installed.error().message);
}

void MainWindow::openChute(const QString &folderOrYaml)
{
    Core::ChangeRequest request;
    request.chuteSources = {folderOrYaml};
    const auto installed = Core::readInstalledChutes(m_router);
    const Core::Result<Core::ChuteSpec> chute = Core::loadChute(folderOrYaml);
    if (!chute) {
        // Not modal: nothing blocks the window.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Invalid chute"),
                                    chute.error().message, QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    const bool isInstalled
        = installed.ok()
          && std::any_of(installed.value().cbegin(), installed.value().cend(),
                         [&](const Core::ChuteSpec &c) { return c.name == chute.value().name; });
    request.type = isInstalled ? Core::UpdateType::Update : Core::UpdateType::Create;
    const Core::Result<QList<Core::Update>> updates = Core::buildUpdates(request, m_router);
    if (!updates) {
        statusBar()->showMessage(updates.error().message);
        return;
    }
    m_updates = updates.value();
    previewChange(request.type);
}

void MainWindow::previewChange(Core::UpdateType type)
{
    const Core::Result<Core::PlanMap> plan = Core::generatePlan(m_updates);
    m_run.reset();
    m_report = {};
    m_events->clear();
    m_timeline->clear();
    if (!plan) {
        m_plan->setPlan(Core::PlanMap());
        statusBar()->showMessage(tr("Rejected: %1").arg(plan.error().message));
        updateActions();
        return;
    }
    const Core::PlanMap preview = Core::previewPlan(plan.value(), m_updates);
    m_plan->setPlan(preview);
    m_timeline->setPlan(preview);
    statusBar()->showMessage(tr("Planned %1 of %2: %3 steps")
                                 .arg(Core::updateTypeName(type), m_updates.first().name)
                                 .arg(preview.size()));
    updateActions();
    showStatus();
}

bool MainWindow::startRun()
{
    const Core::Result<Core::PlanMap> plan = Core::generatePlan(m_updates);
    if (!plan)
        return false;
    auto run = Core::ChangeRun::prepare(m_router, m_updates, plan.value());
    if (!run) {
        statusBar()->showMessage(run.error().message);
        return false;
    }
    m_run = std::move(run).value();
    Core::Executor &executor = m_run->executor();
    for (int row = 0; row < m_plan->rowCount(); ++row) {
        const QModelIndex index = m_plan->index(row, 0);
        if (index.data(PlanModel::BreakpointRole).toBool())
            executor.setBreakpoint(
                Core::StepMatcher::forId(index.data(PlanModel::StepIdRole).toInt()), true);
    }
    for (const Core::StepMatcher &matcher : std::as_const(m_runBreakpoints))
        executor.setBreakpoint(matcher, true);
    for (const Core::StepMatcher &matcher : std::as_const(m_runFailures))
        executor.setInjectedFailure(matcher, true);
    connect(&executor, &Core::ExecutionSession::eventsReady, this, &MainWindow::onEvents);
    connect(&executor, &Core::ExecutionSession::finished, this, &MainWindow::onFinished);
    return true;
}

void MainWindow::runCommand(Core::Result<void> (Core::ExecutionSession::*command)())
{
    if (m_updates.isEmpty())
        return;
    if (!m_run && !startRun())
        return;
    const Core::Result<void> accepted = (m_run->executor().*command)();
    if (!accepted)
        statusBar()->showMessage(accepted.error().message, 5000);
}

void MainWindow::addRunMatchers(const QList<Core::StepMatcher> &breakpoints,
                                const QList<Core::StepMatcher> &failures)
{
    m_runBreakpoints += breakpoints;
    m_runFailures += failures;
}

void MainWindow::run()
{
    runCommand(&Core::ExecutionSession::resume);
}

void MainWindow::toggleBreakpoint()
{
    const QModelIndex current = m_planView->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex cell = m_plan->index(current.row(), PlanModel::BreakpointColumn);
    const bool enabled = !cell.data(PlanModel::BreakpointRole).toBool();
    m_plan->setData(cell, enabled, PlanModel::BreakpointRole);
    if (m_run) {
        const int stepId = cell.data(PlanModel::StepIdRole).toInt();
        m_run->executor().setBreakpoint(Core::StepMatcher::forId(stepId), enabled);
    }
}

void MainWindow::onEvents(const Core::EventBatch &events)
{
    m_report.add(events);
    m_plan->applyEvents(events);
    // Keep the step the run is at (or paused before) in sight, as a debugger does.
    if (const int row = m_plan->currentRow(); row >= 0)
        m_planView->scrollTo(m_plan->index(row, 0));
    m_timeline->applyEvents(events);
    m_events->appendEvents(events);
    updateActions();
    showStatus();
}

void MainWindow::onFinished()
{
    refreshChutes();
    updateActions();
    showStatus();
}

void MainWindow::updateActions()
{
    const bool planned = !m_updates.isEmpty();
    const ExecutorState state = m_run ? m_report.state() : ExecutorState::Ready;
    const bool ended = Core::isFinal(state);
    m_runAction->setEnabled(planned && !ended);
    m_stepAction->setEnabled(planned && !ended);
    m_pauseAction->setEnabled(state == ExecutorState::Running
                              || state == ExecutorState::RollingBack);
    m_abortAction->setEnabled(m_run && !ended && m_report.cause() == Core::RollbackCause::None);
    m_breakpointAction->setEnabled(planned && !ended);
}

void MainWindow::showStatus()
{
    if (!m_stateLabel)
        return;
    QString text = m_router.url();
    if (m_run) {
        const auto &taken = m_report.takenSteps();
        text += u"  ·  "_s + Core::executorStateName(m_report.state()) + u"  ·  "_s
                + tr("%n step(s) taken", nullptr, int(taken.size()));
        if (m_report.isFinished() && !m_report.failureMessage().isEmpty())
            text += u"  ·  "_s + m_report.failureMessage();
    }
    m_stateLabel->setText(text);
}

} // namespace ChuteDeck::Ui
