// The Connect dialog: the fields make the router's address and its saved profile; OK waits until
// every field makes sense; nothing secret reaches QSettings.
#include "ui/models/connectionprofile.h"
#include "ui/widgets/connectdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;
using Kind = ConnectionProfile::Kind;
using SshAuth = ConnectionProfile::SshAuth;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fieldsMakeTheUrl_data();
    void fieldsMakeTheUrl();
    void kindChangeMovesADefaultPort();
    void okWaitsForAValidProfile_data();
    void okWaitsForAValidProfile();
    void profileRoundTripsWithoutThePassword();
    void urlsBecomeProfiles();

private:
    template<typename Widget>
    Widget *field(ConnectDialog &dialog, const QString &name)
    {
        auto *widget = dialog.findChild<Widget *>(name);
        if (!widget)
            qFatal("no field %s", qPrintable(name));
        return widget;
    }
    void fill(ConnectDialog &dialog, Kind kind, const QString &host, int port, const QString &user,
              const QString &root, SshAuth auth);
};

void TestConnectDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestConnectDialog::fill(ConnectDialog &dialog, Kind kind, const QString &host, int port,
                             const QString &user, const QString &root, SshAuth auth)
{
    field<QComboBox>(dialog, u"kind"_s)->setCurrentIndex(int(kind));
    field<QLineEdit>(dialog, u"host"_s)->setText(host);
    field<QSpinBox>(dialog, u"port"_s)->setValue(port);
    field<QLineEdit>(dialog, u"user"_s)->setText(user);
    field<QLineEdit>(dialog, u"rootPath"_s)->setText(root);
    field<QComboBox>(dialog, u"auth"_s)->setCurrentIndex(int(auth));
}

void TestConnectDialog::fieldsMakeTheUrl_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("routerKey");
    QTest::newRow("ssh, real router") << int(Kind::Ssh) << u"lab-ap"_s << 22 << u"root"_s << u"/"_s
                                      << u"ssh://root@lab-ap:22"_s << u"ssh://lab-ap:22"_s;
    QTest::newRow("ssh, state in a folder with a space")
        << int(Kind::Ssh) << u"10.0.0.1"_s << 2222 << u"admin"_s << u"/srv/router one"_s
        << u"ssh://admin@10.0.0.1:2222/srv/router%20one"_s
        << u"ssh://10.0.0.1:2222/srv/router%20one"_s;
    QTest::newRow("ssh, IPv6, no user") << int(Kind::Ssh) << u"::1"_s << 22 << QString() << u"/"_s
                                        << u"ssh://[::1]:22"_s << u"ssh://[::1]:22"_s;
    QTest::newRow("http agent") << int(Kind::Http) << u"127.0.0.1"_s << 8080 << u"admin"_s
                                << u"/ignored"_s << u"http://127.0.0.1:8080"_s
                                << u"http://127.0.0.1:8080"_s;
    QTest::newRow("https agent") << int(Kind::Https) << u"router.lan"_s << 443 << u"admin"_s
                                 << u"/"_s << u"https://router.lan:443"_s
                                 << u"https://router.lan:443"_s;
}

void TestConnectDialog::fieldsMakeTheUrl()
{
    QFETCH(int, kind);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, root);
    QFETCH(QString, url);
    QFETCH(QString, routerKey);
    ConnectDialog dialog;
    fill(dialog, Kind(kind), host, port, user, root, SshAuth::Agent);
    const ConnectionProfile profile = dialog.profile();
    QCOMPARE(profile.url(), url);
    QCOMPARE(profile.routerKey(), routerKey);
    QCOMPARE(field<QLabel>(dialog, u"address"_s)->text(), u"Address: "_s + url);
    QCOMPARE(profile.secretKey(), user + u'@' + routerKey);
}

void TestConnectDialog::kindChangeMovesADefaultPort()
{
    ConnectDialog dialog;
    QCOMPARE(field<QSpinBox>(dialog, u"port"_s)->value(), 22);
    field<QComboBox>(dialog, u"kind"_s)->setCurrentIndex(int(Kind::Https));
    QCOMPARE(field<QSpinBox>(dialog, u"port"_s)->value(), 443);
    field<QSpinBox>(dialog, u"port"_s)->setValue(8443);
    field<QComboBox>(dialog, u"kind"_s)->setCurrentIndex(int(Kind::Http));
    QCOMPARE(field<QSpinBox>(dialog, u"port"_s)->value(), 8443); // typed by the user: kept
}

