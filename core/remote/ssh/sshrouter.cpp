#include "core/remote/ssh/sshrouter.h"

#include "core/plan/workerthread.h"
#include "core/remote/ssh/shellcommand.h"
#include "core/remote/ssh/sshconnection.h"
#include "core/remote/ssh/sshwatchdog.h"
#include "core/router/routerstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

// The exit status a command script uses for "the entry is not there" (ErrorCode::NotFound).
constexpr int kMissing = 44;
const QByteArray kMissingExit = "(exit 44)";
// Contents travel inside command lines, in pieces of this size (up to 4 bytes per byte as
// escapes): one round trip each and no remote process. Measured on loopback, an exec channel costs
// a session start on the router (2-4 ms, and far more when the login shell's rc files are slow),
// the time of some 40 pieces; so only contents over kExecLimit take an exec channel.
constexpr qsizetype kInlinePiece = qsizetype{32} * 1024;
constexpr qsizetype kExecLimit = qsizetype{1024} * 1024;

using Shell::quote;

QByteArray present(const QByteArray &path)
{
    return "{ [ -e " + path + " ] || [ -L " + path + " ]; }";
}

QByteArray folderMade(const QByteArray &folder)
{
    return "{ [ -d " + folder + " ] || mkdir -p -- " + folder + "; }";
}

QByteArray parentOf(const QByteArray &absolutePath)
{
    const qsizetype slash = absolutePath.lastIndexOf('/');
    return slash <= 0 ? QByteArray("/") : absolutePath.left(slash);
}

QByteArray temporaryBeside(const QByteArray &absolutePath)
{
    return parentOf(absolutePath) + "/.chutedeck-tmp-"
           + QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                 .rightJustified(16, '0');
}

QByteArray octal(int mode)
{
    return QByteArray::number(mode & 07777, 8).rightJustified(4, '0');
}

// A file created by redirection gets 0666 minus the umask: this umask gives it `mode` unless the
// mode has bits beyond rw (then chmod follows).
QByteArray umaskFor(int mode)
{
    return octal(~mode & 0666);
}

QByteArray chmodIfNeeded(int mode, const QByteArray &path)
{
    return (mode & ~0666) != 0 ? "chmod " + octal(mode) + " -- " + path + " && " : QByteArray();
}

// Commands that make a temporary file and then move it over the target: on failure the
// temporary file goes and the status is kept.
QByteArray replacedOrCleaned(const QByteArray &steps, const QByteArray &temporary)
{
    return steps + " || { r=$?; rm -f -- " + temporary + "; (exit $r); }";
}

// rename(2) of `from` over `to` in POSIX terms (GNU's `mv -T` is missing from BusyBox). Plain `mv`
// would move `from` *into* a folder or a link to one that sits at `to`: a link is removed first
// (rename(2) would replace it), an empty folder is replaced by a folder as rename(2) does, and
// a non-empty folder, or a folder under a file, fails with rename(2)'s reason.
QByteArray movedOver(const QByteArray &from, const QByteArray &to)
{
    return "{ if [ -L " + to + " ]; then rm -f -- " + to + "; elif [ -d " + to + " ]; then if [ -d "
           + from + " ] && [ ! -L " + from + " ]; then rmdir -- " + to
           + "; else echo 'Is a directory' >&2; false; fi; fi && mv -f -- " + from + " " + to
           + "; }";
}

// Copies what `folder` holds into the existing folder `into`, merging with what is there, like
// GNU's `cp -a FOLDER/. INTO`, which BusyBox does not take: one `cp -a` of the folder's entries
// (hidden ones too) into `into`.
QByteArray contentsCopied(const QByteArray &folder, const QByteArray &into)
{
    return "set --; for e in " + folder + "/* " + folder + "/.[!.]* " + folder
           + "/..?*; do if [ -e \"$e\" ] || [ -L \"$e\" ]; then set -- \"$@\" \"$e\"; fi; done; "
             "[ $# = 0 ] || cp -a -- \"$@\" "
           + into;
}

