#include "core/router/sandboxrouter.h"

#include "core/plan/workerthread.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxseed.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

// "stat" names both a struct and a function; the alias keeps declarations plain.
using FileStatus = struct stat;

// A place in the tree: the host path the system calls use and the path that messages show (the
// router path, "." for the root).
struct Location
{
    QString host;
    QString shown;

    QByteArray native() const { return QFile::encodeName(host); }
    QString name() const { return host.section(u'/', -1); }

    Location child(const QString &name) const
    {
        return {host + u'/' + name, shown == u"." ? name : shown + u'/' + name};
    }

    Location parent() const
    {
        const qsizetype slash = shown.lastIndexOf(u'/');
        return {host.left(std::max<qsizetype>(host.lastIndexOf(u'/'), 1)),
                slash < 0 ? u"."_s : shown.left(std::max<qsizetype>(slash, 1))};
    }
};

Location locationIn(const QString &root, const QString &checkedPath)
{
    if (checkedPath.isEmpty())
        return {root, u"."_s};
    return {root + u'/' + checkedPath, checkedPath};
}

// `err` is errno, taken by the caller right after the failing call.
Error osError(const Location &at, const QString &what, int err)
{
    const ErrorCode code = err == ENOENT ? ErrorCode::NotFound : ErrorCode::RouterIo;
    return Error{code, at.shown + u": "_s + what + u": "_s + qt_error_string(err)};
}

Error refusal(const Location &at, const QString &why)
{
    return Error{ErrorCode::RouterIo, at.shown + u": "_s + why};
}

class Descriptor
{
    Q_DISABLE_COPY_MOVE(Descriptor)

public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int fd() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    // Closing reports write errors that some file systems keep until then.
    bool close() { return ::close(std::exchange(m_fd, -1)) == 0; }

private:
    int m_fd;
};

// The one place that calls open(2), which is variadic.
int openFile(const QByteArray &path, int flags, mode_t mode = 0)
{
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg)
    return ::open(path.constData(), flags | O_CLOEXEC, mode);
}

bool statEntry(const Location &at, FileStatus &info)
{
    return ::lstat(at.native().constData(), &info) == 0;
}

DirEntry::Type entryType(mode_t mode)
{
    if (S_ISREG(mode))
        return DirEntry::Type::File;
    if (S_ISDIR(mode))
        return DirEntry::Type::Folder;
    if (S_ISLNK(mode))
        return DirEntry::Type::Link;
    return DirEntry::Type::Other;
}

std::optional<QString> realPath(const Location &at)
{
    const std::unique_ptr<char, decltype(&std::free)> real(
        ::realpath(at.native().constData(), nullptr), &std::free);
    if (!real)
        return std::nullopt;
    return QFile::decodeName(real.get());
}

enum class FollowLast : bool { No, Yes };

// See SandboxRouter: the deepest existing ancestor of the target (the target itself when following
// it) is resolved and must lie inside the root; the missing components below it cannot be links.
Result<void> checkConfined(const QString &root, const Location &target, FollowLast follow)
{
    Location probe = follow == FollowLast::Yes ? target : target.parent();
    FileStatus info{};
    while (probe.host != root && !statEntry(probe, info))
        probe = probe.parent();
    if (probe.host == root)
        return {};
    const std::optional<QString> real = realPath(probe);
    if (!real)
        return osError(probe, u"cannot resolve"_s, errno);
    if (*real != root && !real->startsWith(root + u'/'))
        return refusal(target, u"refused: a symbolic link leads out of the router's root"_s);
    return {};
}

// The checked path as a location inside the root.
Result<Location> locate(const QString &root, const Result<QString> &checked, FollowLast follow)
{
    if (!checked)
        return checked.error();
    Location at = locationIn(root, checked.value());
    if (Result<void> confined = checkConfined(root, at, follow); !confined)
        return confined.error();
    return at;
}

// Runs `action` on the location of a checked path, or returns why there is none.
template<typename Action>
auto atLocation(const QString &root, const Result<QString> &checked, FollowLast follow,
                Action &&action) -> decltype(action(std::declval<const Location &>()))
{
    const Result<Location> at = locate(root, checked, follow);
    if (!at)
        return at.error();
    return action(at.value());
}

// The source of a copy or rename must exist before anything is created for the destination.
Result<void> requireEntry(const Location &at, const QString &what)
{
    FileStatus info{};
    if (!statEntry(at, info))
        return osError(at, what, errno);
    return {};
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t written
            = ::write(fd, data.constData() + done, static_cast<size_t>(data.size() - done));
        if (written < 0 && errno != EINTR)
            return false;
        done += std::max<ssize_t>(written, 0);
    }
    return true;
}

