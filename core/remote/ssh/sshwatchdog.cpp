#include "core/remote/ssh/sshwatchdog.h"

#include "core/plan/workerthread.h"
#include "core/remote/ssh/shellcommand.h"
#include "core/remote/ssh/sshconnection.h"
#include "core/remote/ssh/sshrouter.h"
#include "core/router/routerstate.h"
#include "core/router/transaction.h"

#include <QTimer>

#include <tuple>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

constexpr std::chrono::seconds kDefaultLease{30};

Error watchdogError(const QString &id, const QString &what, const QByteArray &standardError)
{
    return Error{ErrorCode::RouterIo, u"transaction %1: %2: %3"_s.arg(
                                          id, what, QString::fromUtf8(standardError.trimmed()))};
}

} // namespace

std::chrono::seconds SshWatchdog::defaultLease()
{
    bool valid = false;
    const int seconds = qEnvironmentVariableIntValue("CHUTEDECK_SSH_LEASE_SECONDS", &valid);
    return valid && seconds > 0 ? std::chrono::seconds(seconds) : kDefaultLease;
}

SshWatchdog::SshWatchdog(SshRouter &router, QString transactionId, std::chrono::seconds lease)
    : m_router(router)
    , m_id(std::move(transactionId))
    , m_lease(lease)
    , m_period(std::max(std::chrono::milliseconds(lease) / 3, std::chrono::milliseconds(200)))
{}

Result<std::unique_ptr<SshWatchdog>>
SshWatchdog::start(SshRouter &router, const QString &transactionId, std::chrono::seconds lease)
{
    std::unique_ptr<SshWatchdog> watchdog(new SshWatchdog(router, transactionId, lease));
    // The lease first: a watchdog that finds none takes the folder for one being removed.
    if (Result<void> leased = watchdog->renew(); !leased)
        return leased.error();
    if (Result<void> launched = watchdog->launch(); !launched)
        return launched.error();
    SshWatchdog *self = watchdog.get();
    router.ioThread().runAndWait([self] {
        self->m_sinceRenewal.start();
        self->m_router.m_beforeShell = [self] { self->renewIfDue(); };
        self->m_timer = new QTimer;
        self->m_timer->setInterval(self->m_period / 2); // a coarse timer may fire a little early
        QObject::connect(self->m_timer, &QTimer::timeout, self->m_timer,
                         [self] { self->renewIfDue(); });
        self->m_timer->start();
    });
    return watchdog;
}

SshWatchdog::~SshWatchdog()
{
    m_router.ioThread().runAndWait([this] {
        m_router.m_beforeShell = nullptr;
        delete m_timer;
    });
}

QDateTime SshWatchdog::expiry() const
{
    const QMutexLocker locker(&m_expiryMutex);
    return m_leaseExpiry;
}

// On the I/O thread. A failed renewal (a dropped link) is not retried before the next period:
// the run's own commands report the link.
void SshWatchdog::renewIfDue()
{
    if (m_renewing || m_sinceRenewal.elapsed() < m_period.count())
        return;
    m_renewing = true;
    m_sinceRenewal.restart();
    std::ignore = renew();
    m_renewing = false;
}

// The router's clock sets the expiry, as the script compares it with the same clock. Nothing is
// written once the transaction folder is gone.
Result<void> SshWatchdog::renew()
{
    const QByteArray folder = Shell::quote(m_router.remotePath(RouterTransaction::folderOf(m_id)));
    const QByteArray next = folder + "/lease.new";
    const Result<ShellReply> reply = m_router.shell(
        "[ -d " + folder + " ] && t=$(( $(date +%s) + "
        + QByteArray::number(qint64(m_lease.count())) + " )) && printf '%s\\n' \"$t\" >" + next
        + " && mv -f -- " + next + " " + folder + "/lease && echo \"$t\"");
    if (!reply)
        return reply.error();
    bool valid = false;
    const qint64 expiry = reply.value().standardOutput.trimmed().toLongLong(&valid);
    if (reply.value().exitCode != 0 || !valid)
        return watchdogError(m_id, u"cannot renew the watchdog's lease"_s,
                             reply.value().standardError);
    const QMutexLocker locker(&m_expiryMutex);
    // The lease holds through the second it names; the script looks once a second.
    m_leaseExpiry = QDateTime::fromSecsSinceEpoch(expiry + 2, Qt::UTC);
    return {};
}

// The subshell exits at once, so the watchdog is orphaned to init; its streams leave the channel.
QByteArray SshWatchdog::launchCommand(const QByteArray &scriptPath, const QByteArray &rootPrefix,
                                      const QString &transactionId, const QByteArray &logPath)
{
    const QByteArray command = "/bin/sh " + Shell::quote(scriptPath) + " "
                               + Shell::quote(rootPrefix) + " " + Shell::quote(transactionId)
                               + " </dev/null >>" + Shell::quote(logPath) + " 2>&1 &";
    return "(cd / && if command -v setsid >/dev/null 2>&1; then setsid " + command
           + " else trap '' HUP; " + command + " fi)";
}

Result<void> SshWatchdog::launch()
{
    const QString scriptPath = RouterTransaction::folderOf(m_id) + u"/watchdog"_s;
    if (Result<void> uploaded = m_router.writeFile(scriptPath, script()); !uploaded)
        return uploaded;
    const Result<ShellReply> reply = m_router.shell(
        launchCommand(m_router.remotePath(scriptPath), m_router.rootPrefix().toUtf8(), m_id,
                      m_router.remotePath(RouterPaths::chuteDeckState + u"/watchdog.log"_s)));
    if (!reply)
        return reply.error();
    if (reply.value().exitCode != 0)
        return watchdogError(m_id, u"cannot start the watchdog"_s, reply.value().standardError);
    return {};
}

} // namespace ChuteDeck::Core
