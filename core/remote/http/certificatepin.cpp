#include "core/remote/http/certificatepin.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Error unreachable(const QString &agent, const QString &message)
{
    return Error{ErrorCode::Unreachable, agent + u": "_s + message};
}

// The known-certificates file as lines; a missing file is empty.
Result<QList<QByteArray>> readLines(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QList<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(path, file.errorString())};
    return file.readAll().split('\n');
}

} // namespace

CertificatePin::CertificatePin(QString agent, CertificateTrust trust)
    : m_agent(std::move(agent))
    , m_trust(std::move(trust))
{}

QString CertificatePin::fingerprint(const QSslCertificate &certificate)
{
    const QByteArray digest
        = QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256);
    return u"SHA256:"_s + QString::fromLatin1(digest.toBase64(QByteArray::OmitTrailingEquals));
}

Result<void> CertificatePin::checkFingerprint(const QString &text)
{
    static const QRegularExpression form(u"^SHA256:[A-Za-z0-9+/]{43}$"_s);
    if (form.match(text).hasMatch())
        return {};
    return Result<void>::failure(ErrorCode::InvalidRequest,
                                 u"%1: not a certificate fingerprint (SHA256: and 43 base64 "
                                 "characters, as OpenSSH prints them)"_s.arg(text));
}

QString CertificatePin::defaultKnownCertsFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"known_certs"_s);
}

QString CertificatePin::knownCertsFile() const
{
    return m_trust.knownCertsFile.isEmpty() ? defaultKnownCertsFile() : m_trust.knownCertsFile;
}

Result<std::optional<QString>> CertificatePin::storedFingerprint() const
{
    const QString path = knownCertsFile();
    const Result<QList<QByteArray>> lines = readLines(path);
    if (!lines)
        return lines.error();
    for (qsizetype i = 0; i < lines.value().size(); ++i) {
        const QByteArray line = lines.value().at(i).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() != 2 || !checkFingerprint(QString::fromLatin1(fields.at(1))))
            return Error{ErrorCode::InvalidRequest,
                         u"%1:%2: expected HOST:PORT SHA256:FINGERPRINT"_s.arg(path).arg(i + 1)};
        if (QString::fromUtf8(fields.at(0)) == m_agent)
            return std::optional<QString>(QString::fromLatin1(fields.at(1)));
    }
    return std::optional<QString>();
}

// The pinned or stored fingerprint it is compared with, and how it compares.
Result<CertificatePin::Check> CertificatePin::check(const QString &actual) const
{
    if (!m_trust.fingerprint.isEmpty()) {
        const bool pinned = actual == m_trust.fingerprint;
        return Check{pinned ? Standing::Pinned : Standing::Changed, m_trust.fingerprint};
    }
    const Result<std::optional<QString>> stored = storedFingerprint();
    if (!stored)
        return stored.error();
    if (!stored.value())
        return Check{Standing::Unknown, {}};
    const bool known = actual == *stored.value();
    return Check{known ? Standing::Known : Standing::Changed, *stored.value()};
}

Result<CertificatePin::Standing> CertificatePin::standing(const QSslCertificate &certificate) const
{
    const Result<Check> checked = check(fingerprint(certificate));
    if (!checked)
        return checked.error();
    return checked.value().standing;
}

Result<void> CertificatePin::verify(const QSslCertificate &certificate) const
{
    if (certificate.isNull())
        return unreachable(m_agent, u"the agent presented no certificate"_s);
    const QString actual = fingerprint(certificate);
    const Result<Check> checked = check(actual);
    if (!checked)
        return checked.error();
    switch (checked.value().standing) {
    case Standing::Pinned:
    case Standing::Known:
        return {};
    case Standing::Unknown:
        if (m_trust.acceptNew)
            return remember(actual);
        return unreachable(m_agent,
                           u"the agent's certificate is unknown (%1); check it, then "
                           "connect with --cert-fingerprint %1 or --accept-new-cert"_s.arg(actual));
    case Standing::Changed:
        break;
    }
    const QString &expected = checked.value().expected;
    if (!m_trust.fingerprint.isEmpty())
        return unreachable(m_agent, u"the agent's certificate is %1, not the pinned %2; "
                                    "refused"_s.arg(actual, expected));
    return unreachable(m_agent,
                       u"WARNING: the agent's certificate has CHANGED: it is %1, %2 has %3. "
                       "Someone may be intercepting the connection, or the certificate was "
                       "replaced. Refused; if the change is expected, remove the agent's line "
                       "from %2."_s.arg(actual, knownCertsFile(), expected));
}

Result<void> CertificatePin::remember(const QString &fingerprint) const
{
    const QString path = knownCertsFile();
    const Result<QList<QByteArray>> lines = readLines(path);
    if (!lines)
        return lines.error();
    QByteArray content;
    const QByteArray prefix = m_agent.toUtf8() + ' ';
    for (const QByteArray &line : lines.value()) {
        if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(prefix))
            content += line + '\n';
    }
    content += prefix + fingerprint.toLatin1() + '\n';
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()
        || !file.commit()) {
        return Result<void>::failure(
            ErrorCode::RouterIo,
            u"%1: cannot store the certificate: %2"_s.arg(path, file.errorString()));
    }
    return {};
}

QSslConfiguration CertificatePin::pinningConfiguration()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({}); // also stops Qt from loading the system's roots
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

} // namespace ChuteDeck::Core
