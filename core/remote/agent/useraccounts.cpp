#include "core/remote/agent/useraccounts.h"

#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <sodium.h>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

bool initSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// A hash of a password nobody has, checked when the name is unknown.
const QByteArray &decoyHash()
{
    static const QByteArray hash = [] {
        QByteArray out(crypto_pwhash_STRBYTES, '\0');
        const QByteArray decoy = "chutedeck-agent decoy password";
        if (crypto_pwhash_str_alg(out.data(), decoy.constData(), quint64(decoy.size()),
                                  crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
            != 0) {
            return QByteArray();
        }
        return QByteArray(out.constData());
    }();
    return hash;
}

Result<QByteArray> hashPassword(const QByteArray &password)
{
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), password.constData(), quint64(password.size()),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return Error{ErrorCode::InvalidRequest, u"hashing the password ran out of memory"_s};
    }
    return QByteArray(out.constData());
}

Result<QByteArray> readFile(const QString &file)
{
    QFile input(file);
    if (!input.exists())
        return QByteArray();
    if (!input.open(QIODevice::ReadOnly))
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(file, input.errorString())};
    return input.readAll();
}

} // namespace

bool UserAccounts::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

Result<UserAccounts> UserAccounts::load(const QString &file)
{
    if (!initSodium())
        return Error{ErrorCode::InvalidRequest, u"libsodium could not be initialised"_s};
    const Result<QByteArray> text = readFile(file);
    if (!text)
        return text.error();
    UserAccounts accounts;
    int lineNumber = 0;
    for (const QByteArray &line : text.value().split('\n')) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        const QString name = QString::fromUtf8(line.left(colon));
        const QByteArray hash = line.mid(colon + 1).trimmed();
        if (colon < 0 || !isValidName(name) || !hash.startsWith("$argon2id$")) {
            return Error{ErrorCode::InvalidRequest,
                         u"%1:%2: expected NAME:ARGON2ID-HASH"_s.arg(file).arg(lineNumber)};
        }
        accounts.m_hashes.insert(name, hash);
    }
    return accounts;
}

Result<void> UserAccounts::setPassword(const QString &file, const QString &name,
                                       const QByteArray &password)
{
    if (!isValidName(name)) {
        return Error{ErrorCode::InvalidRequest,
                     u"invalid account name '%1': use letters, digits, '.', '_' and '-' "
                     "(1 to 64)"_s.arg(name)};
    }
    if (password.isEmpty())
        return Error{ErrorCode::InvalidRequest, u"the password is empty"_s};
    Result<UserAccounts> accounts = load(file);
    if (!accounts)
        return accounts.error();
    const Result<QByteArray> hash = hashPassword(password);
    if (!hash)
        return hash.error();
    accounts.value().m_hashes.insert(name, hash.value());
    QStringList names = accounts.value().m_hashes.keys();
    names.sort();
    QSaveFile output(file);
    if (!output.open(QIODevice::WriteOnly))
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(file, output.errorString())};
    output.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    for (const QString &each : std::as_const(names))
        output.write(each.toUtf8() + ':' + accounts.value().m_hashes.value(each) + '\n');
    if (!output.commit())
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(file, output.errorString())};
    return {};
}

bool UserAccounts::verify(const QString &name, const QByteArray &password) const
{
    const auto found = m_hashes.constFind(name);
    const QByteArray &hash = found != m_hashes.cend() ? *found : decoyHash();
    const bool matches = !hash.isEmpty()
                         && crypto_pwhash_str_verify(hash.constData(), password.constData(),
                                                     quint64(password.size()))
                                == 0;
    return matches && found != m_hashes.cend() && !password.isEmpty();
}

} // namespace ChuteDeck::Core
