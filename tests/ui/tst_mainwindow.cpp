#include "core/remote/openrouter.h"
#include "core/steps/samplechutes.h"
#include "tests/support/samplechutes.h"
#include "tests/support/treesnapshot.h"
#include "tests/ui/windowdriver.h"
#include "ui/models/chutemodel.h"
#include "ui/models/planmodel.h"
#include "ui/models/runcontroller.h"
#include "ui/widgets/appearance.h"
#include "ui/widgets/changesview.h"
#include "ui/widgets/confirmationbar.h"
#include "ui/widgets/filediffview.h"
#include "ui/widgets/hostconfigview.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/planview.h"
#include "ui/widgets/rollbackpanel.h"
#include "ui/widgets/runstatuswidget.h"
#include "ui/widgets/timelinewidget.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace ChuteDeck;
using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 20000;

QString sample(const QString &name)
{
    return sampleChutesFolder() + u'/' + name;
}

} // namespace

// The desktop window as a user drives it, offscreen, on a real sandbox router.
class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stepBreakFailAndWatchTheRollback();
    void runToHereStopsOnceAndTheRunSucceeds();
    void invalidChuteOpensNoPlanAndNamesTheLine();
    void droppingAChuteFolderPlansIt();
    void updateShowsTheChuteDiffAndTheTouchedFiles();
    void hostConfigEditorRejectsABadValueWithItsLineAndField();
    void switchingToGermanAndBackRetranslatesTheWindow();
    void networkChangeAwaitsConfirmation_data();
    void networkChangeAwaitsConfirmation();
    void networkChangeIsConfirmedOnceTheRouterAnswers();
    void pendingChangeIsAccountedForOnReconnect();

private:
    int rowOfCall(const QString &call) const;
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void selectRow(int row);
    void waitForState(ExecutorState state);
    void openWindow(bool withSamples = false);

    std::unique_ptr<QTemporaryDir> m_routerFolder;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    // The window keeps its layout and routers in QSettings: keep the user's own out of reach.
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::init()
{
    m_routerFolder = std::make_unique<QTemporaryDir>();
    QVERIFY(m_routerFolder->isValid());
    openWindow();
}

void TestMainWindow::openWindow(bool withSamples)
{
    m_window.reset();
    auto router = openRouter(u"sandbox:"_s + m_routerFolder->path());
    if (!router)
        QFAIL(qPrintable(router.error().message));
    if (withSamples)
        QVERIFY(installSampleChutes(*router.value(), sampleChutesFolder()).ok());
    m_window = std::make_unique<Ui::MainWindow>(std::move(router).value());
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestMainWindow::cleanup()
{
    Tests::setConfirmByHand(false);
    m_window.reset();
    m_routerFolder.reset();
}

int TestMainWindow::rowOfCall(const QString &call) const
{
    return Tests::rowOfCall(*m_window, call);
}

void TestMainWindow::press(int key, Qt::KeyboardModifiers modifiers)
{
    Tests::pressOnPlan(*m_window, key, modifiers);
}

void TestMainWindow::selectRow(int row)
{
    Tests::selectPlanRow(*m_window, row);
}

void TestMainWindow::waitForState(ExecutorState state)
{
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->state(), state, kTimeoutMs);
}

