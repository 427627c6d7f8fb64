#include "core/remote/agent/tokensigner.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstdlib>
#include <jwt.h>
#include <memory>
#include <sodium.h>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype kKeyBytes = 32;

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPointer = std::unique_ptr<jwt_t, JwtDeleter>;

// libjwt takes keys as unsigned bytes; QByteArray's are the same bytes.
const unsigned char *keyBytes(const QByteArray &key)
{
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
    return reinterpret_cast<const unsigned char *>(key.constData());
}

Error tokenError(const QString &reason)
{
    return Error{ErrorCode::InvalidRequest, u"invalid token: "_s + reason};
}

Result<void> storeKey(const QString &keyFile, const QByteArray &key)
{
    QSaveFile output(keyFile);
    if (!output.open(QIODevice::WriteOnly))
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(keyFile, output.errorString())};
    output.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    output.write(key.toHex() + '\n');
    if (!output.commit())
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(keyFile, output.errorString())};
    return {};
}

} // namespace

Result<TokenSigner> TokenSigner::openKey(const QString &keyFile)
{
    if (sodium_init() < 0)
        return Error{ErrorCode::InvalidRequest, u"libsodium could not be initialised"_s};
    QFile input(keyFile);
    if (input.exists()) {
        if (!input.open(QIODevice::ReadOnly))
            return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(keyFile, input.errorString())};
        const QByteArray key = QByteArray::fromHex(input.readAll().trimmed());
        if (key.size() != kKeyBytes) {
            return Error{ErrorCode::InvalidRequest,
                         u"%1: expected %2 hex-encoded bytes"_s.arg(keyFile).arg(kKeyBytes)};
        }
        return TokenSigner(key);
    }
    QByteArray key(kKeyBytes, '\0');
    randombytes_buf(key.data(), size_t(key.size()));
    if (const Result<void> stored = storeKey(keyFile, key); !stored)
        return stored.error();
    return TokenSigner(key);
}

TokenSigner TokenSigner::withKey(QByteArray key)
{
    return TokenSigner(std::move(key));
}

Result<QByteArray> TokenSigner::issue(const QString &user, qint64 lifetimeSeconds) const
{
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return Error{ErrorCode::InvalidRequest, u"could not make a token"_s};
    const JwtPointer jwt(raw);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray subject = user.toUtf8();
    const bool made
        = jwt_add_grant(jwt.get(), "sub", subject.constData()) == 0
          && jwt_add_grant_int(jwt.get(), "iat", long(now)) == 0
          && jwt_add_grant_int(jwt.get(), "exp", long(now + lifetimeSeconds)) == 0
          && jwt_set_alg(jwt.get(), JWT_ALG_HS256, keyBytes(m_key), int(m_key.size())) == 0;
    char *encoded = made ? jwt_encode_str(jwt.get()) : nullptr;
    if (!encoded)
        return Error{ErrorCode::InvalidRequest, u"could not sign a token"_s};
    QByteArray token(encoded);
    std::free(encoded); // NOLINT(cppcoreguidelines-no-malloc): libjwt allocates with malloc
    return token;
}

Result<QString> TokenSigner::verify(const QByteArray &token) const
{
    // Three base64url parts; anything else never reaches libjwt.
    if (token.isEmpty() || token.count('.') != 2 || token.size() > 4096)
        return tokenError(u"not a JWT"_s);
    jwt_t *raw = nullptr;
    if (jwt_decode(&raw, token.constData(), keyBytes(m_key), int(m_key.size())) != 0) {
        return tokenError(u"malformed or bad signature"_s);
    }
    const JwtPointer jwt(raw);
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return tokenError(u"the algorithm is not HS256"_s);
    errno = 0;
    const long expires = jwt_get_grant_int(jwt.get(), "exp");
    if (errno != 0)
        return tokenError(u"no expiry"_s);
    if (expires <= QDateTime::currentSecsSinceEpoch())
        return tokenError(u"expired"_s);
    const char *subject = jwt_get_grant(jwt.get(), "sub");
    if (!subject || *subject == '\0')
        return tokenError(u"no subject"_s);
    return QString::fromUtf8(subject);
}

} // namespace ChuteDeck::Core