// Creates `file` holding `data` (at most one inline piece) with `mode`, by redirection: a shell
// built-in, no process unless the mode needs chmod.
QByteArray printedInto(const QByteArray &file, const QByteArray &data, int mode)
{
    return "{ umask " + umaskFor(mode) + "; printf " + Shell::printfFormat(data) + " > " + file
           + "; r=$?; umask 022; [ $r = 0 ]; } && " + chmodIfNeeded(mode, file) + ":";
}

// The reason a shell command gave, as the sandbox shows errno: "No such file or directory".
QString reasonOf(const ShellReply &reply)
{
    const QList<QByteArray> lines = reply.standardError.trimmed().split('\n');
    const QString last = QString::fromUtf8(lines.last()).trimmed();
    if (last.isEmpty())
        return u"exit status %1"_s.arg(reply.exitCode);
    const qsizetype colon = last.lastIndexOf(u": "_s);
    return colon < 0 ? last : last.mid(colon + 2);
}

Error failure(const QString &shown, const QString &what, const ShellReply &reply)
{
    if (reply.exitCode == kMissing)
        return Error{ErrorCode::NotFound,
                     shown + u": "_s + what + u": No such file or directory"_s};
    return Error{ErrorCode::RouterIo, shown + u": "_s + what + u": "_s + reasonOf(reply)};
}

QString shownPath(const QString &checked)
{
    return checked.isEmpty() ? u"."_s : checked;
}

DirEntry::Type entryType(char letter)
{
    switch (letter) {
    case 'f':
        return DirEntry::Type::File;
    case 'd':
        return DirEntry::Type::Folder;
    case 'l':
        return DirEntry::Type::Link;
    default:
        return DirEntry::Type::Other;
    }
}

// Prints "<type letter><name>\0" for every entry; only shell built-ins, so no process is started.
QByteArray listScript(const QByteArray &folder)
{
    return "if [ -d " + folder + " ]; then for e in " + folder + "/* " + folder
           + "/.*; do n=${e##*/}; case $n in .|..) continue;; esac; "
             "if [ -L \"$e\" ]; then t=l; elif [ -d \"$e\" ]; then t=d; elif [ -f \"$e\" ]; "
             "then t=f; elif [ -e \"$e\" ]; then t=o; else continue; fi; "
             "printf '%s%s\\000' \"$t\" \"$n\"; done; elif [ -e "
           + folder + " ]; then echo 'Not a directory' >&2; false; else " + kMissingExit + "; fi";
}

QList<DirEntry> parseListing(const QByteArray &output)
{
    QList<DirEntry> entries;
    for (const QByteArray &item : output.split('\0')) {
        if (item.size() >= 2)
            entries.append({QString::fromUtf8(item.mid(1)), entryType(item.front())});
    }
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
    return entries;
}

// The files that steps read, as globs under the root prefix: read in one go when a transaction
// begins (SshRouter::prefetch()).
constexpr std::array kReadByTheSteps{
    "etc/config/*",
    "etc/paradrop/*.yaml",
    "etc/haproxy.cfg",
    "var/lib/paradrop/*.*",
    "var/lib/paradrop/images/*.json",
    "var/lib/paradrop/containers/*.json",
    "sys/class/ieee80211/*/*",
};

// Prints the regular files among `globs` as "NAME\0...\0\0", their sizes (`wc -c`, one line each,
// then a total when there are several) and their contents, one after another: two processes,
// however many files.
QByteArray prefetchScript(const QByteArrayList &globs)
{
    return "set --; for f in " + globs.join(' ')
           + "; do [ -f \"$f\" ] && set -- \"$@\" \"$f\"; done; if [ $# -gt 0 ]; then "
             "printf '%s\\000' \"$@\"; printf '\\000'; wc -c -- \"$@\" && cat -- \"$@\"; fi";
}

