#include "core/router/transaction.h"

#include "core/router/routerstate.h"

#include <QRegularExpression>

#include <algorithm>
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
    if (Result<void> made = router.makeFolders(transaction->folder()); !made)
        return made.error();
    if (Result<void> written = transaction->writeManifest(); !written)
        return written.error();
    return transaction;
}

QString RouterTransaction::folder() const
{
    return RouterPaths::chuteDeckState + u"/txn/"_s + m_id;
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
    case Record::Kind::UndoCommand: {
        const Result<CommandOutput> ran = m_router.run(record.args);
        if (!ran)
            return ran.error();
        if (ran.value().exitCode != 0)
            return ioError(u"undo command '"_s + record.args.join(u' ') + u"' exited with "_s
                           + QString::number(ran.value().exitCode) + u": "_s
                           + QString::fromUtf8(ran.value().standardError).trimmed());
        return {};
    }
    case Record::Kind::DeferredRemoval:
        break; // the backup recorded with it puts the path back
    }
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
    if (Result<void> removed = m_router.remove(folder()); removed)
        m_state = state;
    else
        problems.append(removed.error().message);
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

Result<CommandOutput> RouterTransaction::run(const QStringList &argv)
{
    return m_router.run(argv);
}

} // namespace ChuteDeck::Core
