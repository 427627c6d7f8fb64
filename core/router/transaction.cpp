#include "core/router/transaction.h"

#include "core/router/routerstate.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

Error ioError(QString message)
{
    return Error{ErrorCode::RouterIo, std::move(message)};
}

bool isSafeName(const QString &id)
{
    static const QRegularExpression safe(QRegularExpression::anchoredPattern(u"[A-Za-z0-9_-]+"_s));
    return safe.match(id).hasMatch();
}

// ChuteDeck's own records: the transaction folder itself, the command log, the journal.
bool isOwnRecord(const QString &path)
{
    return path == RouterPaths::chuteDeckState
           || path.startsWith(RouterPaths::chuteDeckState + u'/');
}

// Replacing or moving such a folder would take the transaction's own records with it.
bool holdsOwnRecords(const QString &path)
{
    return path.isEmpty() || QString(RouterPaths::chuteDeckState).startsWith(path + u'/');
}

QString parentOf(const QString &path)
{
    return path.section(u'/', 0, -2);
}

// POSIX shell quoting, so that a plain shell can `eval` each manifest line.
QString shellQuoted(QString word)
{
    return u'\'' + word.replace(u'\'', u"'\\''"_s) + u'\'';
}

// The inverse of shellQuoted() for a manifest line: words separated by spaces, each bare or
// single-quoted (with '\'' for a quote inside). Empty when the line is malformed.
std::optional<QStringList> shellWords(QStringView line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype at = 0; at < line.size(); ++at) {
        const QChar c = line.at(at);
        if (c == u' ') {
            if (inWord)
                words.append(std::exchange(word, QString()));
            inWord = false;
        } else if (c == u'\\' && at + 1 < line.size()) {
            word += line.at(++at);
            inWord = true;
        } else if (c == u'\'') {
            const qsizetype end = line.indexOf(u'\'', at + 1);
            if (end < 0)
                return std::nullopt;
            word += line.mid(at + 1, end - at - 1);
            at = end;
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

QString lockOwnerFile()
{
    return RouterTransaction::lockFolder() + u"/owner"_s;
}

} // namespace

RouterTransaction::RouterTransaction(Router &router, QString id)
    : m_router(router)
    , m_id(std::move(id))
{}

// A pending transaction stays on the router, so that a later replay can still restore it.
RouterTransaction::~RouterTransaction() = default;

Result<std::unique_ptr<RouterTransaction>> RouterTransaction::begin(Router &router,
                                                                    const QString &id)
{
    if (!isSafeName(id))
        return ioError(u"transaction id '"_s + id
                       + u"': only letters, digits, '_' and '-' are allowed"_s);
    std::unique_ptr<RouterTransaction> transaction(new RouterTransaction(router, id));
    const Result<bool> taken = router.exists(transaction->folder());
    if (!taken)
        return taken.error();
    if (taken.value())
        return ioError(transaction->folder() + u": a transaction with this id is pending"_s);
    if (Result<void> locked = transaction->takeLock(); !locked)
        return locked.error();
    Result<void> made = router.makeFolders(transaction->folder());
    if (made)
        made = transaction->writeManifest();
    if (!made) {
        std::ignore = router.remove(transaction->folder());
        std::ignore = transaction->releaseLock();
        return made.error();
    }
    return transaction;
}

Result<std::unique_ptr<RouterTransaction>> RouterTransaction::open(Router &router,
                                                                   const QString &id)
{
    if (!isSafeName(id))
        return Error{ErrorCode::NotFound, u"no transaction '"_s + id + u"'"_s};
    std::unique_ptr<RouterTransaction> transaction(new RouterTransaction(router, id));
    if (Result<void> read = transaction->readManifest(); !read)
        return read.error();
    return transaction;
}

QString RouterTransaction::folderOf(const QString &id)
{
    return RouterPaths::chuteDeckState + u"/txn/"_s + id;
}

QString RouterTransaction::lockFolder()
{
    return RouterPaths::chuteDeckState + u"/lock"_s;
}

QString RouterTransaction::folder() const
{
    return folderOf(m_id);
}

// mkdir is the test-and-set; the owner file is written after it, so a lock without one (or whose
// transaction folder is gone) belongs to a process that died in between: stale, taken over once.
Result<void> RouterTransaction::takeLock()
{
    if (Result<void> parent = m_router.makeFolders(RouterPaths::chuteDeckState); !parent)
        return parent;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const Result<bool> made = m_router.makeFolderIfAbsent(lockFolder());
        if (!made)
            return made.error();
        if (made.value())
            return m_router.writeFile(lockOwnerFile(), m_id.toUtf8() + '\n');
        const Result<QByteArray> owner = m_router.readFile(lockOwnerFile());
        const QString holder = owner ? QString::fromUtf8(owner.value()).trimmed() : QString();
        const Result<bool> alive = holder.isEmpty() || !isSafeName(holder)
                                       ? Result<bool>(false)
                                       : m_router.exists(folderOf(holder));
        if (!alive)
            return alive.error();
        if (alive.value())
            return Error{ErrorCode::Busy, u"the router is busy: transaction "_s + holder
                                              + u" is pending (confirm or revert it first)"_s};
        if (Result<void> cleared = m_router.remove(lockFolder()); !cleared)
            return cleared;
    }
    return Error{ErrorCode::Busy, u"the router is busy: its lock "_s + lockFolder()
                                      + u" was taken by another process"_s};
}

