#pragma once

#include "core/router/router.h"

#include <QString>

#include <memory>

namespace ChuteDeck::Core {

// A router whose whole state is files under one folder (DESIGN.md, "Router state"). Used for
// simulation, training and every test; nothing is run on the host: run() appends the argv as a
// JSON array line to var/lib/chutedeck/commands.log and succeeds with no output.
//
// Every primitive stays inside the root, also through symbolic links placed in the tree: the
// deepest existing ancestor of a path is resolved (realpath(3)) and must lie inside the root, so a
// link that points outside can neither be read through nor written through. Primitives that
// replace, move or remove an entry act on a link itself, never on what it points to; readFile(),
// list() and makeFolders() follow a final link only when it resolves inside the root. The sandbox
// has one writer, so the check-then-act window of this scheme does not matter here.
class SandboxRouter final : public Router
{
    Q_DISABLE_COPY_MOVE(SandboxRouter)

public:
    // Opens the folder; a missing folder is created, and one without etc/config is seeded first
    // (seed()). The root is kept as its canonical absolute path.
    static Result<std::unique_ptr<SandboxRouter>> open(const QString &root);
    ~SandboxRouter() override;

    // Writes every folder of the layout, the devices eth0 (WAN), eth1 (LAN), wlan0 on phy0
    // (2.4 GHz, 11b/g/n) and wlan1 on phy1 (5 GHz, 11a/n/ac), the base UCI files and the default
    // host configuration. Existing files are left alone.
    Result<void> seed();

    const QString &root() const { return m_root; }

    QString url() const override;
    WorkerThread &ioThread() override;
    Result<QByteArray> readFile(const QString &path) override;
    Result<void> writeFile(const QString &path, const QByteArray &data, int mode = 0644) override;
    Result<void> appendFile(const QString &path, const QByteArray &data) override;
    Result<bool> exists(const QString &path) override;
    Result<void> copy(const QString &from, const QString &to) override;
    Result<void> rename(const QString &from, const QString &to) override;
    Result<void> remove(const QString &path) override;
    Result<QList<DirEntry>> list(const QString &folder) override;
    Result<void> makeFolders(const QString &path, int mode = 0755) override;
    Result<bool> makeFolderIfAbsent(const QString &path) override;
    Result<CommandOutput> run(const QStringList &argv) override;

private:
    explicit SandboxRouter(QString root);

    QString m_root;
    std::unique_ptr<WorkerThread> m_ioThread;
};

} // namespace ChuteDeck::Core
