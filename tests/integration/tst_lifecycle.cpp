#include "core/chute/chutespec.h"
#include "core/plan/runreport.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/changerun.h"
#include "core/update/planning.h"
#include "tests/support/samplechutes.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/treesnapshot.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);
const QString kExpected = QStringLiteral(CHUTEDECK_EXPECTED_TREES);

// Runs one change to its end and returns how it ended.
QString apply(SandboxFixture &fixture, const QList<Update> &updates)
{
    const RunReport report = fixture.run(updates);
    return report.resultName()
           + (report.failureMessage().isEmpty() ? QString() : u": "_s + report.failureMessage());
}

// The tree as text, one "path: description" a line, with the temporary folders named so that the
// text is the same on every run.
QString treeText(const QString &root, const QString &sources)
{
    QString text;
    // Whole texts: the expected trees are reviewed as text when they change.
    const auto tree = snapshotTree(root, {u"var/lib/chutedeck"_s}, 64 * 1024);
    for (auto it = tree.cbegin(); it != tree.cend(); ++it)
        text += it.key() + u": "_s + it.value() + u'\n';
    return text.replace(root, u"<ROUTER>"_s).replace(sources, u"<SOURCES>"_s);
}

// Compares with the expected tree kept in tests/integration/expected/, or writes it when
// CHUTEDECK_UPDATE_EXPECTED is set (then review the diff before committing it).
void compareWithExpected(const QString &actual, const QString &name)
{
    const QString path = kExpected + u'/' + name + u".tree"_s;
    if (qEnvironmentVariableIsSet("CHUTEDECK_UPDATE_EXPECTED")) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(actual.toUtf8());
        return;
    }
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path + u" is missing"_s));
    const QString expected = QString::fromUtf8(file.readAll());
    if (actual != expected) {
        const QStringList actualLines = actual.split(u'\n');
        const QStringList expectedLines = expected.split(u'\n');
        for (qsizetype i = 0; i < std::max(actualLines.size(), expectedLines.size()); ++i) {
            QCOMPARE(actualLines.value(i), expectedLines.value(i));
        }
    }
}

Update withSources(Update update, const QString &folder)
{
    update.sourceFolder = folder;
    return update;
}

} // namespace

class TestLifecycle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void createUpdateStopStartDelete_data();
    void createUpdateStopStartDelete();
};

void TestLifecycle::createUpdateStopStartDelete_data()
{
    QTest::addColumn<QString>("sample");
    for (const QString &sample :
         {u"hello-web"_s, u"wifi-hotspot"_s, u"two-services"_s, u"port-clash"_s})
        QTest::newRow(qPrintable(sample)) << sample;
}

// Each sample through its whole life; after each stage the router's tree is exactly the
// expected one.
void TestLifecycle::createUpdateStopStartDelete()
{
    QFETCH(QString, sample);
    SandboxFixture fixture;
    QTemporaryDir sources;
    const QString root = fixture.root();
    const QString version1 = sampleWithVersion(kSamples, sample, u"1"_s, sources.path());
    const QString version2 = sampleWithVersion(kSamples, sample, u"2"_s, sources.path());
    const auto installed = [&] { return fixture.installed(); };

    const ChuteSpec first = loadChute(version1).value();
    QCOMPARE(
        apply(fixture,
              {withSources(makeChuteUpdate(UpdateType::Create, first, {}, installed()), version1)}),
        u"succeeded"_s);
    compareWithExpected(treeText(root, sources.path()), sample + u"/1-create"_s);

    const ChuteSpec second = loadChute(version2).value();
    QCOMPARE(
        apply(fixture, {withSources(makeChuteUpdate(UpdateType::Update, second, {}, installed()),
                                    version2)}),
        u"succeeded"_s);
    compareWithExpected(treeText(root, sources.path()), sample + u"/2-update"_s);

    for (const auto &[type, stage] :
         {std::pair{UpdateType::Stop, u"3-stop"_s}, std::pair{UpdateType::Start, u"4-start"_s},
          std::pair{UpdateType::Delete, u"5-delete"_s}}) {
        QCOMPARE(apply(fixture, {makeChuteUpdate(type, {}, first.name, installed())}),
                 u"succeeded"_s);
        compareWithExpected(treeText(root, sources.path()), sample + u'/' + stage);
    }
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
