#include "core/chute/chutestore.h"
#include "tests/unit/chutetesting.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

// The expected chutes are written with designated initializers, which leave the other members at
// their defaults by definition; GCC still warns about each of them.
QT_WARNING_DISABLE_GCC("-Wmissing-field-initializers")

namespace {

const QString kFile = u"chutes.yaml"_s;

ChuteSpec sample(const QString &folder, ChuteState state, const QString &owner)
{
    Result<ChuteSpec> chute = loadChute(sampleChuteFolder(folder));
    if (!chute.ok())
        qFatal("%s", qPrintable(chute.error().message));
    chute.value().state = state;
    chute.value().owner = owner;
    return chute.value();
}

QList<ChuteSpec> installedSamples()
{
    return {sample(u"wifi-hotspot"_s, ChuteState::Running, u"alice"_s),
            sample(u"two-services"_s, ChuteState::Stopped, u"bob"_s),
            sample(u"hello-web"_s, ChuteState::Frozen, QString())};
}

// Text that YAML would read differently if it were written plain, and keys that need quoting.
ChuteSpec awkwardText()
{
    ChuteSpec chute;
    chute.name = u"awkward"_s;
    chute.version = u"007"_s;
    chute.description = u"line one\nline two\twith tab"_s;
    chute.state = ChuteState::Running;
    chute.owner = u"Zoë \"admin\""_s;
    chute.environment = {{u"SUBST"_s, u"$(rm -rf /) `reboot` ${HOME}"_s},
                         {u"QUOTES"_s, u"'single' \"double\" \\back"_s},
                         {u"LOOKS_BOOL"_s, u"true"_s},
                         {u"LOOKS_NULL"_s, u"~"_s},
                         {u"LOOKS_NUMBER"_s, u"8000"_s},
                         {u"EMPTY"_s, QString()},
                         {u"SPACES"_s, u"  both ends  "_s},
                         {u"UTF8"_s, u"漢字 ☕ café"_s},
                         {u"CONTROL"_s, u"bell\a escape\x1b"_s},
                         {u"null"_s, u"key null"_s},
                         {u"with space"_s, u"key with a space"_s},
                         {u"#hash"_s, u"key with a hash"_s}};
    chute.services = {ServiceSpec{.name = u"main"_s,
                                  .type = ServiceType::Image,
                                  .image = u"alpine:3"_s,
                                  .command = {u"sh"_s, u"-c"_s, u"echo \"$1\"; exit 0"_s},
                                  .cpuFraction = 0.1}};
    return chute;
}

} // namespace

class TestChuteStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void fileFormat();
    void noChutes_data();
    void noChutes();
    void badStore_data();
    void badStore();
};

void TestChuteStore::roundTrip_data()
{
    QTest::addColumn<QList<ChuteSpec>>("chutes");
    QTest::newRow("samples in install order") << installedSamples();
    QTest::newRow("free text that YAML would misread") << QList<ChuteSpec>{awkwardText()};
    QTest::newRow("every state") << QList<ChuteSpec>{
        sample(u"port-clash"_s, ChuteState::Invalid, {}),
        sample(u"hello-web"_s, ChuteState::Disabled, {})};
    QTest::newRow("no chutes") << QList<ChuteSpec>{};
}

void TestChuteStore::roundTrip()
{
    QFETCH(QList<ChuteSpec>, chutes);
    const QByteArray yaml = chuteStoreToYaml(chutes);
    QCOMPARE(chuteStoreToYaml(chutes), yaml);
    const Result<QList<ChuteSpec>> parsed = parseChuteStore(yaml, kFile);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().size(), chutes.size());
    for (qsizetype i = 0; i < chutes.size(); ++i)
        QCOMPARE(parsed.value().at(i), chutes.at(i));
    QCOMPARE(chuteStoreToYaml(parsed.value()), yaml);
}

