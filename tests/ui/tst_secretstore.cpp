// SecretStore against a real Secret Service: ctest runs this test inside with-secret-service.sh
// (a throw-away gnome-keyring on a private D-Bus session), and once more with no session bus at
// all, where every job must fail with the keyring's own text instead of hanging or crashing.
#include "ui/models/secretstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 15000;

// Runs one job and waits for its answer in the event loop (the job never blocks the caller).
template<typename Call>
SecretStore::Answer waitFor(Call call)
{
    std::optional<SecretStore::Answer> answer;
    call([&answer](const SecretStore::Answer &done) { answer = done; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, kTimeoutMs))
        qFatal("the keyring job did not finish");
    return *answer;
}

bool expectNoKeyring()
{
    return qEnvironmentVariableIsSet("CHUTEDECK_EXPECT_NO_KEYRING");
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storeReadAndDelete();
    void withoutAKeyringEveryJobFailsWithItsReason();
};

void TestSecretStore::storeReadAndDelete()
{
    if (expectNoKeyring())
        QSKIP("no keyring in this run");
    SecretStore store(u"ChuteDeck-test"_s);
    const QString key = u"root@ssh://lab-ap:22"_s;
    const QByteArray password = "pässword with spaces\n";

    const SecretStore::Answer missing
        = waitFor([&](SecretStore::Done done) { store.read(key, std::move(done)); });
    QVERIFY(!missing.ok);
    QVERIFY2(missing.notFound, qPrintable(missing.error));

    const SecretStore::Answer written
        = waitFor([&](SecretStore::Done done) { store.write(key, password, std::move(done)); });
    QVERIFY2(written.ok, qPrintable(written.error));
    const SecretStore::Answer read
        = waitFor([&](SecretStore::Done done) { store.read(key, std::move(done)); });
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.secret, password);

    const SecretStore::Answer removed
        = waitFor([&](SecretStore::Done done) { store.remove(key, std::move(done)); });
    QVERIFY2(removed.ok, qPrintable(removed.error));
    const SecretStore::Answer gone
        = waitFor([&](SecretStore::Done done) { store.read(key, std::move(done)); });
    QVERIFY(gone.notFound);
}

void TestSecretStore::withoutAKeyringEveryJobFailsWithItsReason()
{
    if (!expectNoKeyring())
        QSKIP("a keyring is running in this run");
    SecretStore store(u"ChuteDeck-test"_s);
    const SecretStore::Answer written
        = waitFor([&](SecretStore::Done done) { store.write(u"k"_s, "secret", std::move(done)); });
    QVERIFY(!written.ok);
    QVERIFY(!written.notFound);
    QVERIFY(!written.error.isEmpty());
    const SecretStore::Answer read
        = waitFor([&](SecretStore::Done done) { store.read(u"k"_s, std::move(done)); });
    QVERIFY(!read.ok);
    QVERIFY(!read.error.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
