#pragma once

#include "core/base/result.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace ChuteDeck::Core {

// How a client trusts an https:// agent's certificate. Agents' certificates are self-signed as a
// rule, so trust comes from pinning, never from a certificate authority.
struct CertificateTrust
{
    QString fingerprint;    // "SHA256:BASE64": the one certificate to accept (--cert-fingerprint)
    bool acceptNew = false; // trust an unknown certificate on first use and remember it
    QString knownCertsFile; // empty: defaultKnownCertsFile()
};

// The pinning check of one agent (HOST:PORT), shared by the CLI and the desktop: the certificate
// an agent presents is accepted when its fingerprint is the one pinned, or the one stored for the
// agent in the known-certificates file (one "HOST:PORT SHA256:..." a line), or — with acceptNew —
// when the file has none for it yet (then it is stored). A certificate that differs from the
// pinned or the stored one is always refused. Refusals are ErrorCode::Unreachable naming the
// agent and both fingerprints, as for an SSH router's host key.
class CertificatePin
{
public:
    enum class Standing : quint8 {
        Pinned,  // matches the pinned fingerprint
        Known,   // matches the stored fingerprint
        Unknown, // nothing pinned or stored for this agent
        Changed, // differs from the pinned or the stored fingerprint
    };

    CertificatePin(QString agent, CertificateTrust trust);

    // OpenSSH's form: "SHA256:" and the unpadded base64 of the SHA-256 of the DER certificate.
    static QString fingerprint(const QSslCertificate &certificate);
    // Checks the form of a fingerprint given by a user; the error names the text.
    static Result<void> checkFingerprint(const QString &text);
    // QStandardPaths::AppConfigLocation/known_certs.
    static QString defaultKnownCertsFile();

    const QString &agent() const { return m_agent; }
    QString knownCertsFile() const;

    // What the certificate is to this client, without storing anything (the desktop shows it).
    Result<Standing> standing(const QSslCertificate &certificate) const;
    // Accepts or refuses the certificate as the trust says; an accepted new one is stored.
    Result<void> verify(const QSslCertificate &certificate) const;
    // Stores `fingerprint` as the agent's certificate (replacing any other line for the agent).
    Result<void> remember(const QString &fingerprint) const;

    // A TLS configuration that trusts no certificate authority at all, so that every certificate,
    // whatever signed it, reaches the pinning check through the sslErrors signals (where ignoring
    // the errors is what accepts it, before any request is sent).
    static QSslConfiguration pinningConfiguration();

private:
    struct Check
    {
        Standing standing;
        QString expected; // the pinned or stored fingerprint
    };
    Result<Check> check(const QString &actual) const;
    Result<std::optional<QString>> storedFingerprint() const;

    QString m_agent;
    CertificateTrust m_trust;
};

} // namespace ChuteDeck::Core
