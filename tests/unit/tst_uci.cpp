#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/uci.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
// Failure output: the configuration as text.
char *toString(const UciConfig &config)
{
    return qstrdup(config.toText().constData());
}
} // namespace ChuteDeck::Core

namespace {

UciOption option(const QString &key, const QString &value)
{
    return {key, value, false};
}

UciOption list(const QString &key, const QString &value)
{
    return {key, value, true};
}

UciConfig config(QList<UciSection> sections)
{
    return UciConfig{std::move(sections)};
}

} // namespace

class TestUci final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void write_data();
    void write();
    void freeTextRoundTrips_data();
    void freeTextRoundTrips();
    void seededFilesRoundTrip_data();
    void seededFilesRoundTrip();
    void checkValue();
    void names();
    void sectionEdits();
};

void TestUci::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<UciConfig>("expected");

    QTest::newRow("empty file") << QByteArray() << config({});
    QTest::newRow("canonical named section")
        << "config interface 'lan'\n\toption proto 'static'\n\tlist dns '1.1.1.1'\n"_ba
        << config({{u"interface"_s,
                    u"lan"_s,
                    {option(u"proto"_s, u"static"_s), list(u"dns"_s, u"1.1.1.1"_s)}}});
    QTest::newRow("anonymous sections keep their order")
        << "config zone\n\toption name 'lan'\n\nconfig defaults\n\nconfig zone\n"_ba
        << config({{u"zone"_s, {}, {option(u"name"_s, u"lan"_s)}},
                   {u"defaults"_s, {}, {}},
                   {u"zone"_s, {}, {}}});
    QTest::newRow("unquoted words and spaces")
        << "config   wifi-iface   default\n  option\tssid   OpenWrt\n"_ba
        << config({{u"wifi-iface"_s, u"default"_s, {option(u"ssid"_s, u"OpenWrt"_s)}}});
    QTest::newRow("double quotes with escapes")
        << "config a\n\toption ssid \"say \\\"hi\\\" \\\\ 'now'\"\n"_ba
        << config({{u"a"_s, {}, {option(u"ssid"_s, u"say \"hi\" \\ 'now'"_s)}}});
    QTest::newRow("an escaped single quote between single-quoted pieces")
        << "config a\n\toption key 'it'\\''s'\n"_ba
        << config({{u"a"_s, {}, {option(u"key"_s, u"it's"_s)}}});
    QTest::newRow("adjacent pieces join")
        << "config a\n\toption key a'b c'\"d\"\\ e\n"_ba
        << config({{u"a"_s, {}, {option(u"key"_s, u"ab cd e"_s)}}});
    QTest::newRow("comments, blank lines and package")
        << "# generated\npackage network\n\nconfig a 'b' # the b\n  # about c\n\toption c '1' #x\n"_ba
        << config({{u"a"_s, u"b"_s, {option(u"c"_s, u"1"_s)}}});
    QTest::newRow("a hash inside a value")
        << "config a\n\toption key 'x #y'\n\toption k2 x#y\n"_ba
        << config({{u"a"_s, {}, {option(u"key"_s, u"x #y"_s), option(u"k2"_s, u"x#y"_s)}}});
    QTest::newRow("empty value") << "config a\n\toption key ''\n"_ba
                                 << config({{u"a"_s, {}, {option(u"key"_s, {})}}});
    QTest::newRow("CRLF line ends") << "config a 'b'\r\n\toption c 'd'\r\n"_ba
                                    << config({{u"a"_s, u"b"_s, {option(u"c"_s, u"d"_s)}}});
    QTest::newRow("UTF-8 text") << "config a\n\toption ssid 'Café ☕'\n"_ba
                                << config({{u"a"_s, {}, {option(u"ssid"_s, u"Café ☕"_s)}}});
}

void TestUci::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(UciConfig, expected);
    const Result<UciConfig> parsed = UciConfig::parse(text, u"etc/config/test"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value(), expected);
}

void TestUci::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("option before any section")
        << "\n# x\noption a 'b'\n"_ba << u"etc/config/test:3: option outside a section"_s;
    QTest::newRow("unterminated single quote") << "config a\n\toption b 'c\n\toption d 'e'\n"_ba
                                               << u"etc/config/test:2: unterminated single quote"_s;
    QTest::newRow("unterminated double quote")
        << "config a\n\n\n\tlist b \"c\n"_ba << u"etc/config/test:4: unterminated double quote"_s;
    QTest::newRow("option without a value")
        << "config a\n\toption b\n"_ba << u"etc/config/test:2: option takes a name and a value"_s;
    QTest::newRow("too many words")
        << "config a\n\tlist b c d\n"_ba << u"etc/config/test:2: list takes a name and a value"_s;
    QTest::newRow("config without a type")
        << "config\n"_ba << u"etc/config/test:1: config takes a type and an optional name"_s;
    QTest::newRow("invalid section name")
        << "config a 'b c'\n"_ba << u"etc/config/test:1: invalid section name 'b c'"_s;
    QTest::newRow("invalid option name")
        << "config a\n\toption 'b.c' d\n"_ba << u"etc/config/test:2: invalid option name 'b.c'"_s;
    QTest::newRow("unknown keyword")
        << "config a\n\tconfg b\n"_ba
        << u"etc/config/test:2: unknown keyword 'confg' (expected config, option or list)"_s;
    QTest::newRow("line continuation")
        << "config a\n\toption b c\\\n"_ba
        << u"etc/config/test:2: a backslash at the end of the line (values cannot span lines)"_s;
}

void TestUci::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const Result<UciConfig> parsed = UciConfig::parse(text, u"etc/config/test"_s);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().message, message);
}