// Only our own lock: after a stale takeover the folder may belong to someone else.
Result<void> RouterTransaction::releaseLock()
{
    const Result<QByteArray> owner = m_router.readFile(lockOwnerFile());
    if (!owner || QString::fromUtf8(owner.value()).trimmed() != m_id)
        return {};
    return m_router.remove(lockFolder());
}

Result<void> RouterTransaction::readManifest()
{
    static const QHash<QString, Record::Kind> kinds{
        {u"backup"_s, Record::Kind::Backup},
        {u"created"_s, Record::Kind::Created},
        {u"tmp"_s, Record::Kind::Temporary},
        {u"undo-cmd"_s, Record::Kind::UndoCommand},
        {u"defer-rm"_s, Record::Kind::DeferredRemoval},
        {u"commit-cmd"_s, Record::Kind::CommitCommand},
    };
    const QString file = manifestFile();
    Result<QByteArray> text = m_router.readFile(file);
    if (!text)
        return text.error().code == ErrorCode::NotFound
                   ? Error{ErrorCode::NotFound, u"no pending transaction "_s + m_id}
                   : text.error();
    // An append cut short (the process or the link died) leaves a last line without its newline:
    // its change never happened, since a record is written before its change.
    const QByteArray complete = text.value().left(text.value().lastIndexOf('\n') + 1);
    QList<Record> records;
    const QStringList lines = QString::fromUtf8(complete).split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype index = 0; index < lines.size(); ++index) {
        std::optional<QStringList> words = shellWords(lines.at(index));
        const auto kind
            = words && !words->isEmpty() ? kinds.constFind(words->takeFirst()) : kinds.cend();
        const qsizetype wanted = kind == kinds.cend()                   ? -1
                                 : kind.value() == Record::Kind::Backup ? 3
                                                                        : 1;
        const bool valid = kind != kinds.cend()
                           && (kind.value() == Record::Kind::UndoCommand
                                       || kind.value() == Record::Kind::CommitCommand
                                   ? !words->isEmpty()
                                   : words->size() == wanted);
        if (!valid)
            return ioError(u"%1:%2: not a manifest record: %3"_s.arg(file).arg(index + 1).arg(
                lines.at(index)));
        if (kind.value() == Record::Kind::Backup)
            words->removeLast(); // MODE
        records.append({kind.value(), *words});
    }
    replaceRecords(std::move(records));
    for (const Record &each : std::as_const(m_records)) { // new copies get names no record uses
        if (each.kind == Record::Kind::Backup)
            m_copies = std::max(m_copies, each.args.at(1).section(u'/', -1).toInt());
    }
    return {};
}