void TestConnectDialog::okWaitsForAValidProfile_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("auth");
    QTest::addColumn<QString>("problem");
    QTest::newRow("no host") << int(Kind::Ssh) << QString() << u"root"_s << int(SshAuth::Agent)
                             << u"Host: enter the router's name or address."_s;
    QTest::newRow("host with a path")
        << int(Kind::Ssh) << u"lab/ap"_s << u"root"_s << int(SshAuth::Agent)
        << u"Host: 'lab/ap' is not a host name or address."_s;
    QTest::newRow("key file not chosen")
        << int(Kind::Ssh) << u"lab-ap"_s << u"root"_s << int(SshAuth::KeyFile)
        << u"Key file: choose the private key to log in with."_s;
    QTest::newRow("agent without a user")
        << int(Kind::Http) << u"lab-ap"_s << QString() << int(SshAuth::Agent)
        << u"User: an HTTP router needs the agent account to log in with."_s;
    QTest::newRow("complete") << int(Kind::Ssh) << u"lab-ap"_s << QString() << int(SshAuth::Agent)
                              << QString();
}

void TestConnectDialog::okWaitsForAValidProfile()
{
    QFETCH(int, kind);
    QFETCH(QString, host);
    QFETCH(QString, user);
    QFETCH(int, auth);
    QFETCH(QString, problem);
    ConnectDialog dialog;
    fill(dialog, Kind(kind), host, ConnectionProfile::defaultPort(Kind(kind)), user, u"/"_s,
         SshAuth(auth));
    QCOMPARE(dialog.profile().problem(), problem);
    QCOMPARE(field<QLabel>(dialog, u"problem"_s)->text(), problem);
    QCOMPARE(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled(),
             problem.isEmpty());
}

void TestConnectDialog::profileRoundTripsWithoutThePassword()
{
    ConnectDialog dialog;
    fill(dialog, Kind::Ssh, u"lab-ap"_s, 2200, u"root"_s, u"/overlay/state"_s, SshAuth::Password);
    field<QLineEdit>(dialog, u"password"_s)->setText(u"s3cret-pass"_s);
    field<QCheckBox>(dialog, u"rememberPassword"_s)->setChecked(true);
    const ConnectionProfile profile = dialog.profile();
    QCOMPARE(dialog.password(), QByteArray("s3cret-pass"));
    QVERIFY(profile.rememberPassword);

    QTemporaryDir folder;
    const QString file = folder.filePath(u"settings.ini"_s);
    {
        QSettings settings(file, QSettings::IniFormat);
        profile.save(settings);
    }
    QSettings settings(file, QSettings::IniFormat);
    QCOMPARE(ConnectionProfile::load(settings, profile.routerKey()), profile);
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains("s3cret"));

    ConnectionProfile::forget(settings, profile.routerKey());
    // Forgotten: what the address alone says.
    const std::optional<ConnectionProfile> fromUrl
        = ConnectionProfile::load(settings, profile.routerKey());
    QVERIFY(fromUrl);
    QCOMPARE(fromUrl->user, QString());
    QCOMPARE(fromUrl->auth, SshAuth::Agent);
    QCOMPARE(fromUrl->rootPath, u"/overlay/state"_s);
}

void TestConnectDialog::urlsBecomeProfiles()
{
    const std::optional<ConnectionProfile> ssh
        = ConnectionProfile::fromUrl(u"ssh://root@lab-ap:2222/srv/x"_s);
    QVERIFY(ssh);
    QCOMPARE(ssh->url(), u"ssh://root@lab-ap:2222/srv/x"_s);
    const std::optional<ConnectionProfile> http
        = ConnectionProfile::fromUrl(u"http://127.0.0.1:8080"_s);
    QVERIFY(http);
    QCOMPARE(http->kind, Kind::Http);
    QCOMPARE(http->port, 8080);
    QVERIFY(http->needsPassword());
    QVERIFY(!ConnectionProfile::fromUrl(u"sandbox:/tmp/x"_s));
    QVERIFY(!ConnectionProfile::fromUrl(u"ftp://host"_s));
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
