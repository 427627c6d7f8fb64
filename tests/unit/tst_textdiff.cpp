#include "core/base/textdiff.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

// A diff as "=a -b +c", one word a line, for compact expectations.
QString compact(const QList<DiffLine> &lines)
{
    QStringList words;
    for (const DiffLine &line : lines) {
        const QChar mark = line.kind == DiffLine::Kind::Same      ? u'='
                           : line.kind == DiffLine::Kind::Removed ? u'-'
                                                                  : u'+';
        words.append(mark + line.text);
    }
    return words.join(u' ');
}

} // namespace

class TestTextDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diff_data();
    void diff();
    void lineNumbersCountEachSide();
    void hugeReplacementsStayLinear();
};

void TestTextDiff::diff_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("expected");
    const auto lines = [](const char *text) {
        // Words are lines; ';' stands for a space inside a line.
        QStringList result = QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
        for (QString &line : result)
            line.replace(u';', u' ');
        return result;
    };
    QTest::newRow("identical") << lines("a b c") << lines("a b c") << u"=a =b =c"_s;
    QTest::newRow("both empty") << QStringList() << QStringList() << QString();
    QTest::newRow("created") << QStringList() << lines("a b") << u"+a +b"_s;
    QTest::newRow("removed") << lines("a b") << QStringList() << u"-a -b"_s;
    QTest::newRow("one line changed") << lines("a b c") << lines("a x c") << u"=a -b +x =c"_s;
    QTest::newRow("inserted in the middle") << lines("a c") << lines("a b c") << u"=a +b =c"_s;
    QTest::newRow("moved line") << lines("a b c d") << lines("b c d a") << u"-a =b =c =d +a"_s;
    QTest::newRow("uci option changed")
        << lines("config;interface;'wan' option;proto;'dhcp'")
        << lines("config;interface;'wan' option;proto;'static' option;ipaddr;'10.0.0.1'")
        << u"=config interface 'wan' -option proto 'dhcp' +option proto 'static' "
           u"+option ipaddr '10.0.0.1'"_s;
}

void TestTextDiff::diff()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    QFETCH(QString, expected);
    QCOMPARE(compact(diffLines(before, after)), expected);
}

void TestTextDiff::lineNumbersCountEachSide()
{
    const QList<DiffLine> lines = diffLines({u"a"_s, u"b"_s, u"c"_s}, {u"a"_s, u"x"_s, u"c"_s});
    const QList<DiffLine> expected{{DiffLine::Kind::Same, 1, 1, u"a"_s},
                                   {DiffLine::Kind::Removed, 2, 0, u"b"_s},
                                   {DiffLine::Kind::Added, 0, 2, u"x"_s},
                                   {DiffLine::Kind::Same, 3, 3, u"c"_s}};
    QCOMPARE(lines, expected);
}

void TestTextDiff::hugeReplacementsStayLinear()
{
    QStringList before;
    QStringList after;
    for (int i = 0; i < 3000; ++i) {
        before.append(u"old %1"_s.arg(i));
        after.append(u"new %1"_s.arg(i));
    }
    const QList<DiffLine> lines = diffLines(before, after); // 9 million pairs: not compared
    QCOMPARE(lines.size(), 6000);
    QCOMPARE(lines.first().kind, DiffLine::Kind::Removed);
    QCOMPARE(lines.last().kind, DiffLine::Kind::Added);
}

QTEST_APPLESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
