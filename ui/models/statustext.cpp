#include "ui/models/statustext.h"

#include "core/update/stepcatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ChuteDeck::Ui {

namespace {

constexpr const char *kContext = "ChuteDeck::Ui::StatusText";

} // namespace

QString executorStateText(Core::ExecutorState state)
{
    using Core::ExecutorState;
    const char *text = "";
    switch (state) {
    case ExecutorState::Ready:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "ready");
        break;
    case ExecutorState::Running:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "running");
        break;
    case ExecutorState::Paused:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "paused");
        break;
    case ExecutorState::Succeeded:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "succeeded");
        break;
    case ExecutorState::RollingBack:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "rolling back");
        break;
    case ExecutorState::RolledBack:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "rolled back");
        break;
    case ExecutorState::RollbackFailed:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "rollback failed");
        break;
    }
    return QCoreApplication::translate(kContext, text);
}

QString stepStatusText(Core::StepStatus status)
{
    const char *text = "";
    switch (status) {
    case Core::StepStatus::Running:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "running");
        break;
    case Core::StepStatus::Done:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "done");
        break;
    case Core::StepStatus::Failed:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "failed");
        break;
    case Core::StepStatus::Skipped:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "skipped");
        break;
    }
    return QCoreApplication::translate(kContext, text);
}

QString bandText(Core::PriorityBand band)
{
    using Core::PriorityBand;
    const char *text = "";
    switch (band) {
    case PriorityBand::Security:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Security");
        break;
    case PriorityBand::ConfigurationGeneration:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Configuration generation");
        break;
    case PriorityBand::Image:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Image");
        break;
    case PriorityBand::Validation:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Validation");
        break;
    case PriorityBand::WriteConfiguration:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Write configuration");
        break;
    case PriorityBand::OperationsOnConfigChanges:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Operations on config changes");
        break;
    case PriorityBand::Container:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Container");
        break;
    case PriorityBand::Final:
        text = QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", "Final");
        break;
    }
    return QCoreApplication::translate(kContext, text);
}

QString stepDescriptionText(const Core::StepCall &call)
{
    const char *source = Core::stepDescriptionSource(call.function);
    if (!source)
        return {};
    QString text = QCoreApplication::translate("ChuteDeck::StepCatalog", source);
    if (!text.contains(u"%1"))
        return text;
    text = text.arg(call.args.value(0));
    if (call.args.serviceOf() == Core::ServiceOf::Old)
        text += QCoreApplication::translate(
            kContext, QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText", " (installed version)"));
    return text;
}

QString uploadProgressText(const QString &chuteSource, qint64 sent, qint64 total)
{
    const QFileInfo source(chuteSource);
    const QString chute = source.isDir() ? source.fileName() : source.dir().dirName();
    constexpr qint64 kKiB = 1024;
    const qint64 totalKiB = (total + kKiB - 1) / kKiB;
    return QCoreApplication::translate(kContext, QT_TRANSLATE_NOOP("ChuteDeck::Ui::StatusText",
                                                                   "Uploading %1: %2 of %3 KiB"))
        .arg(chute)
        .arg(sent < total ? sent / kKiB : totalKiB)
        .arg(totalKiB);
}

} // namespace ChuteDeck::Ui
