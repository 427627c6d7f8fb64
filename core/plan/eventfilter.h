#pragma once

#include "core/plan/executionevent.h"

#include <QList>
#include <QString>

namespace ChuteDeck::Core {

// Which events of a run the event log shows. Each field left empty accepts everything; the fields
// combine with "and". Phase, status and chute narrow the *steps*: state events (the run's
// transitions) have none of them and stay as landmarks, so only the text filters them.
struct EventFilter
{
    QList<Phase> phases;        // step events of one of these phases
    QList<StepStatus> statuses; // step events with one of these statuses
    QString chute;              // step events whose step serves this chute (exact name)
    QString text;               // case-insensitive, in the step call, message, output or state

    bool isEmpty() const;
    bool accepts(const ExecutionEvent &event) const;

    friend bool operator==(const EventFilter &, const EventFilter &) = default;
};

} // namespace ChuteDeck::Core
