#include "ui/models/secretstore.h"

#include <qt6keychain/keychain.h>

namespace ChuteDeck::Ui {

namespace {

// Starts `job` and hands its outcome to `done`; the job deletes itself afterwards.
template<typename Job>
void run(Job *job, const QString &key, QObject *context, SecretStore::Done done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, done = std::move(done)] {
        SecretStore::Answer answer;
        answer.ok = job->error() == QKeychain::NoError;
        answer.notFound = job->error() == QKeychain::EntryNotFound;
        if (!answer.ok)
            answer.error = job->errorString();
        if constexpr (std::is_same_v<Job, QKeychain::ReadPasswordJob>) {
            if (answer.ok)
                answer.secret = job->binaryData();
        }
        done(answer);
    });
    job->start();
}

} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

void SecretStore::read(const QString &key, Done done)
{
    run(new QKeychain::ReadPasswordJob(m_service, this), key, this, std::move(done));
}

void SecretStore::write(const QString &key, const QByteArray &secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setBinaryData(secret);
    run(job, key, this, std::move(done));
}

void SecretStore::remove(const QString &key, Done done)
{
    run(new QKeychain::DeletePasswordJob(m_service, this), key, this, std::move(done));
}

} // namespace ChuteDeck::Ui
