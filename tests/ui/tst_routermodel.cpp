#include "ui/models/routermodel.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

namespace {

// The routers of a model as "url=name", in row order.
QStringList routers(const RouterModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row) {
        result.append(model.index(row, RouterModel::UrlColumn).data().toString() + u'='
                      + model.index(row, RouterModel::NameColumn).data().toString());
    }
    return result;
}

} // namespace

class TestRouterModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void sandboxIsAlwaysThere();
    void addRemoveRename();
    void withoutSecrets_data();
    void withoutSecrets();
    void savesAndLoadsWithoutSecrets();
    void removedRoutersStayRemoved();

private:
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<RouterModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QSettings settings() const
    {
        return {m_folder->filePath(u"chutedeck.ini"_s), QSettings::IniFormat};
    }
};

void TestRouterModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRouterModel::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    QVERIFY(m_folder->isValid());
    m_model = std::make_unique<RouterModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestRouterModel::sandboxIsAlwaysThere()
{
    QSignalSpy changed(m_model.get(), &RouterModel::dataChanged);
    QVERIFY(changed.isValid());

    QCOMPARE(m_model->rowCount(), 1);
    m_model->setSandboxUrl(u"sandbox:/tmp/router"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->sandboxUrl(), u"sandbox:/tmp/router"_s);
    QVERIFY(m_model->index(0, 0).data(RouterModel::SandboxRole).toBool());
    QVERIFY(!m_model->removeRouter(u"sandbox:/tmp/router"_s));
    QCOMPARE(routers(*m_model), QStringList{u"sandbox:/tmp/router=Sandbox"_s});
}

void TestRouterModel::addRemoveRename()
{
    m_model->setSandboxUrl(u"sandbox:/tmp/router"_s);
    QSignalSpy inserted(m_model.get(), &RouterModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &RouterModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &RouterModel::dataChanged);
    QVERIFY(inserted.isValid() && removed.isValid() && changed.isValid());

    QVERIFY(m_model->addRouter(u"ssh://lab-ap"_s, u"Lab AP"_s));
    QVERIFY(m_model->addRouter(u"http://10.0.0.1:8080"_s, {}));
    QVERIFY(!m_model->addRouter(u"ssh://lab-ap"_s, u"again"_s));
    QVERIFY(!m_model->addRouter(u"  "_s, u"empty"_s));
    QCOMPARE(inserted.count(), 2);

    QVERIFY(m_model->setData(m_model->index(2, RouterModel::NameColumn), u"Office"_s));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(2).value<QList<int>>(),
             (QList<int>{Qt::DisplayRole, Qt::EditRole, RouterModel::SortRole}));
    QVERIFY(!m_model->setData(m_model->index(2, RouterModel::UrlColumn), u"x"_s));

    QVERIFY(m_model->removeRouter(u"ssh://lab-ap"_s));
    QVERIFY(!m_model->removeRouter(u"ssh://lab-ap"_s));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(routers(*m_model),
             (QStringList{u"sandbox:/tmp/router=Sandbox"_s, u"http://10.0.0.1:8080=Office"_s}));
}

void TestRouterModel::withoutSecrets_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("user and password") << u"ssh://root:secret@lab-ap:22"_s << u"ssh://lab-ap:22"_s;
    QTest::newRow("user only") << u"http://admin@10.0.0.1/"_s << u"http://10.0.0.1/"_s;
    QTest::newRow("no user info") << u"ssh://lab-ap"_s << u"ssh://lab-ap"_s;
    QTest::newRow("sandbox path with @") << u"sandbox:/tmp/a@b"_s << u"sandbox:/tmp/a@b"_s;
}

void TestRouterModel::withoutSecrets()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(RouterModel::withoutSecrets(url), expected);
}

void TestRouterModel::savesAndLoadsWithoutSecrets()
{
    m_model->setSandboxUrl(u"sandbox:/tmp/router"_s);
    QVERIFY(m_model->addRouter(u"ssh://root:hunter2@lab-ap"_s, u"Lab AP"_s));
    QVERIFY(m_model->renameRouter(u"sandbox:/tmp/router"_s, u"My sandbox"_s));
    {
        QSettings saved = settings();
        m_model->save(saved);
    }
    QFile file(m_folder->filePath(u"chutedeck.ini"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("hunter2"));
    QVERIFY(!text.contains("root"));

    RouterModel loaded;
    QAbstractItemModelTester tester(&loaded,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    loaded.setSandboxUrl(u"sandbox:/tmp/router"_s);
    QSettings stored = settings();
    loaded.load(stored);
    QCOMPARE(routers(loaded),
             (QStringList{u"sandbox:/tmp/router=My sandbox"_s, u"ssh://lab-ap=Lab AP"_s}));
}

void TestRouterModel::removedRoutersStayRemoved()
{
    QVERIFY(m_model->addRouter(u"ssh://a"_s, u"A"_s));
    QVERIFY(m_model->addRouter(u"ssh://b"_s, u"B"_s));
    {
        QSettings saved = settings();
        m_model->save(saved);
    }
    QVERIFY(m_model->removeRouter(u"ssh://a"_s));
    {
        QSettings saved = settings();
        m_model->save(saved);
    }
    RouterModel loaded;
    QAbstractItemModelTester tester(&loaded,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSettings stored = settings();
    loaded.load(stored);
    QCOMPARE(routers(loaded), (QStringList{u"=Sandbox"_s, u"ssh://b=B"_s}));
}

QTEST_GUILESS_MAIN(TestRouterModel)
#include "tst_routermodel.moc"