Result<void> RouterTransaction::checkPending() const
{
    if (m_state == State::Pending)
        return {};
    return ioError(u"transaction "_s + m_id + u" is already "_s
                   + (m_state == State::Restored ? u"restored"_s : u"committed"_s));
}

Result<QString> RouterTransaction::checkedTarget(const QString &path) const
{
    Result<QString> checked = checkedRouterEntryPath(path);
    if (checked && holdsOwnRecords(checked.value()))
        return ioError(checked.value() + u": holds ChuteDeck's records ("_s
                       + RouterPaths::chuteDeckState + u"); a transaction cannot replace it"_s);
    return checked;
}

// The checked path of an entry that a primitive is about to replace, once its state is recorded.
Result<QString> RouterTransaction::prepareChange(const QString &path)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending.error();
    Result<QString> target = checkedTarget(path);
    if (!target)
        return target;
    if (Result<void> recorded = recordChange(target.value(), IfPresent::BackUp); !recorded)
        return recorded.error();
    return target;
}

// Whether restoring already puts `path` back: it is recorded itself, or it lies in a folder that
// this transaction created (restoring removes that whole folder).
bool RouterTransaction::isCovered(const QString &path) const
{
    if (m_recorded.contains(path))
        return true;
    for (QString folder = parentOf(path); !folder.isEmpty(); folder = parentOf(folder)) {
        const auto found = m_recorded.constFind(folder);
        if (found != m_recorded.cend() && found.value() != Record::Kind::Backup)
            return true;
    }
    return false;
}

Result<void> RouterTransaction::recordChange(const QString &path, IfPresent ifPresent)
{
    if (isOwnRecord(path) || isCovered(path))
        return {};
    const Result<bool> present = m_router.exists(path);
    if (!present)
        return present.error();
    if (present.value())
        return ifPresent == IfPresent::BackUp ? backUp(path) : Result<void>();
    const Result<QString> topmost = topmostMissing(path);
    if (!topmost)
        return topmost.error();
    // A missing folder with a backup was moved or removed in this transaction; restoring that
    // backup replaces whatever is made there now.
    if (m_recorded.contains(topmost.value()))
        return {};
    return record({{Record::Kind::Created, {topmost.value()}}});
}

// The primitives make missing parents: restoring removes the outermost folder they make.
Result<QString> RouterTransaction::topmostMissing(const QString &path)
{
    QString topmost = path;
    for (QString folder = parentOf(path); !folder.isEmpty(); folder = parentOf(folder)) {
        const Result<bool> present = m_router.exists(folder);
        if (!present)
            return present.error();
        if (present.value())
            break;
        topmost = folder;
    }
    return topmost;
}

// The copy is made before its record, so a recorded backup is never half a copy.
Result<void> RouterTransaction::backUp(const QString &path)
{
    const QString copy = nextCopy("backup"_L1);
    if (Result<void> copied = m_router.copy(path, copy); !copied)
        return copied;
    return record({{Record::Kind::Backup, {path, copy}}});
}

QString RouterTransaction::nextCopy(QLatin1StringView kind)
{
    return folder() + u'/' + kind + u'/' + QString::number(++m_copies);
}

// Persists the records before the change they describe happens. Appended, not rewritten: a rewrite
// made every record cost as much as all the records before it (quadratic on big plans, and over
// SSH a remote process per record).
Result<void> RouterTransaction::record(const QList<Record> &records)
{
    if (Result<void> written = m_router.appendFile(manifestFile(), manifestText(records));
        !written) {
        return written;
    }
    m_records += records;
    for (const Record &each : records)
        index(each);
    return {};
}

