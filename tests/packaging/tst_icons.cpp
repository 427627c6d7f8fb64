#include <QColor>
#include <QDir>
#include <QHash>
#include <QIcon>
#include <QImage>
#include <QSvgRenderer>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

const QString appIcon = u"io.github.chutedeck.ChuteDeck.svg"_s;

const QStringList actionIcons = {
    u"abort.svg"_s,       u"add-router.svg"_s, u"breakpoint.svg"_s,   u"make-step-fail.svg"_s,
    u"open-chute.svg"_s,  u"pause.svg"_s,      u"preview-plan.svg"_s, u"rollback.svg"_s,
    u"run-to-here.svg"_s, u"run.svg"_s,        u"step.svg"_s,
};

// The share of an image's pixels that are not fully transparent.
double coverage(const QImage &image)
{
    qsizetype drawn = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(image.pixel(x, y)) > 0)
                ++drawn;
        }
    }
    return double(drawn) / double(image.width() * image.height());
}

// The colour that most fully opaque pixels have: what the eye takes for the icon's colour.
QColor dominantColour(const QImage &image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(image.pixel(x, y)) == 255)
                ++counts[image.pixel(x, y)];
        }
    }
    QRgb dominant = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > counts.value(dominant))
            dominant = it.key();
    }
    return QColor::fromRgb(dominant);
}

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &colour)
{
    const auto linear
        = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
           + 0.0722 * linear(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    // Values, not std::minmax: its pair of references would dangle on these temporaries.
    const double first = luminance(a);
    const double second = luminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

// The icon as QIcon draws it for a toolbar: through the Qt Svg icon engine plugin.
QImage iconImage(const QString &file, int size)
{
    return QIcon(u":/icons/"_s + file).pixmap(QSize(size, size)).toImage();
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resourceHoldsEveryIcon();
    void actionIcon_data();
    void actionIcon();
    void readsOnLightAndDark_data();
    void readsOnLightAndDark();
    void applicationIcon_data();
    void applicationIcon();
};

void TestIcons::resourceHoldsEveryIcon()
{
    QStringList expected = actionIcons;
    expected.append(appIcon);
    expected.sort();
    QCOMPARE(QDir(u":/icons"_s).entryList(QDir::Files, QDir::Name), expected);
}

void TestIcons::actionIcon_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : actionIcons)
        QTest::newRow(qPrintable(file)) << file;
}

// A toolbar icon: valid SVG on the 24x24 grid that draws a readable mark at 16 px.
void TestIcons::actionIcon()
{
    QFETCH(QString, file);
    const QSvgRenderer renderer(u":/icons/"_s + file);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF(), QRectF(0, 0, 24, 24));
    const QImage small = iconImage(file, 16);
    QCOMPARE(small.size(), QSize(16, 16));
    QVERIFY2(coverage(small) > 0.08,
             qPrintable(u"%1 covers %2 of 16x16"_s.arg(file).arg(coverage(small))));
}

void TestIcons::readsOnLightAndDark_data()
{
    actionIcon_data();
}

// WCAG's 3:1 for graphics against the window colour of Fusion's light palette and of a dark one
// (Breeze Dark's), so the same icons serve both.
void TestIcons::readsOnLightAndDark()
{
    QFETCH(QString, file);
    const QColor colour = dominantColour(iconImage(file, 24));
    for (const QColor &window : {QColor(0xef, 0xef, 0xef), QColor(0x20, 0x23, 0x26)}) {
        QVERIFY2(
            contrast(colour, window) >= 3.0,
            qPrintable(u"%1: %2 on %3 has contrast %4"_s.arg(file, colour.name(), window.name())
                           .arg(contrast(colour, window))));
    }
}

void TestIcons::applicationIcon_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("16 px, a panel") << 16;
    QTest::newRow("256 px, a software centre") << 256;
}

// The application icon fills its square at every size the desktop asks for.
void TestIcons::applicationIcon()
{
    QFETCH(int, size);
    const QSvgRenderer renderer(u":/icons/"_s + appIcon);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF().width(), renderer.viewBoxF().height());
    const QImage image = iconImage(appIcon, size);
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY2(coverage(image) > 0.8, qPrintable(u"covers %1"_s.arg(coverage(image))));
}

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
