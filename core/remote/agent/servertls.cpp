#include "core/remote/agent/servertls.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Error invalid(const QString &file, const QString &why)
{
    return Error{ErrorCode::InvalidRequest, file + u": "_s + why};
}

Result<QByteArray> readPem(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(path, file.errorString());
    return file.readAll();
}

// QSslKey needs the algorithm up front; a PEM file does not always say it in its header.
QSslKey privateKeyOf(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

Result<QSslConfiguration> serverTlsConfiguration(const QString &certificateFile,
                                                 const QString &keyFile)
{
    if (!QSslSocket::supportsSsl())
        return invalid(certificateFile, u"this Qt has no TLS backend (OpenSSL) to serve it"_s);
    const Result<QByteArray> certificatePem = readPem(certificateFile);
    if (!certificatePem)
        return certificatePem.error();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem.value());
    if (chain.isEmpty() || chain.first().isNull())
        return invalid(certificateFile, u"no PEM certificate in it"_s);
    const Result<QByteArray> keyPem = readPem(keyFile);
    if (!keyPem)
        return keyPem.error();
    const QSslKey key = privateKeyOf(keyPem.value());
    if (key.isNull())
        return invalid(keyFile, u"not an unencrypted PEM private key (RSA, EC or DSA)"_s);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients log in with a token
    return configuration;
}

} // namespace ChuteDeck::Core