// The files of a prefetchScript() reply, by remote path; empty when the reply does not add up
// (a file that changed size between `wc` and `cat`): then nothing is cached.
QHash<QByteArray, QByteArray> parsePrefetch(const QByteArray &output)
{
    const qsizetype namesEnd = output.indexOf(QByteArray("\0\0", 2));
    if (namesEnd < 0)
        return {};
    const QByteArrayList names = output.left(namesEnd).split('\0');
    qsizetype at = namesEnd + 2;
    QList<qsizetype> sizes;
    for (qsizetype line = 0; line < names.size() + (names.size() > 1 ? 1 : 0); ++line) {
        const qsizetype end = output.indexOf('\n', at);
        if (end < 0)
            return {};
        sizes.append(output.mid(at, end - at).trimmed().split(' ').constFirst().toLongLong());
        at = end + 1;
    }
    QHash<QByteArray, QByteArray> files;
    for (qsizetype index = 0; index < names.size(); ++index) {
        files.insert(names.at(index), output.mid(at, sizes.at(index)));
        at += sizes.at(index);
    }
    return at == output.size() ? files : QHash<QByteArray, QByteArray>();
}

// Removes the entries inside `folder` from a map keyed by checked paths.
template<typename Map>
void removeBelow(Map &map, const QString &folder)
{
    const QString below = folder + u'/';
    for (auto entry = map.lowerBound(below); entry != map.end() && entry.key().startsWith(below);)
        entry = map.erase(entry);
}

// "var/lib/chutedeck/txn/<id>": the folder a RouterTransaction makes first and removes last.
bool isTransactionFolder(const QString &checked)
{
    const QString prefix = RouterPaths::chuteDeckState + u"/txn/"_s;
    return checked.startsWith(prefix) && checked.size() > prefix.size()
           && !checked.mid(prefix.size()).contains(u'/');
}

// A transaction that awaits confirmation (RouterTransaction::awaitConfirmation() writes this
// file) is no longer this session's alone: a confirm or revert from elsewhere, or the router's
// watchdog at the deadline, may change the router under it.
bool isConfirmationDeadline(const QString &checked)
{
    const QString name = u"/confirm-by"_s;
    return checked.endsWith(name) && isTransactionFolder(checked.chopped(name.size()));
}

// What the transaction records under its folder (backups, moved-aside removals) must be confirmed
// before the record that follows it: restore() trusts a recorded copy to be whole.
bool holdsTransactionRecords(const QString &checked)
{
    return checked.startsWith(RouterPaths::chuteDeckState + u"/txn/"_s);
}

// The exit status of a change sent without waiting that did not run, because one before it failed.
constexpr int kSkipped = 125;
// Replies awaited at most: the shell's answers must not fill the channel's window unread.
constexpr int kMostUnanswered = 64;

// A change sent without waiting runs only when none before it in the step failed; the first that
// fails stops the others (as a failing primitive stops its step), until endStep() clears the mark.
// The status is passed on by a function's `return`: `(exit N)` would fork a subshell, a remote
// process per change.
QByteArray gated(const QByteArray &script)
{
    return "chutedeck_exit() { return \"$1\"; }; if [ -n \"${chutedeck_failed-}\" ]; then "
           "chutedeck_exit "
           + QByteArray::number(kSkipped) + "; else\n" + script
           + "\nchutedeck_status=$?; [ $chutedeck_status = 0 ] || chutedeck_failed=1; "
             "chutedeck_exit $chutedeck_status; fi";
}

} // namespace

SshRouter::SshRouter(SshAddress address)
    : m_address(std::move(address))
    , m_ioThread(std::make_unique<WorkerThread>(u"ssh-io"_s))
{}

SshRouter::~SshRouter()
{
    onIoThread([this] {
        // The background removals of ended transactions (movedAsideAndRemoved()) finish first,
        // so that whoever removes the tree next does not race them.
        if (m_connection)
            std::ignore = m_connection->runShell("wait");
        m_connection.reset(); // libssh sessions end on the thread that used them
        return true;
    });
}

template<typename Work>
auto SshRouter::onIoThread(Work &&work) -> decltype(work())
{
    return m_ioThread->runAndWait(std::forward<Work>(work));
}

