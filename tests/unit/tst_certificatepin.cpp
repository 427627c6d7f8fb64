// CertificatePin: the trust of an https:// agent's certificate by its pinned or stored
// fingerprint (core/remote/http), with certificates made by the openssl command.
#include "core/remote/http/certificatepin.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

class TestCertificatePin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fingerprintAsOpenSshPrintsIt();
    void standing();
    void acceptNewStoresAndReplacesNothingElse();
    void malformedKnownCertsNamesTheLine();
    void fingerprintForm_data();
    void fingerprintForm();

private:
    QSslCertificate makeCertificate(const QString &name);
    QString knownCerts() const { return m_dir.filePath(u"known_certs"_s); }
    void writeKnownCerts(const QByteArray &content) const;
    // The pin of the agent router:8443 with the test's known-certificates file.
    CertificatePin pin(const QString &fingerprint = {}, bool acceptNew = false) const
    {
        CertificateTrust trust;
        trust.fingerprint = fingerprint;
        trust.acceptNew = acceptNew;
        trust.knownCertsFile = knownCerts();
        return {u"router:8443"_s, trust};
    }

    QTemporaryDir m_dir;
    QSslCertificate m_agent;
    QSslCertificate m_other;
};

QSslCertificate TestCertificatePin::makeCertificate(const QString &name)
{
    const QString pem = m_dir.filePath(name + u".pem"_s);
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                   u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-subj"_s, u"/CN="_s + name,
                   u"-keyout"_s, m_dir.filePath(name + u".key"_s), u"-out"_s, pem});
    openssl.waitForFinished(30000);
    return QSslCertificate::fromPath(pem).value(0);
}

void TestCertificatePin::writeKnownCerts(const QByteArray &content) const
{
    QFile file(knownCerts());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

void TestCertificatePin::initTestCase()
{
    m_agent = makeCertificate(u"agent"_s);
    m_other = makeCertificate(u"other"_s);
    QVERIFY(!m_agent.isNull());
    QVERIFY(!m_other.isNull());
}

void TestCertificatePin::fingerprintAsOpenSshPrintsIt()
{
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"x509"_s, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s, u"-in"_s,
                                 m_dir.filePath(u"agent.pem"_s)});
    QVERIFY(openssl.waitForFinished(30000));
    QByteArray hex = openssl.readAllStandardOutput().trimmed().split('=').value(1);
    const QString expected
        = u"SHA256:"_s
          + QString::fromLatin1(
              QByteArray::fromHex(hex.replace(':', "")).toBase64(QByteArray::OmitTrailingEquals));
    QCOMPARE(CertificatePin::fingerprint(m_agent), expected);
    QVERIFY(CertificatePin::checkFingerprint(expected).ok());
}

void TestCertificatePin::standing()
{
    const QString agent = CertificatePin::fingerprint(m_agent);
    QFile::remove(knownCerts());
    QCOMPARE(pin(agent).standing(m_agent).value(), CertificatePin::Standing::Pinned);
    QCOMPARE(pin(agent).standing(m_other).value(), CertificatePin::Standing::Changed);
    QCOMPARE(pin().standing(m_agent).value(), CertificatePin::Standing::Unknown);
    writeKnownCerts("# agents\nother:1 " + CertificatePin::fingerprint(m_other).toLatin1()
                    + "\nrouter:8443 " + agent.toLatin1() + '\n');
    QCOMPARE(pin().standing(m_agent).value(), CertificatePin::Standing::Known);
    QCOMPARE(pin().standing(m_other).value(), CertificatePin::Standing::Changed);
    QVERIFY(pin().verify(m_agent).ok());
    const Result<void> changed = pin({}, true).verify(m_other);
    QVERIFY(!changed.ok());
    QCOMPARE(changed.error().code, ErrorCode::Unreachable);
    QVERIFY(changed.error().message.startsWith(u"router:8443: WARNING: "_s));
}

void TestCertificatePin::acceptNewStoresAndReplacesNothingElse()
{
    const QByteArray other = "other:1 " + CertificatePin::fingerprint(m_other).toLatin1() + '\n';
    writeKnownCerts(other);
    QVERIFY(pin({}, true).verify(m_agent).ok());
    QFile file(knownCerts());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(),
             other + "router:8443 " + CertificatePin::fingerprint(m_agent).toLatin1() + '\n');
}

void TestCertificatePin::malformedKnownCertsNamesTheLine()
{
    writeKnownCerts("# agents\nrouter:8443 MD5:abc\n");
    const Result<CertificatePin::Standing> standing = pin().standing(m_agent);
    QVERIFY(!standing.ok());
    QCOMPARE(standing.error().message,
             knownCerts() + u":2: expected HOST:PORT SHA256:FINGERPRINT"_s);
}

void TestCertificatePin::fingerprintForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("OpenSSH form") << u"SHA256:"_s + QString(43, u'A') << true;
    QTest::newRow("padded") << u"SHA256:"_s + QString(43, u'A') + u'=' << false;
    QTest::newRow("too short") << u"SHA256:abc"_s << false;
    QTest::newRow("hex") << u"AB:CD:EF"_s << false;
    QTest::newRow("other digest") << u"MD5:"_s + QString(43, u'A') << false;
}

void TestCertificatePin::fingerprintForm()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(CertificatePin::checkFingerprint(text).ok(), valid);
}

QTEST_GUILESS_MAIN(TestCertificatePin)
#include "tst_certificatepin.moc"
