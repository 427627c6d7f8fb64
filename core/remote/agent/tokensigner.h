#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

namespace ChuteDeck::Core {

// HS256 bearer tokens (libjwt). The key is 32 random bytes kept in a file (mode 0600) beside the
// users file, so tokens stay valid across restarts. libjwt 1.10 checks the signature only, so
// verify() checks the algorithm and the expiry itself.
class TokenSigner
{
public:
    // Reads the key, or makes and stores a new one when the file does not exist.
    static Result<TokenSigner> openKey(const QString &keyFile);
    static TokenSigner withKey(QByteArray key); // tests and benchmarks

    // A token for `user`, valid for `lifetimeSeconds` from now.
    Result<QByteArray> issue(const QString &user, qint64 lifetimeSeconds = qint64{24} * 3600) const;
    // The user a token names; fails with the reason (malformed, bad signature, wrong algorithm,
    // expired, no subject).
    Result<QString> verify(const QByteArray &token) const;

private:
    explicit TokenSigner(QByteArray key)
        : m_key(std::move(key))
    {}

    QByteArray m_key;
};

} // namespace ChuteDeck::Core