void TestMainWindow::stepBreakFailAndWatchTheRollback()
{
    const auto before = Tests::snapshotTree(m_routerFolder->path());
    Ui::PlanModel *plan = m_window->planModel();

    m_window->openChute(sample(u"two-services"_s));
    m_window->action(u"preview"_s)->trigger();
    const int planned = plan->rowCount();
    QVERIFY(planned > 30);
    QCOMPARE(m_window->timeline()->plannedStepCount(), planned);

    const int breakRow = rowOfCall(u"dockerapi.start_container(web)"_s);
    const int failRow = rowOfCall(u"dockerapi.start_container(cache)"_s);
    QVERIFY(breakRow > 3 && failRow > breakRow);
    selectRow(breakRow);
    press(Qt::Key_F9);
    QVERIFY(plan->index(breakRow, 0).data(Ui::PlanModel::BreakpointRole).toBool());

    // F10 from Ready runs step 1 and pauses before step 2; twice more, before step 4.
    for (int taken = 1; taken <= 3; ++taken) {
        press(Qt::Key_F10);
        QTRY_COMPARE_WITH_TIMEOUT(plan->currentRow(), taken, kTimeoutMs);
        waitForState(ExecutorState::Paused);
        QCOMPARE(plan->statusAt(taken - 1), Ui::PlanModel::Status::Done);
        QCOMPARE(plan->statusAt(taken), Ui::PlanModel::Status::Pending);
    }
    QCOMPARE(m_window->runStatus()->progressText(), u"step 3 of %1"_s.arg(planned));

    press(Qt::Key_F5); // continue to the breakpoint
    QTRY_COMPARE_WITH_TIMEOUT(plan->currentRow(), breakRow, kTimeoutMs);
    waitForState(ExecutorState::Paused);
    QCOMPARE(plan->statusAt(breakRow - 1), Ui::PlanModel::Status::Done);

    selectRow(failRow);
    m_window->action(u"makeStepFail"_s)->trigger();
    QVERIFY(plan->hasInjectedFailure(
        StepId(plan->index(failRow, 0).data(Ui::PlanModel::StepIdRole).toInt())));
    press(Qt::Key_F5);
    waitForState(ExecutorState::RolledBack);

    // The plan table: the failure, the steps it undid, and the rollback section with its rows.
    QCOMPARE(plan->statusAt(failRow), Ui::PlanModel::Status::Failed);
    QCOMPARE(plan->statusAt(breakRow), Ui::PlanModel::Status::RolledBack);
    QCOMPARE(plan->statusAt(failRow + 1), Ui::PlanModel::Status::Pending);
    QVERIFY(plan->rollbackSectionRow() >= planned);
    QCOMPARE(plan->index(plan->rollbackSectionRow(), Ui::PlanModel::StepColumn).data().toString(),
             u"Rollback"_s);
    for (int row = plan->rollbackSectionRow() + 1; row < plan->rowCount(); ++row)
        QCOMPARE(plan->statusAt(row), Ui::PlanModel::Status::Done);
    QCOMPARE(m_window->planView()->currentIndex().row(), failRow); // shown after the run

    // The rollback panel ticked off every undo step and says the router is restored.
    const Ui::RollbackPanel *panel = m_window->rollbackPanel();
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->outcome(), Ui::RollbackPanel::Outcome::Restored);
    QCOMPARE(panel->undoCount(), plan->rowCount() - plan->rollbackSectionRow() - 1);
    QCOMPARE(panel->finishedUndoCount(), panel->undoCount());
    QVERIFY2(panel->bannerText().startsWith(u"Router restored"_s), qPrintable(panel->bannerText()));
    QCOMPARE(m_window->runStatus()->progressText(), u"undo %1 of %1"_s.arg(panel->undoCount()));

    // And the router is exactly as before, so the chute list has not changed either.
    QCOMPARE(Tests::snapshotTree(m_routerFolder->path()), before);
    QCOMPARE(m_window->chuteModel()->rowOf(u"two-services"_s), -1);
    QVERIFY(!m_window->action(u"run"_s)->isEnabled());
}

void TestMainWindow::runToHereStopsOnceAndTheRunSucceeds()
{
    Ui::PlanModel *plan = m_window->planModel();
    m_window->openChute(sample(u"hello-web"_s));
    const int target = plan->rowCount() / 2;
    selectRow(target);
    press(Qt::Key_F10, Qt::ControlModifier);
    waitForState(ExecutorState::Paused);
    QCOMPARE(plan->currentRow(), target);
    QCOMPARE(m_window->runStatus()->progressText(),
             u"step %1 of %2"_s.arg(target).arg(plan->rowCount()));
    QVERIFY(!plan->hasBreakpoint(
        StepId(plan->index(target, 0).data(Ui::PlanModel::StepIdRole).toInt())));

    press(Qt::Key_F5);
    waitForState(ExecutorState::Succeeded);
    QVERIFY(m_window->rollbackPanel()->isHidden());
    QVERIFY(m_window->chuteModel()->rowOf(u"hello-web"_s) >= 0); // refreshed after the change
}

void TestMainWindow::invalidChuteOpensNoPlanAndNamesTheLine()
{
    QTemporaryDir chute;
    QFile yaml(chute.filePath(u"paradrop.yaml"_s));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("name: broken\nservices:\n  main:\n    image: [unclosed\n");
    yaml.close();

    m_window->openChute(chute.path());
    QCOMPARE(m_window->planModel()->rowCount(), 0);
    QMessageBox *box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(u"paradrop.yaml:"_s), qPrintable(box->text()));
    QVERIFY(!m_window->action(u"run"_s)->isEnabled());
}

void TestMainWindow::droppingAChuteFolderPlansIt()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(sample(u"hello-web"_s))});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(m_window->planModel()->rowCount() > 0);
    QVERIFY(m_window->controller()->planSummary().contains(u"hello-web"_s));
}