Result<QByteArray> readAll(const Location &at)
{
    const Descriptor file(openFile(at.native(), O_RDONLY));
    if (!file.valid())
        return osError(at, u"cannot read"_s, errno);
    QByteArray data;
    std::array<char, 65536> buffer{};
    for (;;) {
        const ssize_t count = ::read(file.fd(), buffer.data(), buffer.size());
        if (count == 0)
            return data;
        if (count < 0 && errno != EINTR)
            return osError(at, u"cannot read"_s, errno);
        data.append(buffer.data(), std::max<ssize_t>(count, 0));
    }
}

// mkdir -p: creates `at` with exactly `mode` (not reduced by the umask) and its missing parents
// with 0755, as "mkdir -p -m" does; existing folders are left as they are.
Result<void> makeFolderChain(const Location &at, int mode)
{
    FileStatus info{};
    if (::stat(at.native().constData(), &info) == 0) {
        if (S_ISDIR(info.st_mode))
            return {};
        return osError(at, u"cannot create folder"_s, ENOTDIR);
    }
    if (errno != ENOENT && errno != ENOTDIR)
        return osError(at, u"cannot create folder"_s, errno);
    if (Result<void> parent = makeFolderChain(at.parent(), 0755); !parent)
        return parent;
    const QByteArray native = at.native();
    if (::mkdir(native.constData(), 0700) != 0 || ::chmod(native.constData(), mode) != 0)
        return osError(at, u"cannot create folder"_s, errno);
    return {};
}

using Creator = std::function<Result<void>(const QByteArray &temporary)>;

// Makes the new entry under a fresh name in the same folder and renames it over `at`: readers see
// the old entry or the new one, never half of one, and a failure leaves `at` untouched.
Result<void> replaceAtomically(const Location &at, const Creator &create)
{
    if (Result<void> parents = makeFolderChain(at.parent(), 0755); !parents)
        return parents;
    const QString name = u".chutedeck-tmp-%1"_s.arg(QRandomGenerator::global()->generate64(), 16,
                                                    16, QLatin1Char('0'));
    const QByteArray temporary = at.parent().child(name).native();
    Result<void> created = create(temporary);
    if (created && ::rename(temporary.constData(), at.native().constData()) != 0)
        created = osError(at, u"cannot replace"_s, errno);
    if (!created)
        ::unlink(temporary.constData());
    return created;
}

Result<void> writeAtomically(const Location &at, const QByteArray &data, int mode)
{
    return replaceAtomically(at, [&](const QByteArray &temporary) -> Result<void> {
        Descriptor file(openFile(temporary, O_WRONLY | O_CREAT | O_EXCL, 0600));
        if (!file.valid() || !writeAll(file.fd(), data) || ::fchmod(file.fd(), mode) != 0
            || !file.close()) {
            return osError(at, u"cannot write"_s, errno);
        }
        return {};
    });
}

Result<void> linkAtomically(const Location &at, const QByteArray &target)
{
    return replaceAtomically(at, [&](const QByteArray &temporary) -> Result<void> {
        if (::symlink(target.constData(), temporary.constData()) != 0)
            return osError(at, u"cannot create link"_s, errno);
        return {};
    });
}

struct FolderCloser
{
    void operator()(DIR *folder) const { ::closedir(folder); }
};

Result<QList<DirEntry>> listFolder(const Location &at)
{
    const std::unique_ptr<DIR, FolderCloser> folder(::opendir(at.native().constData()));
    if (!folder)
        return osError(at, u"cannot list"_s, errno);
    QList<DirEntry> entries;
    for (;;) {
        errno = 0; // readdir() tells the end from an error only through errno
        const dirent *entry = ::readdir(folder.get());
        if (!entry)
            break;
        const QString name = QFile::decodeName(entry->d_name);
        if (name == u"." || name == u"..")
            continue;
        FileStatus info{};
        if (!statEntry(at.child(name), info))
            return osError(at.child(name), u"cannot list"_s, errno);
        entries.append({name, entryType(info.st_mode)});
    }
    if (errno != 0)
        return osError(at, u"cannot list"_s, errno);
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
    return entries;
}

Result<QByteArray> readLink(const Location &at)
{
    QByteArray target(PATH_MAX, Qt::Uninitialized);
    const ssize_t size = ::readlink(at.native().constData(), target.data(), target.size());
    if (size < 0)
        return osError(at, u"cannot read link"_s, errno);
    target.truncate(size);
    return target;
}

Result<void> copyEntry(const Location &from, const Location &to);

