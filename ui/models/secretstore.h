#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace ChuteDeck::Ui {

// Passwords in the desktop's keyring (the Secret Service on Linux) through QtKeychain: never in
// QSettings, never a plain-text fallback. Every call is an asynchronous job: `done` runs later on
// the caller's thread, so the GUI never waits for the keyring (which may ask the user to unlock
// it). When there is no keyring, or it refuses, `done` gets the error text and the caller asks for
// the password again.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    struct Answer
    {
        bool ok = false;
        bool notFound = false; // the keyring works but holds no such entry
        QString error;         // the keyring's own text when !ok
        QByteArray secret;     // for read()
    };
    using Done = std::function<void(const Answer &)>;

    // `service` groups the entries in the keyring ("ChuteDeck").
    explicit SecretStore(QString service = QStringLiteral("ChuteDeck"), QObject *parent = nullptr);
    ~SecretStore() override = default;

    void read(const QString &key, Done done);
    void write(const QString &key, const QByteArray &secret, Done done);
    void remove(const QString &key, Done done);

private:
    QString m_service;
};

} // namespace ChuteDeck::Ui