void TestUci::write_data()
{
    QTest::addColumn<UciConfig>("config");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("nothing") << config({}) << QByteArray();
    QTest::newRow("sections separated by one blank line")
        << config({{u"zone"_s, {}, {option(u"name"_s, u"lan"_s), list(u"network"_s, u"lan"_s)}},
                   {u"defaults"_s, {}, {}},
                   {u"interface"_s, u"wan"_s, {option(u"proto"_s, u"dhcp"_s)}}})
        << "config zone\n\toption name 'lan'\n\tlist network 'lan'\n\nconfig defaults\n\n"
           "config interface 'wan'\n\toption proto 'dhcp'\n"_ba;
    QTest::newRow("single quote") << config({{u"a"_s, {}, {option(u"key"_s, u"it's"_s)}}})
                                  << "config a\n\toption key 'it'\\''s'\n"_ba;
    QTest::newRow("shell and UCI specials stay as they are")
        << config({{u"a"_s, {}, {option(u"key"_s, u"Tr0ub4dor&3 \"guest\" $HOME;#1 \\n"_s)}}})
        << "config a\n\toption key 'Tr0ub4dor&3 \"guest\" $HOME;#1 \\n'\n"_ba;
    QTest::newRow("empty value") << config({{u"a"_s, {}, {option(u"key"_s, {})}}})
                                 << "config a\n\toption key ''\n"_ba;
}

void TestUci::write()
{
    QFETCH(UciConfig, config);
    QFETCH(QByteArray, text);
    QCOMPARE(config.toText(), text);
}

void TestUci::freeTextRoundTrips_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << u"ParaDrop"_s;
    QTest::newRow("quotes") << u"'single' \"double\" ''"_s;
    QTest::newRow("backslashes") << u"a\\'b\\\\c\\"_s;
    QTest::newRow("comment and shell") << u"#1 $(x) `y` ; & | > <"_s;
    QTest::newRow("spaces around") << u"  spaced\t"_s;
    QTest::newRow("unicode") << u"Café Guest ☕ 你好"_s;
}

// Whatever free text a chute gives, writing it and reading it back gives it byte for byte.
void TestUci::freeTextRoundTrips()
{
    QFETCH(QString, value);
    const UciConfig written = config({{u"wifi-iface"_s, u"x"_s, {option(u"ssid"_s, value)}}});
    const Result<UciConfig> read = UciConfig::parse(written.toText(), u"wireless"_s);
    QVERIFY(read.ok());
    QCOMPARE(read.value(), written);
    QCOMPARE(read.value().sections.first().option(u"ssid"), value);
}

void TestUci::seededFilesRoundTrip_data()
{
    QTest::addColumn<QString>("path");
    for (const QLatin1StringView path : {RouterPaths::uciNetwork, RouterPaths::uciWireless,
                                         RouterPaths::uciFirewall, RouterPaths::uciDhcp})
        QTest::newRow(path.data()) << QString(path);
}

// The files a new sandbox router has are in canonical form: read and written back unchanged.
void TestUci::seededFilesRoundTrip()
{
    QFETCH(QString, path);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    Result<std::unique_ptr<SandboxRouter>> router = SandboxRouter::open(folder.path());
    QVERIFY(router.ok());
    const Result<QByteArray> text = router.value()->readFile(path);
    QVERIFY(text.ok());
    const Result<UciConfig> parsed = readUciFile(*router.value(), path);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QVERIFY(!parsed.value().sections.isEmpty());
    QCOMPARE(parsed.value().toText(), text.value());
}

void TestUci::checkValue()
{
    QVERIFY(checkUciValue(u"ssid"_s, u"it's \"fine\""_s).ok());
    const Result<void> newline
        = checkUciValue(u"services.main.interfaces.wlan0.wireless.ssid"_s, u"two\nlines"_s);
    QVERIFY(!newline.ok());
    QCOMPARE(newline.error().message,
             u"services.main.interfaces.wlan0.wireless.ssid: UCI values are one line; a line "
             u"break cannot be written"_s);
    QVERIFY(!checkUciValue(u"key"_s, u"a\rb"_s).ok());
    QVERIFY(!checkUciValue(u"key"_s, u"a"_s + QChar(0)).ok());
}

void TestUci::names()
{
    QCOMPARE(uciName(u"wifi-hotspot_wlan0"_s), u"wifi_hotspot_wlan0"_s);
    QCOMPARE(uciName(u"Web_1"_s), u"Web_1"_s);
    QCOMPARE(uciName(u"a.b c"_s), u"a_b_c"_s);
}

void TestUci::sectionEdits()
{
    UciSection section{u"wifi-device"_s,
                       u"radio0"_s,
                       {option(u"channel"_s, u"1"_s), list(u"x"_s, u"1"_s), list(u"x"_s, u"2"_s)}};
    section.setOption(u"channel"_s, u"6"_s);
    section.setOption(u"htmode"_s, u"HT40"_s);
    QCOMPARE(section.option(u"channel"), u"6"_s);
    QCOMPARE(section.list(u"x"), (QStringList{u"1"_s, u"2"_s}));
    QCOMPARE(section.options.last(), option(u"htmode"_s, u"HT40"_s));
    QVERIFY(!section.hasOption(u"x"));
    section.removeOption(u"x");
    QCOMPARE(section.options.size(), 2);
    UciConfig file = config({section, {u"zone"_s, {}, {}}});
    QVERIFY(file.section(u"radio0"));
    QVERIFY(!file.section(u""));
    QVERIFY(!file.section(u"radio1"));
}

QTEST_APPLESS_MAIN(TestUci)
#include "tst_uci.moc"
