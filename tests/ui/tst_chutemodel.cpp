#include "ui/models/chutemodel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

namespace {

ChuteSpec chute(const QString &name, ChuteState state = ChuteState::Running,
                const QString &version = u"1"_s)
{
    ChuteSpec spec;
    spec.name = name;
    spec.version = version;
    spec.owner = u"paradrop"_s;
    spec.state = state;
    spec.services = {ServiceSpec{}, ServiceSpec{}};
    spec.services[0].name = u"main"_s;
    spec.services[1].name = u"db"_s;
    spec.web = WebSpec{u"main"_s, 8080};
    return spec;
}

QStringList names(const ChuteModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, ChuteModel::NameColumn).data().toString());
    return result;
}

} // namespace

class TestChuteModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void columns();
    void stateIcons_data();
    void stateIcons();
    void setChutesChangesOnlyWhatChanged();
    void setChutesResetsWhenEverythingChanged();

private:
    std::unique_ptr<ChuteModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestChuteModel::init()
{
    m_model = std::make_unique<ChuteModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestChuteModel::columns()
{
    m_model->setChutes({chute(u"web"_s)});
    const auto text = [&](int column) { return m_model->index(0, column).data().toString(); };
    QCOMPARE(text(ChuteModel::NameColumn), u"web"_s);
    QCOMPARE(text(ChuteModel::StateColumn), u"Running"_s);
    QCOMPARE(text(ChuteModel::VersionColumn), u"1"_s);
    QCOMPARE(text(ChuteModel::ServicesColumn), u"main, db"_s);
    QCOMPARE(text(ChuteModel::OwnerColumn), u"paradrop"_s);
    QCOMPARE(text(ChuteModel::WebPortColumn), u"8080"_s);
    QCOMPARE(m_model->index(0, ChuteModel::WebPortColumn).data(ChuteModel::SortRole), 8080);
}

void TestChuteModel::stateIcons_data()
{
    QTest::addColumn<ChuteState>("state");
    QTest::addColumn<QColor>("color");
    QTest::newRow("running green") << ChuteState::Running << QColor(0x3c, 0xa0, 0x4b);
    QTest::newRow("stopped grey") << ChuteState::Stopped << QColor(0x9a, 0x9a, 0x9a);
    QTest::newRow("invalid red") << ChuteState::Invalid << QColor(0xd0, 0x3b, 0x3b);
    QTest::newRow("frozen blue") << ChuteState::Frozen << QColor(0x3b, 0x78, 0xd0);
    QTest::newRow("disabled dark grey") << ChuteState::Disabled << QColor(0x4a, 0x4a, 0x4a);
}

void TestChuteModel::stateIcons()
{
    QFETCH(ChuteState, state);
    QFETCH(QColor, color);
    m_model->setChutes({chute(u"web"_s, state)});
    const QModelIndex index = m_model->index(0, ChuteModel::StateColumn);
    QCOMPARE(ChuteModel::stateColor(state), color);
    QCOMPARE(index.data(ChuteModel::StateRole).toInt(), int(state));
    const QVariant decoration = index.data(Qt::DecorationRole);
    QCOMPARE(decoration.metaType(), QMetaType::fromType<QIcon>());
    QVERIFY(!decoration.value<QIcon>().isNull());
    QVERIFY(!m_model->index(0, ChuteModel::NameColumn).data(Qt::DecorationRole).isValid());
}

void TestChuteModel::setChutesChangesOnlyWhatChanged()
{
    m_model->setChutes({chute(u"a"_s), chute(u"b"_s), chute(u"c"_s), chute(u"d"_s)});

    QSignalSpy reset(m_model.get(), &ChuteModel::modelReset);
    QSignalSpy removed(m_model.get(), &ChuteModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &ChuteModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &ChuteModel::dataChanged);
    QVERIFY(reset.isValid() && removed.isValid() && inserted.isValid() && changed.isValid());

    // b goes, c and d change state, a stays, e comes.
    m_model->setChutes({chute(u"a"_s), chute(u"c"_s, ChuteState::Stopped),
                        chute(u"d"_s, ChuteState::Frozen), chute(u"e"_s)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 1);
    QCOMPARE(changed.count(), 1); // c and d are next to each other once b is gone
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(names(*m_model), (QStringList{u"a"_s, u"c"_s, u"d"_s, u"e"_s}));
    QCOMPARE(m_model->index(1, ChuteModel::StateColumn).data().toString(), u"Stopped"_s);

    // The same list again changes nothing.
    changed.clear();
    m_model->setChutes(m_model->chutes());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
}

void TestChuteModel::setChutesResetsWhenEverythingChanged()
{
    m_model->setChutes({chute(u"a"_s), chute(u"b"_s)});
    QSignalSpy reset(m_model.get(), &ChuteModel::modelReset);
    QVERIFY(reset.isValid());
    m_model->setChutes({chute(u"x"_s)});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(names(*m_model), QStringList{u"x"_s});
    m_model->setChutes({});
    QCOMPARE(reset.count(), 2);
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestChuteModel)
#include "tst_chutemodel.moc"