Result<std::unique_ptr<SshRouter>> SshRouter::open(const SshAddress &address,
                                                   const SshOptions &options)
{
    if (options.runtime == ContainerRuntimeKind::Docker && address.rootPrefix != u"/") {
        return Error{ErrorCode::InvalidRequest,
                     u"--runtime docker needs a router whose root prefix is /, not %1"_s.arg(
                         address.rootPrefix)};
    }
    std::unique_ptr<SshRouter> router(new SshRouter(address));
    router->m_runtime = options.runtime;
    router->m_pipelining = options.pipelining;
    const Result<void> connected = router->onIoThread([&]() -> Result<void> {
        Result<std::unique_ptr<SshConnection>> connection = SshConnection::open(address, options);
        if (!connection)
            return connection.error();
        router->m_connection = std::move(connection).value();
        return {};
    });
    if (!connected)
        return connected.error();
    const QByteArray root = quote(address.rootPrefix);
    const Result<ShellReply> rooted = router->shell("[ -d " + root + " ]");
    if (!rooted)
        return rooted.error();
    if (rooted.value().exitCode != 0)
        return Error{ErrorCode::NotFound,
                     u"%1: the root prefix %2 is not a folder on the router"_s.arg(
                         router->m_connection->label(), address.rootPrefix)};
    return router;
}

void SshRouter::setTransferProgress(TransferProgress progress)
{
    onIoThread([&] {
        m_transferProgress = std::move(progress);
        return true;
    });
}

void SshRouter::cancel()
{
    if (m_connection)
        m_connection->cancel();
}

QString SshRouter::url() const
{
    return m_address.toUrl();
}

WorkerThread &SshRouter::ioThread()
{
    return *m_ioThread;
}

Result<ShellReply> SshRouter::shell(const QByteArray &script)
{
    return onIoThread([&]() -> Result<ShellReply> {
        // The changes sent before are answered first; after a failure among them nothing more
        // of the step runs, and whatever it asks fails with that failure.
        if (Result<void> confirmed = confirmSent(); !confirmed)
            return confirmed.error();
        if (m_beforeShell) // the SSH watchdog's lease, renewed while a run keeps this thread busy
            m_beforeShell();
        return m_connection->runShell(script);
    });
}

// A change whose answer nobody needs at once: within a step of a transaction it is sent without
// waiting, and its status is read at the next command that needs an answer or at endStep().
Result<void> SshRouter::change(const QByteArray &script, const QString &shown, const QString &what,
                               bool confirmNow)
{
    return onIoThread([&]() -> Result<void> {
        if (confirmNow || !m_pipelining || !m_inStep || !m_caching || m_stepFailure) {
            const Result<ShellReply> reply = shell(script);
            if (!reply)
                return reply.error();
            if (reply.value().exitCode != 0)
                return failure(shown, what, reply.value());
            return {};
        }
        if (m_beforeShell)
            m_beforeShell();
        if (Result<void> sent = m_connection->send(gated(script)); !sent)
            return sent;
        m_unconfirmed.append({shown, what});
        if (m_unconfirmed.size() >= kMostUnanswered)
            std::ignore = confirmSent(); // a failure stays in m_stepFailure
        return {};
    });
}

// Reads the statuses of the changes sent without waiting; the first failure becomes the step's.
Result<void> SshRouter::confirmSent()
{
    while (!m_unconfirmed.isEmpty()) {
        const Unconfirmed sent = m_unconfirmed.takeFirst();
        const Result<ShellReply> reply = m_connection->receive();
        if (!reply || reply.value().exitCode != 0) {
            m_cache.clear(); // as after any failed change: what it did is unknown
            m_present.clear();
        }
        if (!m_stepFailure && !reply) {
            m_unconfirmed.clear(); // the connection is lost: no other answer will come
            m_stepFailure = reply.error();
        } else if (!m_stepFailure && reply.value().exitCode != kSkipped
                   && reply.value().exitCode != 0) {
            m_stepFailure = failure(sent.shown, sent.what, reply.value());
        }
    }
    if (m_stepFailure)
        return *m_stepFailure;
    return {};
}

void SshRouter::beginStep()
{
    onIoThread([this] {
        m_inStep = true;
        return true;
    });
}

Result<void> SshRouter::endStep()
{
    return onIoThread([this]() -> Result<void> {
        Result<void> confirmed = confirmSent();
        m_inStep = false;
        if (!m_stepFailure)
            return confirmed;
        const Error failed = *m_stepFailure;
        m_stepFailure.reset();
        // The skipped changes are behind; the undo steps must run.
        if (Result<ShellReply> cleared = shell("chutedeck_failed="); !cleared)
            return cleared.error();
        return failed;
    });
}

