#include "core/remote/agent/chutetar.h"

#include <QDir>
#include <QFile>

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

struct ArchiveDeleter
{
    void operator()(archive *reader) const { archive_read_free(reader); }
};

Error uploadError(const QString &message)
{
    return Error{ErrorCode::InvalidChute, u"chute upload: "_s + message};
}

// "./web/app.py" -> "web/app.py"; nullopt for a path that is absolute, climbs out or is empty.
std::optional<QString> safeRelativePath(const QString &name)
{
    if (name.isEmpty() || name.startsWith(u'/') || name.contains(QChar(0)))
        return std::nullopt;
    QStringList kept;
    for (const QString &part : name.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..")
            return std::nullopt;
        kept.append(part);
    }
    if (kept.isEmpty())
        return QString(); // the top folder itself
    return kept.join(u'/');
}

class TarUnpacker
{
public:
    TarUnpacker(const QString &into, const ChuteTarLimits &limits)
        : m_root(into)
        , m_limits(limits)
    {}

    Result<void> unpack(const QByteArray &tar)
    {
        std::unique_ptr<archive, ArchiveDeleter> reader(archive_read_new());
        archive_read_support_format_tar(reader.get());
        archive_read_support_format_gnutar(reader.get());
        archive_read_support_filter_gzip(reader.get());
        if (archive_read_open_memory(reader.get(), tar.constData(), size_t(tar.size()))
            != ARCHIVE_OK) {
            return uploadError(u"not a tar archive: %1"_s.arg(errorOf(reader.get())));
        }
        for (;;) {
            archive_entry *entry = nullptr;
            const int status = archive_read_next_header(reader.get(), &entry);
            if (status == ARCHIVE_EOF)
                break;
            if (status != ARCHIVE_OK)
                return uploadError(u"not a valid tar archive: %1"_s.arg(errorOf(reader.get())));
            if (Result<void> done = take(reader.get(), entry); !done)
                return done;
        }
        if (!QFileInfo(m_root.filePath(u"paradrop.yaml"_s)).isFile())
            return uploadError(u"no paradrop.yaml at the top of the archive"_s);
        return {};
    }

private:
    static QString errorOf(archive *reader)
    {
        const char *text = archive_error_string(reader);
        return text ? QString::fromUtf8(text) : u"unknown error"_s;
    }

    Result<void> take(archive *reader, archive_entry *entry)
    {
        const QString name = QString::fromUtf8(archive_entry_pathname(entry));
        if (++m_entries > m_limits.maxEntries)
            return uploadError(u"more than %1 entries"_s.arg(m_limits.maxEntries));
        const std::optional<QString> path = safeRelativePath(name);
        if (!path)
            return uploadError(u"%1: the path leaves the chute folder"_s.arg(name));
        if (path->count(u'/') >= m_limits.maxDepth)
            return uploadError(u"%1: more than %2 folders deep"_s.arg(name).arg(m_limits.maxDepth));
        if (archive_entry_hardlink(entry) || archive_entry_symlink(entry))
            return uploadError(u"%1: links are not accepted"_s.arg(name));
        switch (archive_entry_filetype(entry)) {
        case AE_IFDIR:
            return makeFolder(*path, name);
        case AE_IFREG:
            return writeFile(reader, entry, *path, name);
        default:
            return uploadError(u"%1: only files and folders are accepted"_s.arg(name));
        }
    }

    Result<void> makeFolder(const QString &path, const QString &name)
    {
        if (path.isEmpty() || m_root.mkpath(path))
            return {};
        return uploadError(u"%1: cannot make the folder"_s.arg(name));
    }

    Result<void> writeFile(archive *reader, archive_entry *entry, const QString &path,
                           const QString &name)
    {
        if (path.isEmpty())
            return uploadError(u"%1: not a file name"_s.arg(name));
        const QFileInfo info(m_root.filePath(path));
        if (info.exists() || !m_root.mkpath(info.path()))
            return uploadError(u"%1: appears twice or cannot be written"_s.arg(name));
        QFile file(info.filePath());
        if (!file.open(QIODevice::NewOnly))
            return uploadError(u"%1: %2"_s.arg(name, file.errorString()));
        std::array<char, std::size_t{64} * 1024> buffer{};
        for (;;) {
            const la_ssize_t read = archive_read_data(reader, buffer.data(), buffer.size());
            if (read < 0)
                return uploadError(u"%1: %2"_s.arg(name, errorOf(reader)));
            if (read == 0)
                break;
            m_unpacked += read;
            if (m_unpacked > m_limits.maxUnpackedBytes) {
                return uploadError(
                    u"more than %1 bytes once unpacked"_s.arg(m_limits.maxUnpackedBytes));
            }
            if (file.write(buffer.data(), read) != read)
                return uploadError(u"%1: %2"_s.arg(name, file.errorString()));
        }
        const bool executable = (archive_entry_perm(entry) & 0100) != 0;
        file.setPermissions(
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
            | QFileDevice::ReadOther
            | (executable ? QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther
                          : QFileDevice::Permissions()));
        return {};
    }

    QDir m_root;
    ChuteTarLimits m_limits;
    int m_entries = 0;
    qint64 m_unpacked = 0;
};

} // namespace

Result<void> unpackChuteTar(const QByteArray &tar, const QString &into,
                            const ChuteTarLimits &limits)
{
    TarUnpacker unpacker(into, limits);
    return unpacker.unpack(tar);
}

} // namespace ChuteDeck::Core