void RouterTransaction::replaceRecords(QList<Record> records)
{
    m_records = std::move(records);
    m_recorded.clear();
    for (const Record &each : std::as_const(m_records))
        index(each);
}

void RouterTransaction::index(const Record &record)
{
    const bool namesPath = record.kind == Record::Kind::Backup
                           || record.kind == Record::Kind::Created
                           || record.kind == Record::Kind::Temporary;
    if (namesPath)
        m_recorded.insert(record.args.constFirst(), record.kind);
}

QString RouterTransaction::manifestFile() const
{
    return folder() + u"/manifest"_s;
}

QByteArray RouterTransaction::manifestText(const QList<Record> &records)
{
    static const QHash<Record::Kind, QString> keywords{
        {Record::Kind::Backup, u"backup"_s},
        {Record::Kind::Created, u"created"_s},
        {Record::Kind::Temporary, u"tmp"_s},
        {Record::Kind::UndoCommand, u"undo-cmd"_s},
        {Record::Kind::DeferredRemoval, u"defer-rm"_s},
        {Record::Kind::CommitCommand, u"commit-cmd"_s},
    };
    QString text;
    for (const Record &each : records) {
        QStringList words{keywords.value(each.kind)};
        std::transform(each.args.cbegin(), each.args.cend(), std::back_inserter(words),
                       shellQuoted);
        if (each.kind == Record::Kind::Backup)
            words.append(u"-"_s); // MODE: see the class comment
        text += words.join(u' ') + u'\n';
    }
    return text.toUtf8();
}

// The whole manifest, for when records go (a failed restore keeps only the failed ones).
Result<void> RouterTransaction::writeManifest()
{
    return m_router.writeFile(manifestFile(), manifestText(m_records));
}

Result<void> RouterTransaction::recordTemporary(const QString &path)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    const Result<QString> target = checkedTarget(path);
    if (!target)
        return target.error();
    const Result<bool> present = m_router.exists(target.value());
    if (!present)
        return present.error();
    if (present.value())
        return ioError(target.value() + u": cannot be a temporary file: it exists"_s);
    // Writing it makes its missing parents, which restoring must remove as well.
    if (Result<void> parents = recordChange(parentOf(target.value()), IfPresent::Leave); !parents)
        return parents;
    return record({{Record::Kind::Temporary, {target.value()}}});
}

Result<void> RouterTransaction::restore()
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    QList<Record> failed;
    QStringList problems;
    for (qsizetype index = m_records.size() - 1; index >= 0; --index) { // newest first
        const Record &each = m_records.at(index);
        if (Result<void> undone = undo(each); !undone) {
            failed.prepend(each);
            problems.append(undone.error().message);
        }
    }
    if (problems.isEmpty())
        return finish(State::Restored, {});
    // The backups of the failed records are still needed: keep them, and only them, pending.
    replaceRecords(failed);
    if (Result<void> written = writeManifest(); !written)
        problems.append(written.error().message);
    return ioError(u"transaction "_s + m_id + u": cannot restore: "_s + problems.join(u"; "_s));
}

Result<void> RouterTransaction::undo(const Record &record)
{
    switch (record.kind) {
    case Record::Kind::Created:
    case Record::Kind::Temporary:
        return removeIfPresent(record.args.constFirst());
    case Record::Kind::Backup: {
        const QString &path = record.args.at(0);
        const QString &copy = record.args.at(1);
        const Result<bool> saved = m_router.exists(copy);
        if (!saved)
            return saved.error();
        if (!saved.value())
            return ioError(path + u": its backup "_s + copy + u" is missing"_s);
        if (Result<void> removed = m_router.remove(path); !removed)
            return removed;
        return m_router.rename(copy, path);
    }
    case Record::Kind::UndoCommand:
        return runCommand(u"undo"_s, record.args);
    case Record::Kind::DeferredRemoval:
    case Record::Kind::CommitCommand:
        break; // the backup recorded with it puts the path back; the command never ran
    }
    return {};
}

