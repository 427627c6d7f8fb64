#include "ui/models/preferences.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsWhenNothingIsSaved();
    void savedPreferencesComeBack();
    void outOfRangeValuesAreCorrected();
};

namespace {

QSettings settingsIn(const QTemporaryDir &folder)
{
    return QSettings(folder.filePath(u"chutedeck.ini"_s), QSettings::IniFormat);
}

} // namespace

void TestPreferences::defaultsWhenNothingIsSaved()
{
    QTemporaryDir folder;
    QCOMPARE(Preferences::load(settingsIn(folder)), Preferences());
    QCOMPARE(Preferences().confirmDeadlineSeconds, 120);
    QCOMPARE(Preferences().theme, Preferences::Theme::System);
    QCOMPARE(Preferences().confirmByHand, false);
}

void TestPreferences::savedPreferencesComeBack()
{
    QTemporaryDir folder;
    const Preferences chosen{u"de"_s, 300, u"ssh://router.lan/"_s, Preferences::Theme::Dark, true};
    {
        QSettings settings = settingsIn(folder);
        chosen.save(settings);
    }
    QCOMPARE(Preferences::load(settingsIn(folder)), chosen);
}

void TestPreferences::outOfRangeValuesAreCorrected()
{
    QTemporaryDir folder;
    {
        QSettings settings = settingsIn(folder);
        settings.setValue(u"preferences/confirmDeadlineSeconds"_s, 1);
        settings.setValue(u"preferences/theme"_s, 42);
    }
    const Preferences loaded = Preferences::load(settingsIn(folder));
    QCOMPARE(loaded.confirmDeadlineSeconds, Preferences::kMinConfirmDeadline);
    QCOMPARE(loaded.theme, Preferences::Theme::System);
}

QTEST_GUILESS_MAIN(TestPreferences)
#include "tst_preferences.moc"