// Like "cp -a from/. to": the copy stays private (0700) until its contents are in, then takes the
// source's mode, so a read-only source folder can still be copied by a non-root user.
Result<void> copyFolder(const Location &from, const Location &to, int mode)
{
    FileStatus info{};
    if (statEntry(to, info) && !S_ISDIR(info.st_mode))
        return osError(to, u"cannot copy a folder over it"_s, ENOTDIR);
    if (Result<void> made = makeFolderChain(to, 0700); !made)
        return made;
    const Result<QList<DirEntry>> entries = listFolder(from);
    if (!entries)
        return entries.error();
    for (const DirEntry &entry : entries.value()) {
        if (Result<void> copied = copyEntry(from.child(entry.name), to.child(entry.name)); !copied)
            return copied;
    }
    if (::chmod(to.native().constData(), mode) != 0)
        return osError(to, u"cannot set mode"_s, errno);
    return {};
}

Result<void> copyEntry(const Location &from, const Location &to)
{
    FileStatus info{};
    if (!statEntry(from, info))
        return osError(from, u"cannot copy"_s, errno);
    const int mode = static_cast<int>(info.st_mode & 07777);
    switch (entryType(info.st_mode)) {
    case DirEntry::Type::Folder:
        return copyFolder(from, to, mode);
    case DirEntry::Type::File: {
        const Result<QByteArray> data = readAll(from);
        return data ? writeAtomically(to, data.value(), mode) : Result<void>(data.error());
    }
    case DirEntry::Type::Link: {
        const Result<QByteArray> target = readLink(from);
        return target ? linkAtomically(to, target.value()) : Result<void>(target.error());
    }
    case DirEntry::Type::Other:
        break;
    }
    return refusal(from, u"cannot copy: not a file, folder or link"_s);
}

Result<void> removeEntry(const Location &at)
{
    FileStatus info{};
    if (!statEntry(at, info))
        return errno == ENOENT ? Result<void>() : osError(at, u"cannot remove"_s, errno);
    if (!S_ISDIR(info.st_mode)) {
        if (::unlink(at.native().constData()) != 0)
            return osError(at, u"cannot remove"_s, errno);
        return {};
    }
    const Result<QList<DirEntry>> entries = listFolder(at);
    if (!entries)
        return entries.error();
    for (const DirEntry &entry : entries.value()) {
        if (Result<void> removed = removeEntry(at.child(entry.name)); !removed)
            return removed;
    }
    if (::rmdir(at.native().constData()) != 0)
        return osError(at, u"cannot remove"_s, errno);
    return {};
}

// Refuses copying a folder into itself, which would never end; compares resolved paths so that
// links inside the root cannot hide it.
Result<void> checkNotInside(const Location &from, const Location &to)
{
    const std::optional<QString> source = realPath(from);
    const std::optional<QString> targetFolder = realPath(to.parent());
    if (!source || !targetFolder)
        return {}; // the copy itself reports what is missing
    const QString target = *targetFolder + u'/' + to.name();
    if (target == *source || target.startsWith(*source + u'/'))
        return refusal(to, u"cannot copy "_s + from.shown + u" into itself"_s);
    return {};
}

Result<void> appendLine(const Location &at, const QByteArray &line)
{
    if (Result<void> parents = makeFolderChain(at.parent(), 0755); !parents)
        return parents;
    Descriptor file(openFile(at.native(), O_WRONLY | O_APPEND | O_CREAT, 0644));
    if (!file.valid() || !writeAll(file.fd(), line) || !file.close())
        return osError(at, u"cannot write"_s, errno);
    return {};
}

} // namespace

SandboxRouter::SandboxRouter(QString root)
    : m_root(std::move(root))
    , m_ioThread(std::make_unique<WorkerThread>(u"sandbox-io"_s))
{}

SandboxRouter::~SandboxRouter() = default;

Result<std::unique_ptr<SandboxRouter>> SandboxRouter::open(const QString &root)
{
    if (root.isEmpty())
        return Error{ErrorCode::RouterIo, u"cannot open a sandbox router: no folder given"_s};
    const QString absolute = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const Location place{absolute, absolute};
    if (Result<void> made = makeFolderChain(place, 0755); !made)
        return made.error();
    const std::optional<QString> canonical = realPath(place);
    if (!canonical)
        return osError(place, u"cannot resolve"_s, errno);
    std::unique_ptr<SandboxRouter> router(new SandboxRouter(*canonical));
    const Result<bool> seeded = router->exists(RouterPaths::uciConfig);
    if (!seeded)
        return seeded.error();
    if (!seeded.value()) {
        if (Result<void> result = router->seed(); !result)
            return result.error();
    }
    return router;
}

Result<void> SandboxRouter::seed()
{
    for (const QString &folder : sandboxSeedFolders()) {
        if (Result<void> made = makeFolders(folder); !made)
            return made;
    }
    for (const SeedFile &file : sandboxSeedFiles()) {
        const Result<bool> present = exists(file.path);
        if (!present)
            return present.error();
        if (present.value())
            continue;
        if (Result<void> written = writeFile(file.path, file.contents); !written)
            return written;
    }
    return {};
}

