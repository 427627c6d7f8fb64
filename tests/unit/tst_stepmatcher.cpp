#include "core/plan/stepmatcher.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

class TestStepMatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void setMatches_data();
    void setMatches();
    void setListsSorted();
};

void TestStepMatcher::parse_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("step id") << u"12"_s << true << u"12"_s;
    QTest::newRow("step id with spaces") << u" 7 "_s << true << u"7"_s;
    QTest::newRow("todo function")
        << u"dockerapi.start_container"_s << true << u"dockerapi.start_container"_s;
    QTest::newRow("undo function")
        << u"abort:dockerapi.remove_image"_s << true << u"abort:dockerapi.remove_image"_s;
    QTest::newRow("id zero") << u"0"_s << false << QString();
    QTest::newRow("negative id") << u"-3"_s << false << QString();
    QTest::newRow("no module") << u"start_container"_s << false << QString();
    QTest::newRow("shell text") << u"a.b; rm -rf /"_s << false << QString();
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("abort without function") << u"abort:"_s << false << QString();
    QTest::newRow("function with argument")
        << u"dockerapi.start_container[main]"_s << true << u"dockerapi.start_container[main]"_s;
    QTest::newRow("undo with argument")
        << u"abort:dockerapi.remove_image[db]"_s << true << u"abort:dockerapi.remove_image[db]"_s;
    QTest::newRow("empty argument") << u"m.f[]"_s << false << QString();
    QTest::newRow("unclosed argument") << u"m.f[main"_s << false << QString();
}

void TestStepMatcher::parse()
{
    QFETCH(QString, spec);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    const Result<StepMatcher> matcher = StepMatcher::parse(spec);
    QCOMPARE(matcher.ok(), valid);
    if (valid)
        QCOMPARE(matcher.value().toString(), canonical);
    else
        QCOMPARE(matcher.error().code, ErrorCode::InvalidMatcher);
}

void TestStepMatcher::setMatches_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("phase");
    QTest::addColumn<int>("id");
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<bool>("matches");
    const int todo = int(Phase::Todo);
    const int abort = int(Phase::Abort);
    QTest::newRow("id matches its todo step")
        << u"5"_s << todo << 5 << u"m.f"_s << QString() << true;
    QTest::newRow("id does not match another step")
        << u"5"_s << todo << 6 << u"m.f"_s << QString() << false;
    QTest::newRow("id does not match the step's undo")
        << u"5"_s << abort << 5 << u"m.g"_s << QString() << false;
    QTest::newRow("name matches todo") << u"m.f"_s << todo << 9 << u"m.f"_s << QString() << true;
    QTest::newRow("name does not match undo")
        << u"m.f"_s << abort << 9 << u"m.f"_s << QString() << false;
    QTest::newRow("abort name matches undo")
        << u"abort:m.f"_s << abort << 9 << u"m.f"_s << QString() << true;
    QTest::newRow("argument matches that call")
        << u"m.f[main]"_s << todo << 9 << u"m.f"_s << u"main"_s << true;
    QTest::newRow("argument does not match another")
        << u"m.f[main]"_s << todo << 9 << u"m.f"_s << u"db"_s << false;
    QTest::newRow("no argument matches any call")
        << u"m.f"_s << todo << 9 << u"m.f"_s << u"db"_s << true;
    QTest::newRow("undo argument")
        << u"abort:m.f[db]"_s << abort << 9 << u"m.f"_s << u"db"_s << true;
    QTest::newRow("abort name does not match todo")
        << u"abort:m.f"_s << todo << 9 << u"m.f"_s << QString() << false;
}

void TestStepMatcher::setMatches()
{
    QFETCH(QString, spec);
    QFETCH(int, phase);
    QFETCH(int, id);
    QFETCH(QString, function);
    QFETCH(QString, argument);
    QFETCH(bool, matches);
    const StepCall call{function, argument.isEmpty() ? StepArgs() : StepArgs{argument}};
    StepMatcherSet set;
    QVERIFY(!set.matches(Phase(phase), id, call));
    set.insert(StepMatcher::parse(spec).value());
    QCOMPARE(set.matches(Phase(phase), id, call), matches);
    QCOMPARE(set.match(Phase(phase), id, call), matches ? spec : QString());
    set.remove(StepMatcher::parse(spec).value());
    QVERIFY(set.isEmpty());
}

void TestStepMatcher::setListsSorted()
{
    StepMatcherSet set;
    for (const QString &spec : {u"z.last"_s, u"12"_s, u"abort:a.first"_s, u"3"_s})
        set.insert(StepMatcher::parse(spec).value());
    QCOMPARE(set.toStringList(), (QStringList{u"3"_s, u"12"_s, u"abort:a.first"_s, u"z.last"_s}));
}

QTEST_APPLESS_MAIN(TestStepMatcher)
#include "tst_stepmatcher.moc"
