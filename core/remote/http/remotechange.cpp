#include "core/remote/http/remotechange.h"

#include "core/chute/hostconfig.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Error invalid(const QString &message)
{
    return Error{ErrorCode::InvalidRequest, message};
}

la_ssize_t appendToBuffer(struct archive * /*tar*/, void *buffer, const void *data, size_t size)
{
    static_cast<QByteArray *>(buffer)->append(static_cast<const char *>(data), qsizetype(size));
    return la_ssize_t(size);
}

Result<void> addFile(struct archive *tar, const QString &file, const QString &name)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(file, input.errorString())};
    const QByteArray content = input.readAll();
    const std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                              archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.toUtf8().constData());
    archive_entry_set_size(entry.get(), content.size());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), QFileInfo(file).isExecutable() ? 0755 : 0644);
    if (archive_write_header(tar, entry.get()) != ARCHIVE_OK
        || archive_write_data(tar, content.constData(), size_t(content.size())) < 0) {
        return Error{ErrorCode::RouterIo, u"%1: cannot add it to the upload: %2"_s.arg(
                                              file, QString::fromUtf8(archive_error_string(tar)))};
    }
    return {};
}

// The files of a chute source, with their names in the tar.
QList<std::pair<QString, QString>> chuteFiles(const QString &source)
{
    const QFileInfo info(source);
    if (!info.isDir())
        return {{source, u"paradrop.yaml"_s}};
    QList<std::pair<QString, QString>> files;
    const QDir folder(info.absoluteFilePath());
    QDirIterator it(folder.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        files.append({file, folder.relativeFilePath(file)});
    }
    std::sort(files.begin(), files.end());
    return files;
}

QJsonObject rawUpdate(const QString &updateClass, UpdateType type)
{
    return QJsonObject{{u"updateClass"_s, updateClass}, {u"updateType"_s, updateTypeName(type)}};
}

Result<QByteArray> fileOrText(const QString &file, const QByteArray &text)
{
    if (file.isEmpty())
        return text;
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return Error{ErrorCode::InvalidRequest, u"%1: %2"_s.arg(file, input.errorString())};
    return input.readAll();
}

Result<QJsonObject> routerUpdate(const ChangeRequest &change)
{
    QJsonObject update = rawUpdate(u"ROUTER"_s, change.type);
    if (change.type == UpdateType::SetHostConfig) {
        const Result<HostConfig> config
            = change.hostConfigFile.isEmpty()
                  ? HostConfig::parse(change.hostConfigText, change.textName)
                  : HostConfig::load(change.hostConfigFile);
        if (!config)
            return config.error();
        update.insert(u"config"_s, config.value().tree());
    } else if (change.type == UpdateType::PatchHostConfig) {
        const Result<QByteArray> text = fileOrText(change.patchFile, change.patchText);
        if (!text)
            return text.error();
        const QString name = change.patchFile.isEmpty() ? change.textName : change.patchFile;
        QJsonParseError error{};
        const QJsonDocument patch = QJsonDocument::fromJson(text.value(), &error);
        if (error.error != QJsonParseError::NoError || !patch.isArray())
            return Error{ErrorCode::InvalidPatch,
                         u"%1: not a JSON array (RFC 6902 JSON Patch)"_s.arg(name)};
        update.insert(u"patch"_s, patch.array());
    }
    return update;
}

void addRunOptions(AgentRequest &request, const RemoteRunOptions &run)
{
    if (run.stepMode)
        request.query.append({u"mode"_s, u"step"_s});
    if (!run.breakpoints.isEmpty())
        request.query.append({u"breakpoints"_s, run.breakpoints.join(u',')});
    if (!run.failures.isEmpty())
        request.query.append({u"fail_at"_s, run.failures.join(u',')});
    if (run.confirmTimeoutSeconds > 0)
        request.query.append({u"confirm_timeout"_s, QString::number(run.confirmTimeoutSeconds)});
}

} // namespace

Result<QByteArray> chuteTar(const QString &source)
{
    if (!QFileInfo::exists(source))
        return invalid(u"%1: no such chute folder or paradrop.yaml"_s.arg(source));
    QByteArray buffer;
    const std::unique_ptr<struct archive, decltype(&archive_write_free)> tar(archive_write_new(),
                                                                             archive_write_free);
    archive_write_set_format_pax_restricted(tar.get());
    archive_write_set_bytes_in_last_block(tar.get(), 1);
    if (archive_write_open(tar.get(), &buffer, nullptr, appendToBuffer, nullptr) != ARCHIVE_OK)
        return Error{ErrorCode::RouterIo, QString::fromUtf8(archive_error_string(tar.get()))};
    for (const auto &[file, name] : chuteFiles(source)) {
        if (const Result<void> added = addFile(tar.get(), file, name); !added)
            return added.error();
    }
    archive_write_close(tar.get());
    return buffer;
}

Result<AgentRequest> remoteChangeRequest(const ChangeRequest &change, const RemoteRunOptions &run,
                                         bool preview)
{
    if (change.chuteSources.size() > 1 || change.chuteNames.size() > 1)
        return invalid(u"aggregated plans of several chutes run only on local and SSH routers"_s);
    AgentRequest request{"POST", preview ? u"/api/v1/changes/preview"_s : u"/api/v1/changes/"_s};
    addRunOptions(request, run);
    if (change.type == UpdateType::Create || change.type == UpdateType::Update) {
        if (change.chuteSources.isEmpty())
            return invalid(
                u"%1 needs a chute folder or paradrop.yaml"_s.arg(updateTypeName(change.type)));
        Result<QByteArray> tar = chuteTar(change.chuteSources.first());
        if (!tar)
            return tar.error();
        request.query.prepend({u"updateType"_s, updateTypeName(change.type)});
        request.body = std::move(tar).value();
        request.contentType = "application/x-tar";
        request.reportsUpload = true;
        return request;
    }
    Result<QJsonObject> update = QJsonObject();
    if (updateClassOf(change.type) == UpdateClass::Chute) {
        if (change.chuteNames.isEmpty())
            return invalid(
                u"%1 needs the name of an installed chute"_s.arg(updateTypeName(change.type)));
        update = rawUpdate(u"CHUTE"_s, change.type);
        update.value().insert(u"name"_s, change.chuteNames.first());
    } else {
        update = routerUpdate(change);
    }
    if (!update)
        return update.error();
    request.body = QJsonDocument(update.value()).toJson(QJsonDocument::Compact);
    return request;
}

bool isHeldForConfirmation(const QJsonValue &summary)
{
    return summary[u"status"_s] == u"awaiting-confirmation"_s;
}

QDateTime heldUntil(const QJsonValue &summary)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(summary[u"deadline"_s].toDouble() * 1000),
                                          Qt::UTC);
}

} // namespace ChuteDeck::Core