// A run answered from the cache sends no shell command for a while: the watchdog's lease must
// still be renewed on time.
void SshRouter::answeredFromCache()
{
    if (m_beforeShell)
        onIoThread([this] {
            m_beforeShell();
            return true;
        });
}

void SshRouter::forget(const QString &checkedPath)
{
    m_cache.remove(checkedPath);
    removeBelow(m_cache, checkedPath);
    m_present.remove(checkedPath);
    removeBelow(m_present, checkedPath);
}

// After a change of `checkedPath`: what it held is no longer known; after a failed change nothing
// is (a command may have done half of its work).
void SshRouter::noteChange(const QString &checkedPath, bool succeeded)
{
    if (succeeded) {
        forget(checkedPath);
        return;
    }
    m_cache.clear();
    m_present.clear();
}

// After a successful change: whether the path now exists (and, if it does, its parents).
void SshRouter::notePresence(const QString &checkedPath, bool present)
{
    if (!m_caching || checkedPath.isEmpty())
        return;
    m_present.insert(checkedPath, present);
    if (!present)
        return;
    for (QString folder = checkedPath.section(u'/', 0, -2); !folder.isEmpty();
         folder = folder.section(u'/', 0, -2)) {
        m_present.insert(folder, true);
    }
}

QByteArray SshRouter::remotePath(const QString &checkedPath) const
{
    const QString &root = m_address.rootPrefix;
    if (checkedPath.isEmpty())
        return root.toUtf8();
    return (root == u"/" ? root : root + u'/').toUtf8() + checkedPath.toUtf8();
}

namespace {

// Calls `done` with the checked path, or returns why the path was refused.
template<typename Done>
auto onPath(const Result<QString> &checked, Done &&done) -> decltype(done(QString()))
{
    if (!checked)
        return checked.error();
    return done(checked.value());
}

} // namespace

Result<QByteArray> SshRouter::readFile(const QString &path)
{
    return onPath(checkedRouterPath(path), [&](const QString &checked) -> Result<QByteArray> {
        if (const auto cached = m_cache.constFind(checked); cached != m_cache.cend()) {
            answeredFromCache();
            return *cached;
        }
        const QByteArray file = quote(remotePath(checked));
        const Result<ShellReply> reply = shell("if [ -e " + file + " ]; then cat -- " + file
                                               + "; else " + kMissingExit + "; fi");
        if (!reply)
            return reply.error();
        if (reply.value().exitCode != 0)
            return failure(shownPath(checked), u"cannot read"_s, reply.value());
        if (m_caching)
            m_cache.insert(checked, reply.value().standardOutput);
        return reply.value().standardOutput;
    });
}

Result<void> SshRouter::writeFile(const QString &path, const QByteArray &data, int mode)
{
    return onPath(checkedRouterEntryPath(path), [&](const QString &checked) -> Result<void> {
        Result<void> written = writeChecked(checked, data, mode);
        noteChange(checked, written.ok());
        if (isConfirmationDeadline(checked))
            stopCaching();
        if (written && m_caching) {
            m_cache.insert(checked, data);
            notePresence(checked, true);
        }
        return written;
    });
}

// The first piece creates the temporary file (with the mode's permissions), later ones append,
// the last one moves the file over the target; a failing piece removes the temporary file.
// During a transaction a new file of one piece is written in place, without a temporary file and
// the `mv` process: the transaction recorded it as created before this write, so a crash that
// leaves it half written is undone by the replay, like any other created path.
Result<void> SshRouter::writeChecked(const QString &checked, const QByteArray &data, int mode)
{
    const QByteArray target = remotePath(checked);
    if (data.size() > kExecLimit)
        return writeLarge(checked, target, data, mode);
    const QByteArray temporary = quote(temporaryBeside(target));
    const QByteArray made = folderMade(quote(parentOf(target))) + " && ";
    for (qsizetype at = 0;; at += kInlinePiece) {
        const QByteArray piece = data.mid(at, kInlinePiece);
        const bool last = at + kInlinePiece >= data.size();
        const QByteArray replaced
            = (at == 0 ? printedInto(temporary, piece, mode)
                       : "printf " + Shell::printfFormat(piece) + " >> " + temporary)
              + (last ? " && " + movedOver(temporary, quote(target)) : QByteArray());
        QByteArray script
            = (at == 0 ? made : QByteArray()) + replacedOrCleaned(replaced, temporary);
        if (at == 0 && last && m_caching)
            script = made + "if " + present(quote(target)) + "; then "
                     + replacedOrCleaned(replaced, temporary) + "; else "
                     + replacedOrCleaned(printedInto(quote(target), piece, mode), quote(target))
                     + "; fi";
        if (Result<void> written
            = change(script, checked, u"cannot write"_s, holdsTransactionRecords(checked));
            !written) {
            return written;
        }
        if (last)
            return {};
    }
}