QString SandboxRouter::url() const
{
    return u"sandbox:"_s + m_root;
}

WorkerThread &SandboxRouter::ioThread()
{
    return *m_ioThread;
}

Result<QByteArray> SandboxRouter::readFile(const QString &path)
{
    return atLocation(m_root, checkedRouterPath(path), FollowLast::Yes, readAll);
}

Result<void> SandboxRouter::writeFile(const QString &path, const QByteArray &data, int mode)
{
    return atLocation(m_root, checkedRouterEntryPath(path), FollowLast::No,
                      [&](const Location &at) { return writeAtomically(at, data, mode); });
}

Result<void> SandboxRouter::appendFile(const QString &path, const QByteArray &data)
{
    return atLocation(m_root, checkedRouterEntryPath(path), FollowLast::No,
                      [&](const Location &at) { return appendLine(at, data); });
}

Result<bool> SandboxRouter::exists(const QString &path)
{
    return atLocation(m_root, checkedRouterPath(path), FollowLast::No,
                      [](const Location &at) -> Result<bool> {
                          FileStatus info{};
                          if (statEntry(at, info))
                              return true;
                          if (errno == ENOENT || errno == ENOTDIR)
                              return false;
                          return osError(at, u"cannot look up"_s, errno);
                      });
}

namespace {

// Both ends of a copy or rename: the source must exist, the destination's parents are made.
Result<std::pair<Location, Location>> locateEnds(const QString &root, const QString &from,
                                                 const QString &to, const QString &what)
{
    const Result<Location> source = locate(root, checkedRouterEntryPath(from), FollowLast::No);
    if (!source)
        return source.error();
    const Result<Location> target = locate(root, checkedRouterEntryPath(to), FollowLast::No);
    if (!target)
        return target.error();
    if (Result<void> present = requireEntry(source.value(), what); !present)
        return present.error();
    if (Result<void> parents = makeFolderChain(target.value().parent(), 0755); !parents)
        return parents.error();
    return std::pair(source.value(), target.value());
}

} // namespace

Result<void> SandboxRouter::copy(const QString &from, const QString &to)
{
    const auto ends = locateEnds(m_root, from, to, u"cannot copy"_s);
    if (!ends)
        return ends.error();
    const auto &[source, target] = ends.value();
    if (Result<void> outside = checkNotInside(source, target); !outside)
        return outside;
    return copyEntry(source, target);
}

Result<void> SandboxRouter::rename(const QString &from, const QString &to)
{
    const auto ends = locateEnds(m_root, from, to, u"cannot rename"_s);
    if (!ends)
        return ends.error();
    const auto &[source, target] = ends.value();
    if (::rename(source.native().constData(), target.native().constData()) != 0)
        return osError(source, u"cannot rename to "_s + target.shown, errno);
    return {};
}

Result<void> SandboxRouter::remove(const QString &path)
{
    return atLocation(m_root, checkedRouterEntryPath(path), FollowLast::No, removeEntry);
}

Result<QList<DirEntry>> SandboxRouter::list(const QString &folder)
{
    return atLocation(m_root, checkedRouterPath(folder), FollowLast::Yes, listFolder);
}

Result<void> SandboxRouter::makeFolders(const QString &path, int mode)
{
    return atLocation(m_root, checkedRouterPath(path), FollowLast::Yes,
                      [mode](const Location &at) { return makeFolderChain(at, mode); });
}

Result<bool> SandboxRouter::makeFolderIfAbsent(const QString &path)
{
    return atLocation(m_root, checkedRouterEntryPath(path), FollowLast::No,
                      [](const Location &at) -> Result<bool> {
                          if (::mkdir(at.native().constData(), 0755) == 0)
                              return true;
                          if (errno != EEXIST)
                              return osError(at, u"cannot create folder"_s, errno);
                          return false;
                      });
}

Result<CommandOutput> SandboxRouter::run(const QStringList &argv)
{
    if (argv.isEmpty())
        return Error{ErrorCode::RouterIo, u"cannot run an empty command"_s};
    const QByteArray line
        = QJsonDocument(QJsonArray::fromStringList(argv)).toJson(QJsonDocument::Compact) + '\n';
    return atLocation(m_root, QString(RouterPaths::commandLog), FollowLast::No,
                      [&](const Location &at) -> Result<CommandOutput> {
                          if (Result<void> recorded = appendLine(at, line); !recorded)
                              return recorded.error();
                          return CommandOutput{};
                      });
}

} // namespace ChuteDeck::Core
