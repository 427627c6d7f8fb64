#include "core/router/router.h"

#include <QStandardPaths>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

class TestRouterPath final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checkedPath_data();
    void checkedPath();
    void entryPathRefusesTheRoot_data();
    void entryPathRefusesTheRoot();
};

void TestRouterPath::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// Every row gives either the clean path or the whole error message.
void TestRouterPath::checkedPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("clean");
    QTest::addColumn<QString>("error");

    QTest::newRow("plain path") << u"etc/config/network"_s << u"etc/config/network"_s << QString();
    QTest::newRow("empty path is the root") << QString() << QString() << QString();
    QTest::newRow("dot is the root") << u"."_s << QString() << QString();
    QTest::newRow("leading ./ collapses") << u"./etc/config"_s << u"etc/config"_s << QString();
    QTest::newRow("inner dot collapses") << u"etc/./config/."_s << u"etc/config"_s << QString();
    QTest::newRow("repeated slashes collapse")
        << u"etc//config///network"_s << u"etc/config/network"_s << QString();
    QTest::newRow("trailing slash is dropped") << u"etc/config/"_s << u"etc/config"_s << QString();
    QTest::newRow("names with dots are names")
        << u"var/..hidden/a..b/..."_s << u"var/..hidden/a..b/..."_s << QString();
    QTest::newRow("backslash is an ordinary character")
        << u"etc\\config"_s << u"etc\\config"_s << QString();
    QTest::newRow("absolute path is refused")
        << u"/etc/config"_s << QString()
        << u"/etc/config: absolute path; router paths are relative to the router's root"_s;
    QTest::newRow("leading .. is refused")
        << u"../x"_s << QString() << u"../x: '..' would leave the router's root"_s;
    QTest::newRow(".. that climbs out is refused")
        << u"etc/../../x"_s << QString() << u"etc/../../x: '..' would leave the router's root"_s;
    QTest::newRow(".. that stays inside is refused too")
        << u"etc/../etc/config"_s << QString()
        << u"etc/../etc/config: '..' would leave the router's root"_s;
    QTest::newRow("trailing .. is refused")
        << u"etc/.."_s << QString() << u"etc/..: '..' would leave the router's root"_s;
    QTest::newRow("NUL is refused")
        << u"etc/con\0fig"_s << QString() << u"etc/con\0fig: router paths cannot contain NUL"_s;
}

void TestRouterPath::checkedPath()
{
    QFETCH(QString, path);
    QFETCH(QString, clean);
    QFETCH(QString, error);
    const Result<QString> checked = checkedRouterPath(path);
    if (error.isEmpty()) {
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().message));
        QCOMPARE(checked.value(), clean);
    } else {
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error().message, error);
        QCOMPARE(checked.error().code, ErrorCode::RouterIo);
    }
}

void TestRouterPath::entryPathRefusesTheRoot_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty path") << QString() << u"\"\": names the router's root itself"_s;
    QTest::newRow("dot") << u"."_s << u".: names the router's root itself"_s;
    QTest::newRow("dots and slashes") << u"././/"_s << u"././/: names the router's root itself"_s;
    QTest::newRow("an entry") << u"./etc"_s << QString();
}

void TestRouterPath::entryPathRefusesTheRoot()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    const Result<QString> checked = checkedRouterEntryPath(path);
    QCOMPARE(checked.ok(), error.isEmpty());
    if (!checked.ok())
        QCOMPARE(checked.error().message, error);
}

QTEST_APPLESS_MAIN(TestRouterPath)
#include "tst_routerpath.moc"