void TestMainWindow::updateShowsTheChuteDiffAndTheTouchedFiles()
{
    // The sandbox with the samples installed, and a new version of one of them.
    openWindow(true);
    QTemporaryDir folder;
    const QString chute = Tests::sampleWithVersion(sampleChutesFolder(), u"two-services"_s,
                                                   u"1.3"_s, folder.path());

    m_window->openChute(chute);
    QVERIFY(m_window->controller()->planSummary().startsWith(u"update of two-services"_s));
    const QTreeWidget *fields = m_window->changesView()->fieldTree();
    const auto rows = fields->findItems(u"version"_s, Qt::MatchExactly, 0);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first()->text(1), u"1.2"_s);
    QCOMPARE(rows.first()->text(2), u"1.3"_s);

    press(Qt::Key_F5);
    waitForState(ExecutorState::Succeeded);
    const QListWidget *files = m_window->changesView()->fileList();
    QVERIFY(files->count() > 0);
    QVERIFY(!files->findItems(u"two-services"_s, Qt::MatchContains).isEmpty());
    QVERIFY(m_window->changesView()->fileDiff()->changedLineCount() > 0);
}

void TestMainWindow::hostConfigEditorRejectsABadValueWithItsLineAndField()
{
    QVERIFY(m_window->showView(u"hostconfig"_s));
    Ui::HostConfigView *view = m_window->hostConfigView();
    QPlainTextEdit *editor = view->yamlEditor();
    const QString original = editor->toPlainText();
    QVERIFY(original.contains(u"chutePrefixSize"_s));
    QVERIFY(view->yamlVerdict().startsWith(u"Valid"_s));
    QVERIFY(!view->previewYamlButton()->isEnabled()); // nothing changed yet

    // A bad value: the verdict names the line and the field, and nothing can be previewed.
    QString bad = original;
    bad.replace(QRegularExpression(u"chutePrefixSize: \\d+"_s), u"chutePrefixSize: 99"_s);
    editor->setPlainText(bad);
    QTRY_VERIFY(view->yamlVerdict().contains(u"system.chutePrefixSize"_s));
    const int line = int(bad.left(bad.indexOf(u"chutePrefixSize"_s)).count(u'\n')) + 1;
    QVERIFY2(view->yamlVerdict().startsWith(u"hostconfig:%1: "_s.arg(line)),
             qPrintable(view->yamlVerdict()));
    QVERIFY(!view->previewYamlButton()->isEnabled());
    QCOMPARE(m_window->planModel()->rowCount(), 0);

    // A good value previews the sethostconfig plan.
    QString good = original;
    good.replace(QRegularExpression(u"chutePrefixSize: \\d+"_s), u"chutePrefixSize: 26"_s);
    editor->setPlainText(good);
    QTRY_VERIFY(view->previewYamlButton()->isEnabled());
    view->previewYamlButton()->click();
    QVERIFY2(m_window->controller()->planSummary().startsWith(u"sethostconfig"_s),
             qPrintable(m_window->controller()->planSummary()));
    QVERIFY(m_window->planModel()->rowCount() > 0);
}

void TestMainWindow::switchingToGermanAndBackRetranslatesTheWindow()
{
    m_window->openChute(sample(u"hello-web"_s));
    QAction *run = m_window->action(u"run"_s);
    const QString stepHeader
        = m_window->planModel()->headerData(Ui::PlanModel::StepColumn, Qt::Horizontal).toString();
    QCOMPARE(run->text(), u"&Run / Continue"_s);
    QCOMPARE(stepHeader, u"Step"_s);

    Ui::applyLanguage(u"de"_s);
    QCOMPARE(run->text(),
             QCoreApplication::translate("ChuteDeck::Ui::MainWindow", "&Run / Continue"));
    QVERIFY2(run->text() != u"&Run / Continue"_s, "no German translation was loaded");
    QVERIFY(m_window->planModel()->headerData(Ui::PlanModel::StepColumn, Qt::Horizontal).toString()
            != stepHeader);
    QVERIFY(m_window->centreTabs()->tabText(1) != u"Changes"_s);

    Ui::applyLanguage(u"en"_s);
    QTRY_COMPARE(run->text(), u"&Run / Continue"_s);
    QCOMPARE(m_window->centreTabs()->tabText(1), u"Changes"_s);
}

void TestMainWindow::networkChangeAwaitsConfirmation_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<int>("timeoutSeconds");
    QTest::newRow("confirmed: kept") << u"confirm"_s << 60;
    QTest::newRow("reverted by hand: identical tree") << u"revert"_s << 60;
    QTest::newRow("no answer by the deadline: identical tree") << QString() << 4;
}