// Large contents go over their own exec channel into the temporary file (the shell channel's
// stdin cannot carry them), then the shell moves the file over the target.
Result<void> SshRouter::writeLarge(const QString &shown, const QByteArray &target,
                                   const QByteArray &data, int mode)
{
    const QByteArray temporary = quote(temporaryBeside(target));
    const Result<ShellReply> made = shell(folderMade(quote(parentOf(target))));
    if (made && made.value().exitCode != 0)
        return failure(shown, u"cannot write"_s, made.value());
    const Result<ShellReply> sent = onIoThread([&] {
        const auto progress = [&](qint64 done) {
            if (m_transferProgress)
                m_transferProgress(shown, done, data.size());
        };
        return m_connection->exec("umask " + umaskFor(mode) + "; cat > " + temporary, data,
                                  progress);
    });
    if (!made || !sent)
        return (made ? sent : made).error();
    const Result<ShellReply> moved = shell(replacedOrCleaned(
        "[ " + QByteArray::number(sent.value().exitCode) + " = 0 ] && "
            + chmodIfNeeded(mode, temporary) + movedOver(temporary, quote(target)),
        temporary));
    if (!moved)
        return moved.error();
    if (sent.value().exitCode != 0)
        return failure(shown, u"cannot write"_s, sent.value());
    if (moved.value().exitCode != 0)
        return failure(shown, u"cannot write"_s, moved.value());
    return {};
}

Result<void> SshRouter::appendFile(const QString &path, const QByteArray &data)
{
    return onPath(checkedRouterEntryPath(path), [&](const QString &checked) -> Result<void> {
        Result<void> appended = appendChecked(checked, data);
        noteChange(checked, appended.ok());
        if (appended)
            notePresence(checked, true);
        return appended;
    });
}

// `printf >>` is a shell built-in: an append starts no remote process (a write's rename does).
Result<void> SshRouter::appendChecked(const QString &checked, const QByteArray &data)
{
    const QByteArray file = remotePath(checked);
    for (qsizetype at = 0; at == 0 || at < data.size(); at += kInlinePiece) {
        QByteArray script
            = "printf " + Shell::printfFormat(data.mid(at, kInlinePiece)) + " >> " + quote(file);
        if (at == 0)
            script = folderMade(quote(parentOf(file))) + " && " + script;
        if (Result<void> appended = change(script, checked, u"cannot write"_s); !appended)
            return appended;
    }
    return {};
}

Result<bool> SshRouter::exists(const QString &path)
{
    return onPath(checkedRouterPath(path), [&](const QString &checked) -> Result<bool> {
        if (m_cache.contains(checked)) {
            answeredFromCache();
            return true;
        }
        if (const auto known = m_present.constFind(checked); known != m_present.cend()) {
            answeredFromCache();
            return *known;
        }
        const Result<ShellReply> reply = shell(present(quote(remotePath(checked))));
        if (!reply)
            return reply.error();
        const bool found = reply.value().exitCode == 0;
        if (m_caching)
            m_present.insert(checked, found);
        return found;
    });
}