// An undo command, a command deferred to the commit, or the reload after a restore.
Result<void> RouterTransaction::runCommand(const QString &kind, const QStringList &argv)
{
    const Result<CommandOutput> ran = m_router.run(argv);
    if (!ran)
        return ran.error();
    if (ran.value().exitCode != 0)
        return ioError(kind + u" command '"_s + argv.join(u' ') + u"' exited with "_s
                       + QString::number(ran.value().exitCode) + u": "_s
                       + QString::fromUtf8(ran.value().standardError).trimmed());
    return {};
}

// exists() is false where a parent is a file (a primitive that failed on that), which remove()
// would report as an error.
Result<void> RouterTransaction::removeIfPresent(const QString &path)
{
    const Result<bool> present = m_router.exists(path);
    if (!present)
        return present.error();
    return present.value() ? m_router.remove(path) : Result<void>();
}

Result<void> RouterTransaction::restoreAndReload()
{
    const bool reload = needsConfirmation(); // the records go with the restore
    if (Result<void> restored = restore(); !restored || !reload)
        return restored;
    return runCommand(u"reload"_s, {u"reload_config"_s});
}

bool RouterTransaction::needsConfirmation() const
{
    static const QList<QLatin1StringView> watched{RouterPaths::uciNetwork, RouterPaths::uciWireless,
                                                  RouterPaths::uciFirewall, RouterPaths::uciDhcp,
                                                  RouterPaths::hostConfig};
    const QList<RecordedPath> paths = recordedPaths();
    return std::any_of(paths.cbegin(), paths.cend(), [](const RecordedPath &recorded) {
        // A created folder (etc/config) covers the files made in it.
        return std::any_of(watched.cbegin(), watched.cend(), [&](QLatin1StringView file) {
            return recorded.path == file || QString(file).startsWith(recorded.path + u'/');
        });
    });
}

Result<void> RouterTransaction::awaitConfirmation(const QDateTime &deadline)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    return m_router.writeFile(folder() + u"/confirm-by"_s,
                              QByteArray::number(deadline.toSecsSinceEpoch()) + '\n');
}

QList<RouterTransaction::RecordedPath> RouterTransaction::recordedPaths() const
{
    QList<RecordedPath> paths;
    for (const Record &each : std::as_const(m_records)) {
        if (each.kind == Record::Kind::Backup)
            paths.append({each.args.at(0), each.args.at(1)});
        else if (each.kind == Record::Kind::Created)
            paths.append({each.args.at(0), QString()});
    }
    return paths;
}

Result<void> RouterTransaction::commit()
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    QStringList problems;
    for (const Record &each : std::as_const(m_records)) {
        if (each.kind == Record::Kind::CommitCommand) {
            if (Result<void> ran = runCommand(u"commit"_s, each.args); !ran)
                problems.append(ran.error().message);
        }
        if (each.kind != Record::Kind::Temporary)
            continue;
        if (Result<void> removed = removeIfPresent(each.args.constFirst()); !removed)
            problems.append(removed.error().message);
    }
    // The folder goes even when a temporary file stays: a pending transaction would be reverted.
    return finish(State::Committed, problems);
}

Result<void> RouterTransaction::finish(State state, QStringList problems)
{
    if (Result<void> removed = m_router.remove(folder()); removed) {
        m_state = state;
        if (Result<void> released = releaseLock(); !released)
            problems.append(released.error().message);
    } else {
        problems.append(removed.error().message);
    }
    if (problems.isEmpty())
        return {};
    return ioError(u"transaction "_s + m_id + u": "_s + problems.join(u"; "_s));
}

