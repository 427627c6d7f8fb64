#include "core/plan/priority.h"

#include <QTest>

using namespace ChuteDeck::Core;

class TestPriority final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameOfValue_data();
    void nameOfValue();
    void everyNameRoundTrips();
    void band_data();
    void band();
};

void TestPriority::nameOfValue_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("name");
    QTest::newRow("security check") << 1 << QStringLiteral("ENFORCE_ACCESS_RIGHTS");
    QTest::newRow("service plans") << 23 << QStringLiteral("STATE_GENERATE_SERVICE_PLANS");
    QTest::newRow("reload backout") << 45 << QStringLiteral("RUNTIME_RELOAD_CONFIG_BACKOUT");
    QTest::newRow("start container") << 87 << QStringLiteral("STATE_CALL_START");
    QTest::newRow("last") << 100 << QStringLiteral("COAP_CHANGE_PROCESSES");
    QTest::newRow("unnamed value") << 15 << QString();
    QTest::newRow("below range") << 0 << QString();
}

void TestPriority::nameOfValue()
{
    QFETCH(int, value);
    QFETCH(QString, name);
    QCOMPARE(priorityName(value), name);
}

void TestPriority::everyNameRoundTrips()
{
    QCOMPARE(allPriorities().size(), size_t(63));
    for (const PriorityInfo &info : allPriorities()) {
        const QString name = QString::fromLatin1(info.name);
        QCOMPARE(priorityName(info.value()), name);
        QCOMPARE(priorityFromName(name), std::optional<int>(info.value()));
        QCOMPARE(priorityBand(info.value()), info.band);
    }
    QCOMPARE(priorityFromName(u"NO_SUCH_PRIORITY"), std::nullopt);
}

void TestPriority::band_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("band");
    QTest::newRow("1 security") << 1 << QStringLiteral("security");
    QTest::newRow("6 generation") << 6 << QStringLiteral("configuration generation");
    QTest::newRow("31 image") << 31 << QStringLiteral("image");
    QTest::newRow("41 validation") << 41 << QStringLiteral("validation");
    QTest::newRow("45 write") << 45 << QStringLiteral("write configuration");
    QTest::newRow("83 operations") << 83 << QStringLiteral("operations on config changes");
    QTest::newRow("92 container") << 92 << QStringLiteral("container");
    QTest::newRow("95 final") << 95 << QStringLiteral("final");
    QTest::newRow("unnamed 25 joins the band below")
        << 25 << QStringLiteral("configuration generation");
    QTest::newRow("above range") << 500 << QStringLiteral("final");
    QTest::newRow("below range") << -3 << QStringLiteral("security");
}

void TestPriority::band()
{
    QFETCH(int, value);
    QFETCH(QString, band);
    QCOMPARE(bandName(priorityBand(value)), band);
}

QTEST_APPLESS_MAIN(TestPriority)
#include "tst_priority.moc"