Result<void> SshRouter::copy(const QString &from, const QString &to)
{
    const Result<QString> source = checkedRouterEntryPath(from);
    const Result<QString> target = checkedRouterEntryPath(to);
    if (!source || !target)
        return (source ? target : source).error();
    const QByteArray f = quote(remotePath(source.value()));
    const QByteArray t = quote(remotePath(target.value()));
    const QByteArray temporary = quote(temporaryBeside(remotePath(target.value())));
    // A folder merges into the destination like "cp -a from/. to"; a file or link replaces it
    // atomically — or, during a transaction and where nothing is yet, is copied in place (see
    // writeChecked()), which saves the `mv` process.
    QByteArray entry = replacedOrCleaned(
        "cp -a -- " + f + " " + temporary + " && " + movedOver(temporary, t), temporary);
    if (m_caching)
        entry = "if " + present(t) + "; then " + entry + "; else "
                + replacedOrCleaned("cp -a -- " + f + " " + t, t) + "; fi";
    const QByteArray script
        = "if " + present(f) + "; then " + folderMade(quote(parentOf(remotePath(target.value()))))
          + " && if [ -d " + f + " ] && [ ! -L " + f + " ]; then mkdir -p -- " + t + " && "
          + contentsCopied(f, t) + "; else " + entry + "; fi; else " + kMissingExit + "; fi";
    Result<void> copied
        = change(script, source.value(), u"cannot copy"_s, holdsTransactionRecords(target.value()));
    noteChange(target.value(), copied.ok());
    if (copied)
        notePresence(target.value(), true);
    return copied;
}

Result<void> SshRouter::rename(const QString &from, const QString &to)
{
    const Result<QString> source = checkedRouterEntryPath(from);
    const Result<QString> target = checkedRouterEntryPath(to);
    if (!source || !target)
        return (source ? target : source).error();
    const QByteArray f = quote(remotePath(source.value()));
    const QByteArray t = remotePath(target.value());
    Result<void> renamed = change(
        "if " + present(f) + "; then " + folderMade(quote(parentOf(t))) + " && "
            + movedOver(f, quote(t)) + "; else " + kMissingExit + "; fi",
        source.value(), u"cannot rename to "_s + target.value(),
        holdsTransactionRecords(source.value()) || holdsTransactionRecords(target.value()));
    noteChange(source.value(), renamed.ok());
    noteChange(target.value(), renamed.ok());
    if (renamed) {
        notePresence(source.value(), false);
        notePresence(target.value(), true);
    }
    return renamed;
}

Result<void> SshRouter::remove(const QString &path)
{
    return onPath(checkedRouterEntryPath(path), [&](const QString &checked) -> Result<void> {
        const QByteArray entry = quote(remotePath(checked));
        Result<void> removed
            = change("if " + present(entry) + "; then "
                         + (isTransactionFolder(checked) ? movedAsideAndRemoved(entry)
                                                         : "rm -rf -- " + entry)
                         + "; fi",
                     checked, u"cannot remove"_s, holdsTransactionRecords(checked));
        noteChange(checked, removed.ok());
        if (removed)
            notePresence(checked, false);
        if (isTransactionFolder(checked)) // the transaction ends: others may write again
            stopCaching();
        return removed;
    });
}

// The end of a transaction (its folder holds the backups, so `rm -rf` takes a while): one atomic
// rename ends it, and the removal of what it held runs in the background on the router, after
// the answer.
QByteArray SshRouter::movedAsideAndRemoved(const QByteArray &folder) const
{
    const QByteArray aside = quote(temporaryBeside(remotePath(RouterPaths::commandLog)));
    return "mv -f -- " + folder + " " + aside + " && { rm -rf -- " + aside
           + " </dev/null >/dev/null 2>&1 & }";
}

Result<QList<DirEntry>> SshRouter::list(const QString &folder)
{
    return onPath(
        checkedRouterPath(folder), [&](const QString &checked) -> Result<QList<DirEntry>> {
            const Result<ShellReply> reply = shell(listScript(quote(remotePath(checked))));
            if (!reply)
                return reply.error();
            if (reply.value().exitCode != 0)
                return failure(shownPath(checked), u"cannot list"_s, reply.value());
            return parseListing(reply.value().standardOutput);
        });
}

