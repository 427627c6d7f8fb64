#include "core/router/filechanges.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transaction.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

// The before/after view of a transaction's files, on a real sandbox router.
class TestFileChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modifiedCreatedAndRemovedFiles();
};

void TestFileChanges::modifiedCreatedAndRemovedFiles()
{
    QTemporaryDir folder;
    auto router = SandboxRouter::open(folder.path()).value();
    QVERIFY(router->writeFile(u"etc/config/network"_s, "old network\n").ok());
    QVERIFY(router->writeFile(u"etc/config/untouched"_s, "same\n").ok());
    QVERIFY(router->writeFile(u"etc/old-chute/conf"_s, "gone\n").ok());

    auto transaction = RouterTransaction::begin(*router, u"t1"_s).value();
    QVERIFY(transaction->writeFile(u"etc/config/network"_s, "new network\n").ok());
    QVERIFY(transaction->writeFile(u"etc/config/untouched"_s, "same\n").ok()); // same bytes
    QVERIFY(transaction->writeFile(u"srv/chute/web/index.html"_s, "<h1>hi</h1>\n").ok());
    QVERIFY(transaction->remove(u"etc/old-chute"_s).ok());

    const Result<QList<FileChange>> changes = collectFileChanges(*transaction, *transaction);
    QVERIFY(changes.ok());
    const QList<FileChange> expected{
        {u"etc/config/network"_s, QByteArray("old network\n"), QByteArray("new network\n")},
        {u"etc/old-chute/conf"_s, QByteArray("gone\n"), std::nullopt},
        {u"srv/chute/web/index.html"_s, std::nullopt, QByteArray("<h1>hi</h1>\n")},
    };
    QCOMPARE(changes.value(), expected);
    QVERIFY(transaction->restore().ok());
}

QTEST_GUILESS_MAIN(TestFileChanges)
#include "tst_filechanges.moc"
