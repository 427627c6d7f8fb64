#pragma once

#include "core/base/result.h"

#include <QHash>
#include <QString>

namespace ChuteDeck::Core {

// The agent's accounts: a text file, one "NAME:HASH" a line, HASH being libsodium's Argon2id
// string (salt and parameters included). There is no default account and no empty password.
class UserAccounts
{
public:
    // A missing file is an agent without accounts (every login fails); a malformed line is an
    // error naming the file and line.
    static Result<UserAccounts> load(const QString &file);
    // Adds NAME or replaces its password, rewriting the file atomically with mode 0600.
    static Result<void> setPassword(const QString &file, const QString &name,
                                    const QByteArray &password);

    // Constant work whether the account exists or not, so timing does not reveal names.
    bool verify(const QString &name, const QByteArray &password) const;
    qsizetype size() const { return m_hashes.size(); }

    // Account names: letters, digits, '.', '_', '-', 1 to 64 characters.
    static bool isValidName(const QString &name);

private:
    QHash<QString, QByteArray> m_hashes;
};

} // namespace ChuteDeck::Core