Result<CommandOutput> RouterTransaction::runWithUndo(const QStringList &argv,
                                                     const QStringList &undoArgv)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending.error();
    if (undoArgv.isEmpty())
        return ioError(u"cannot record an empty undo command"_s);
    Result<CommandOutput> ran = m_router.run(argv);
    if (!ran || ran.value().exitCode != 0)
        return ran;
    if (Result<void> recorded = record({{Record::Kind::UndoCommand, undoArgv}}); !recorded)
        return recorded.error();
    return ran;
}

Result<void> RouterTransaction::runAtCommit(const QStringList &argv)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    if (argv.isEmpty())
        return ioError(u"cannot record an empty command"_s);
    return record({{Record::Kind::CommitCommand, argv}});
}

QString RouterTransaction::url() const
{
    return m_router.url();
}

WorkerThread &RouterTransaction::ioThread()
{
    return m_router.ioThread();
}

Result<QByteArray> RouterTransaction::readFile(const QString &path)
{
    return m_router.readFile(path);
}

Result<void> RouterTransaction::writeFile(const QString &path, const QByteArray &data, int mode)
{
    const Result<QString> target = prepareChange(path);
    if (!target)
        return target.error();
    return m_router.writeFile(target.value(), data, mode);
}

Result<bool> RouterTransaction::exists(const QString &path)
{
    return m_router.exists(path);
}

Result<void> RouterTransaction::copy(const QString &from, const QString &to)
{
    const Result<QString> target = prepareChange(to);
    if (!target)
        return target.error();
    return m_router.copy(from, target.value());
}

Result<void> RouterTransaction::rename(const QString &from, const QString &to)
{
    const Result<QString> source = prepareChange(from);
    if (!source)
        return source.error();
    const Result<QString> target = prepareChange(to);
    if (!target)
        return target.error();
    return m_router.rename(source.value(), target.value());
}

Result<void> RouterTransaction::remove(const QString &path)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    const Result<QString> target = checkedTarget(path);
    if (!target)
        return target.error();
    const QString &entry = target.value();
    // Its state before the transaction is already safe (or it did not exist): nothing to defer.
    if (isOwnRecord(entry) || isCovered(entry))
        return m_router.remove(entry);
    const Result<bool> present = m_router.exists(entry);
    if (!present || !present.value())
        return present ? Result<void>() : Result<void>(present.error());
    const QString copy = nextCopy("removed"_L1);
    const QList<Record> before = m_records;
    if (Result<void> recorded
        = record({{Record::Kind::Backup, {entry, copy}}, {Record::Kind::DeferredRemoval, {entry}}});
        !recorded) {
        return recorded;
    }
    Result<void> moved = m_router.rename(entry, copy);
    if (!moved) {
        // The entry is still in place: a record of a move that did not happen would fail restore().
        replaceRecords(before);
        std::ignore = writeManifest();
    }
    return moved;
}

Result<QList<DirEntry>> RouterTransaction::list(const QString &folder)
{
    return m_router.list(folder);
}

Result<void> RouterTransaction::makeFolders(const QString &path, int mode)
{
    if (Result<void> pending = checkPending(); !pending)
        return pending;
    const Result<QString> target = checkedRouterPath(path);
    if (!target)
        return target.error();
    if (Result<void> recorded = recordChange(target.value(), IfPresent::Leave); !recorded)
        return recorded;
    return m_router.makeFolders(target.value(), mode);
}

// Only for ChuteDeck's own records (the lock): anything else would be a change left unrecorded.
Result<bool> RouterTransaction::makeFolderIfAbsent(const QString &path)
{
    const Result<QString> target = checkedRouterEntryPath(path);
    if (!target)
        return target.error();
    if (!isOwnRecord(target.value()))
        return ioError(target.value() + u": a transaction makes folders with makeFolders()"_s);
    return m_router.makeFolderIfAbsent(target.value());
}

Result<CommandOutput> RouterTransaction::run(const QStringList &argv)
{
    return m_router.run(argv);
}

} // namespace ChuteDeck::Core
