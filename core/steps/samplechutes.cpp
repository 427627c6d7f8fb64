#include "core/steps/samplechutes.h"

#include "core/router/routerstate.h"
#include "core/steps/changerun.h"
#include "core/update/changerequest.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

namespace {

// The folder's `first-start` list (one name a line, # comments), else every sub-folder.
QStringList samplesToInstall(const QDir &folder)
{
    QFile list(folder.filePath(u"first-start"_s));
    if (!list.open(QIODevice::ReadOnly))
        return folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QStringList names;
    for (const QByteArray &line : list.readAll().split('\n')) {
        const QString name = QString::fromUtf8(line).trimmed();
        if (!name.isEmpty() && !name.startsWith(u'#'))
            names.append(name);
    }
    return names;
}

} // namespace

Result<QStringList> installSampleChutes(Router &router, const QString &samplesFolder)
{
    const QDir folder(samplesFolder);
    if (!folder.exists())
        return Error{ErrorCode::NotFound,
                     u"%1: no such folder of sample chutes"_s.arg(samplesFolder)};
    QStringList installed;
    for (const QString &sample : samplesToInstall(folder)) {
        ChangeRequest request;
        request.type = UpdateType::Create;
        request.chuteSources = {folder.filePath(sample)};
        const Result<QList<Update>> updates = buildUpdates(request, router);
        if (!updates)
            continue; // not a chute folder
        const Result<RunReport> report = applyAndWait(router, updates.value());
        if (report && report.value().state() == ExecutorState::Succeeded)
            installed.append(updates.value().first().name);
    }
    return installed;
}

QString sampleChutesFolder()
{
    const QString installed = QStandardPaths::locate(QStandardPaths::AppDataLocation, u"chutes"_s,
                                                     QStandardPaths::LocateDirectory);
    if (!installed.isEmpty())
        return installed;
    return QStringLiteral(CHUTEDECK_SOURCE_SAMPLES);
}

} // namespace ChuteDeck::Core
