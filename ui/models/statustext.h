#pragma once

#include "core/plan/executionevent.h"
#include "core/plan/priority.h"

#include <QString>

namespace ChuteDeck::Ui {

// The executor's states and the steps' statuses as the GUI shows them, in the user's language
// ("rolling back"); core's names ("rolling-back") are wire names for JSON and the CLI.
QString executorStateText(Core::ExecutorState state);
QString stepStatusText(Core::StepStatus status);
// "Container" for PriorityBand::Container: the timeline's band labels.
QString bandText(Core::PriorityBand band);
// The step catalog's description of the call, translated ("Start the container of service web");
// an empty string for a function the catalog does not know.
QString stepDescriptionText(const Core::StepCall &call);
// "Uploading hello-web: 40 of 120 KiB" for a chute folder (or its paradrop.yaml) on its way to an
// agent; the sent part rounds down and the total up, so only a finished upload shows them equal.
QString uploadProgressText(const QString &chuteSource, qint64 sent, qint64 total);

} // namespace ChuteDeck::Ui