void TestChuteStore::fileFormat()
{
    ChuteSpec chute = sample(u"port-clash"_s, ChuteState::Running, u"alice"_s);
    chute.environment = {{u"NOTE"_s, u"say \"hi\"\nbye"_s}};
    const QByteArray expected = "- name: \"port-clash\"\n"
                                "  state: \"running\"\n"
                                "  version: \"1\"\n"
                                "  owner: \"alice\"\n"
                                "  config:\n"
                                "    name: \"port-clash\"\n"
                                "    description: \"Binds the same router port as wifi-hotspot.\"\n"
                                "    version: \"1\"\n"
                                "    environment:\n"
                                "      NOTE: \"say \\\"hi\\\"\\nbye\"\n"
                                "    services:\n"
                                "      main:\n"
                                "        type: \"image\"\n"
                                "        image: \"nginx:1.25-alpine\"\n"
                                "        requests:\n"
                                "          port-bindings:\n"
                                "            - external: 8088\n"
                                "              internal: 80\n";
    QCOMPARE(chuteStoreToYaml({chute}), expected);
}

void TestChuteStore::noChutes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("blank lines") << QByteArray("\n\n");
    QTest::newRow("only a comment") << QByteArray("# no chutes yet\n");
    QTest::newRow("empty list") << QByteArray("[]\n");
    QTest::newRow("null") << QByteArray("~\n");
}

void TestChuteStore::noChutes()
{
    QFETCH(QByteArray, text);
    const Result<QList<ChuteSpec>> chutes = parseChuteStore(text, kFile);
    QVERIFY2(chutes.ok(), qPrintable(chutes.ok() ? QString() : chutes.error().message));
    QVERIFY(chutes.value().isEmpty());
    QCOMPARE(chuteStoreToYaml({}), QByteArray("[]\n"));
}

void TestChuteStore::badStore_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    const QByteArray config = "  config:\n    name: a\n    services:\n      main: {}\n";

    QTest::newRow("a map instead of a list")
        << QByteArray("name: a\n") << u"chutes.yaml:1: the chute store must be a list of chutes"_s;
    QTest::newRow("entry is a text")
        << QByteArray("- a\n")
        << u"chutes.yaml:1: [0]: must be a map with name, state, version, owner and config"_s;
    QTest::newRow("entry without config")
        << QByteArray("- name: a\n  state: running\n")
        << u"chutes.yaml:1: [0].config: must be a map (the chute's configuration)"_s;
    QTest::newRow("entry without state")
        << "- name: a\n" + config << u"chutes.yaml:1: [0].state: is required"_s;
    QTest::newRow("unknown state") << "- name: a\n  state: paused\n" + config
                                   << u"chutes.yaml:2: [0].state: unknown chute state 'paused'"_s;
    QTest::newRow("name differs from the config's")
        << "- name: b\n  state: running\n" + config
        << u"chutes.yaml:1: [0].name: 'b' differs from the config's 'a'"_s;
    QTest::newRow("version differs from the config's")
        << "- name: a\n  version: 2\n  state: running\n" + config
        << u"chutes.yaml:2: [0].version: '2' differs from the config's ''"_s;
    QTest::newRow("chute installed twice")
        << "- name: a\n  state: running\n" + config + "- name: a\n  state: stopped\n" + config
        << u"chutes.yaml:7: [1].name: chute a is installed twice"_s;
    QTest::newRow("invalid config names its path")
        << QByteArray("- name: a\n  state: running\n  config:\n    name: a\n    services:\n"
                      "      main:\n        type: heavy\n")
        << u"chutes.yaml:7: [0].config.services.main.type: unknown service type 'heavy' (expected light, normal or image)"_s;
    QTest::newRow("syntax error")
        << QByteArray("- name: a\n  state: [running\n")
        << u"chutes.yaml:3: invalid YAML: end of sequence flow not found"_s;
}

void TestChuteStore::badStore()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Result<QList<ChuteSpec>> chutes = parseChuteStore(text, kFile);
    QVERIFY(!chutes.ok());
    QCOMPARE(chutes.error().code, ErrorCode::InvalidChute);
    QCOMPARE(chutes.error().message, expected);
}

QTEST_APPLESS_MAIN(TestChuteStore)
#include "tst_chutestore.moc"