// A change of the router's wireless configuration waits for confirmation behind a countdown:
// Extend moves the deadline, Confirm keeps it, Revert (or the deadline) puts the tree back.
void TestMainWindow::networkChangeAwaitsConfirmation()
{
    QFETCH(QString, answer);
    QFETCH(int, timeoutSeconds);
    Tests::setConfirmByHand(true);
    const auto before = Tests::snapshotTree(m_routerFolder->path());
    m_window->setConfirmTimeout(std::chrono::seconds(timeoutSeconds));
    m_window->openChute(sample(u"wifi-hotspot"_s));
    m_window->run();
    waitForState(ExecutorState::Succeeded);
    Ui::ConfirmationBar *bar = m_window->confirmationBar();
    QTRY_VERIFY(bar->isVisible());
    QVERIFY(m_window->controller()->awaitsConfirmation());
    QVERIFY(!m_window->action(u"openChute"_s)->isEnabled()); // the router is held meanwhile

    if (answer.isEmpty()) {
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isVisible(), 10000);
    } else {
        const QDateTime deadline = m_window->controller()->confirmation().deadline;
        bar->findChild<QPushButton *>(u"extend"_s)->click();
        QCOMPARE(m_window->controller()->confirmation().deadline,
                 deadline.addSecs(Ui::ConfirmationBar::kExtendSeconds));
        bar->findChild<QPushButton *>(answer)->click();
        QVERIFY(!bar->isVisible());
    }
    QVERIFY(!m_window->controller()->awaitsConfirmation());
    QVERIFY(m_window->action(u"openChute"_s)->isEnabled());
    if (answer == u"confirm")
        QVERIFY(m_window->chuteModel()->rowOf(u"wifi-hotspot"_s) >= 0);
    else
        QCOMPARE(Tests::snapshotTree(m_routerFolder->path()), before);
}

// Unless the preferences say "by hand", the window confirms a held change itself once a new
// connection to the router works (the sandbox the window was given: at once).
void TestMainWindow::networkChangeIsConfirmedOnceTheRouterAnswers()
{
    m_window->setConfirmTimeout(std::chrono::seconds(60));
    m_window->openChute(sample(u"wifi-hotspot"_s));
    m_window->run();
    waitForState(ExecutorState::Succeeded);
    QTRY_COMPARE(m_window->controller()->confirmation().outcome,
                 Core::TransactionOutcome::Confirmed);
    QVERIFY(!m_window->confirmationBar()->isVisible());
    QVERIFY(m_window->action(u"openChute"_s)->isEnabled());
    QVERIFY(m_window->chuteModel()->rowOf(u"wifi-hotspot"_s) >= 0);
    QVERIFY(!QFileInfo::exists(m_routerFolder->filePath(u"var/lib/chutedeck/txn"_s))
            || QDir(m_routerFolder->filePath(u"var/lib/chutedeck/txn"_s))
                   .isEmpty(QDir::NoDotAndDotDot | QDir::AllEntries));
}

// A desktop that went away with a change awaiting confirmation leaves it pending on the router;
// the next one to connect says so and reverts it on request.
void TestMainWindow::pendingChangeIsAccountedForOnReconnect()
{
    Tests::setConfirmByHand(true);
    const auto before = Tests::snapshotTree(m_routerFolder->path());
    m_window->setConfirmTimeout(std::chrono::seconds(600));
    m_window->openChute(sample(u"wifi-hotspot"_s));
    m_window->run();
    waitForState(ExecutorState::Succeeded);
    QTRY_VERIFY(m_window->confirmationBar()->isVisible());
    m_window.reset();

    QTemporaryDir otherRouter;
    auto router = openRouter(u"sandbox:"_s + otherRouter.path());
    QVERIFY(router.ok());
    m_window = std::make_unique<Ui::MainWindow>(std::move(router).value());
    m_window->show();
    QString account;
    auto *answer = new QTimer(m_window.get());
    connect(answer, &QTimer::timeout, answer, [answer, &account] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(widget);
            if (!box || !box->isVisible() || box->objectName() != u"pendingTransaction")
                continue;
            account = box->text();
            answer->deleteLater();
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                    button->click();
            }
            return;
        }
    });
    answer->start(20);
    m_window->switchTo(u"sandbox:"_s + m_routerFolder->path());
    QTRY_VERIFY_WITH_TIMEOUT(!account.isEmpty(), kTimeoutMs);
    QVERIFY2(account.contains(u"awaits confirmation until"_s), qPrintable(account));
    QTRY_COMPARE_WITH_TIMEOUT(Tests::snapshotTree(m_routerFolder->path()), before, kTimeoutMs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