Result<void> SshRouter::makeFolders(const QString &path, int mode)
{
    return onPath(checkedRouterPath(path), [&](const QString &checked) -> Result<void> {
        const QByteArray folder = quote(remotePath(checked));
        // A transaction's folder comes with the folders its copies go to (RouterTransaction's
        // "backup" and "removed"): one mkdir process instead of three.
        const QByteArray also = isTransactionFolder(checked)
                                    ? " " + quote(remotePath(checked + u"/backup"_s)) + " "
                                          + quote(remotePath(checked + u"/removed"_s))
                                    : QByteArray();
        if (Result<void> made = change(
                "[ -d " + folder + " ] || mkdir -p -m " + octal(mode) + " -- " + folder + also,
                shownPath(checked), u"cannot create folder"_s, holdsTransactionRecords(checked));
            !made) {
            return made;
        }
        if (isTransactionFolder(checked)) { // a transaction begins: ChuteDeck is the only writer
            m_caching = true;
            m_cache.clear();
            m_present.clear();
            prefetch();
        }
        notePresence(checked, true);
        return {};
    });
}

// Exit 0: made; exit 1: there already (as a folder or otherwise, like mkdir(2)'s EEXIST); other:
// mkdir's own error.
Result<bool> SshRouter::makeFolderIfAbsent(const QString &path)
{
    return onPath(checkedRouterEntryPath(path), [&](const QString &checked) -> Result<bool> {
        const QByteArray folder = quote(remotePath(checked));
        const Result<ShellReply> reply
            = shell("if mkdir -- " + folder + "; then :; elif " + present(folder)
                    + "; then (exit 1); else (exit 2); fi");
        if (!reply)
            return reply.error();
        if (reply.value().exitCode > 1)
            return failure(shownPath(checked), u"cannot create folder"_s, reply.value());
        return reply.value().exitCode == 0;
    });
}

void SshRouter::stopCaching()
{
    m_caching = false;
    m_cache.clear();
    m_present.clear();
}

// Reading a file costs a remote process (`cat`); the files the steps read cost two together.
// Only an optimization: whatever fails here is read again when asked for.
void SshRouter::prefetch()
{
    const QByteArray root = remotePath(QString());
    const QByteArray prefix = root.endsWith('/') ? root : root + '/';
    QByteArrayList globs;
    for (const char *glob : kReadByTheSteps)
        globs.append(quote(prefix) + glob);
    const Result<ShellReply> reply = shell(prefetchScript(globs));
    if (!reply || reply.value().exitCode != 0)
        return;
    const QHash<QByteArray, QByteArray> files = parsePrefetch(reply.value().standardOutput);
    for (auto file = files.cbegin(); file != files.cend(); ++file) {
        if (!file.key().startsWith(prefix))
            continue;
        const QString checked = QString::fromUtf8(file.key().mid(prefix.size()));
        m_cache.insert(checked, file.value());
        notePresence(checked, true);
    }
}

Result<std::unique_ptr<TransactionGuard>> SshRouter::guardTransaction(const QString &id)
{
    Result<std::unique_ptr<SshWatchdog>> watchdog
        = SshWatchdog::start(*this, id, SshWatchdog::defaultLease());
    if (!watchdog)
        return watchdog.error();
    return std::unique_ptr<TransactionGuard>(std::move(watchdog).value());
}

// With the sandbox runtime the command is recorded, not run; with docker it runs on the router.
Result<CommandOutput> SshRouter::run(const QStringList &argv)
{
    if (argv.isEmpty())
        return Error{ErrorCode::RouterIo, u"cannot run an empty command"_s};
    if (m_runtime == ContainerRuntimeKind::Docker) {
        const Result<ShellReply> reply = shell(Shell::quoteArgv(argv) + " </dev/null");
        if (!reply)
            return reply.error();
        return CommandOutput{reply.value().exitCode, reply.value().standardOutput,
                             reply.value().standardError};
    }
    const QByteArray line
        = QJsonDocument(QJsonArray::fromStringList(argv)).toJson(QJsonDocument::Compact) + '\n';
    if (Result<void> recorded = appendFile(RouterPaths::commandLog, line); !recorded)
        return recorded.error();
    return CommandOutput{};
}

ContainerRuntimeKind SshRouter::containerRuntime() const
{
    return m_runtime;
}

} // namespace ChuteDeck::Core
