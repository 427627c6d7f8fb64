#pragma once

#include "core/plan/planmap.h"
#include "core/plan/stepregistry.h"

#include <QList>
#include <QMutex>
#include <QStringList>

#include <memory>

namespace ChuteDeck::Tests {

// Every call that recording step functions received, in order, from whichever thread ran them.
class CallLog
{
public:
    void record(Core::Phase phase, const Core::StepCall &call);
    QStringList todoCalls() const; // "dockerapi.start_container(main)"
    QStringList undoCalls() const;
    qsizetype size() const;

private:
    mutable QMutex m_mutex;
    QStringList m_todo;
    QStringList m_undo;
};

// A registry in which each named function only records its call and succeeds.
std::shared_ptr<Core::StepRegistry> recordingRegistry(const QStringList &functions,
                                                      const std::shared_ptr<CallLog> &log);

// Every function a plan names, todo and undo.
QStringList functionsOf(const Core::PlanMap &plan);

} // namespace ChuteDeck::Tests
