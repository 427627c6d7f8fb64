#pragma once

#include "core/base/result.h"
#include "core/router/router.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMutex>
#include <QString>

#include <chrono>
#include <memory>

class QTimer;

namespace ChuteDeck::Core {

class SshRouter;

// The router-side guard of a transaction applied over SSH (DESIGN.md, "Execution and safety"): a
// plain POSIX sh script, uploaded into the transaction folder (var/lib/chutedeck/txn/<id>/watchdog)
// and started detached from the session (setsid when the router has it, else a subshell that
// ignores SIGHUP; stdin, stdout and stderr redirected, output appended to
// var/lib/chutedeck/watchdog.log), so that it outlives the connection.
//
// It holds a lease: txn/<id>/lease holds the time (the router's epoch seconds) until which the
// session is known to be alive; this object renews it every lease/3 on the router's I/O thread:
// before the next shell command once that much time has passed (a running plan keeps the thread
// busy, steps one after the other, so a timer would not fire), and from a timer while the thread
// is idle (a run paused at a breakpoint). The script polls every second and
//   - exits when the transaction folder is gone (committed or restored by the session);
//   - once txn/<id>/confirm-by exists (the run succeeded and awaits confirmation), replays the
//     manifest when that deadline passes;
//   - before that (the run is going), replays it when the lease runs out: the desktop or the CLI
//     vanished, or the link is down.
// The replay is RouterTransaction::restore() in shell (watchdogscript.cpp); it then removes the
// transaction folder and releases the lock if this transaction holds it.
//
// Renewals happen between commands: a single command that runs longer than the lease (a huge
// upload) lets the watchdog take over. The default lease (30 s) leaves a wide margin for the
// commands ChuteDeck runs; tests shorten it with CHUTEDECK_SSH_LEASE_SECONDS.
class SshWatchdog final : public TransactionGuard
{
    Q_DISABLE_COPY_MOVE(SshWatchdog)

public:
    // CHUTEDECK_SSH_LEASE_SECONDS when set to a positive number, else 30 s.
    static std::chrono::seconds defaultLease();
    // The script (sh watchdog ROOT ID), for tests that run it under dash or BusyBox.
    static QByteArray script();
    // The shell command that starts the script detached (absolute router paths): it returns at
    // once, and the watchdog keeps none of the caller's streams.
    static QByteArray launchCommand(const QByteArray &scriptPath, const QByteArray &rootPrefix,
                                    const QString &transactionId, const QByteArray &logPath);

    // Writes the first lease, uploads the script into the folder of `transactionId` (which must
    // exist) and starts it; then renews the lease until this object goes. `router` must outlive it.
    // Call from any thread but the router's I/O thread.
    static Result<std::unique_ptr<SshWatchdog>>
    start(SshRouter &router, const QString &transactionId, std::chrono::seconds lease);
    // Stops renewing; the script goes on watching (the lease then runs out, unless the transaction
    // ended or awaits confirmation).
    ~SshWatchdog() override;

    // As of the last renewal (UTC, the router's clock): the time by which the watchdog reverts the
    // run if its session died (the lease's last second, plus the script's one-second poll).
    QDateTime expiry() const override;

private:
    SshWatchdog(SshRouter &router, QString transactionId, std::chrono::seconds lease);

    Result<void> renew();
    void renewIfDue();
    Result<void> launch();

    SshRouter &m_router;
    QString m_id;
    std::chrono::seconds m_lease;
    std::chrono::milliseconds m_period;
    QTimer *m_timer = nullptr;    // lives on the router's I/O thread
    QElapsedTimer m_sinceRenewal; // on the I/O thread, once started
    bool m_renewing = false;      // renew() runs a shell command itself
    mutable QMutex m_expiryMutex;
    QDateTime m_leaseExpiry;
};

} // namespace ChuteDeck::Core
