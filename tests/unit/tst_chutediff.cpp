#include "core/chute/chutediff.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

class TestChuteDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameChuteHasNoChanges();
    void versionServicesPortsAndEnvironment();
};

namespace {

ChuteSpec sample()
{
    return loadChute(QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u"/two-services"_s).value();
}

const FieldChange *find(const QList<FieldChange> &changes, const QString &field)
{
    for (const FieldChange &change : changes) {
        if (change.field == field)
            return &change;
    }
    return nullptr;
}

} // namespace

void TestChuteDiff::sameChuteHasNoChanges()
{
    QVERIFY(diffChutes(sample(), sample()).isEmpty());
}

void TestChuteDiff::versionServicesPortsAndEnvironment()
{
    const ChuteSpec before = sample();
    ChuteSpec after = before;
    after.version = u"1.3"_s;
    after.environment.append({u"GREETING"_s, u"hello 'admin'"_s});
    after.services.removeLast();
    const QList<FieldChange> changes = diffChutes(before, after);

    const FieldChange *version = find(changes, u"version"_s);
    QVERIFY(version);
    QCOMPARE(version->before, std::optional<QString>(u"1.2"_s));
    QCOMPARE(version->after, std::optional<QString>(u"1.3"_s));

    const FieldChange *greeting = find(changes, u"environment.GREETING"_s);
    QVERIFY(greeting);
    QCOMPARE(greeting->before, std::nullopt);
    QCOMPARE(greeting->after, std::optional<QString>(u"hello 'admin'"_s));

    // The removed service's fields are all there, with nothing after.
    const auto removed = std::count_if(changes.cbegin(), changes.cend(), [](const FieldChange &c) {
        return c.field.startsWith(u"services.cache."_s);
    });
    QVERIFY(removed > 0);
    const FieldChange *image = find(changes, u"services.cache.image"_s);
    QVERIFY(image);
    QCOMPARE(image->after, std::nullopt);
    QVERIFY(std::is_sorted(
        changes.cbegin(), changes.cend(),
        [](const FieldChange &a, const FieldChange &b) { return a.field < b.field; }));
}

QTEST_APPLESS_MAIN(TestChuteDiff)
#include "tst_chutediff.moc"
