#pragma once

#include "core/plan/executionsession.h"

#include <QByteArray>
#include <QObject>
#include <QSocketNotifier>
#include <QStringList>

namespace ChuteDeck::Cli {

// Drives a run from standard input like a debugger: one command a line, s (step), c (continue),
// a (abort), each taken when the run is stopped, so piped input behaves as typed input does. At
// the end of input the change is aborted, or a rollback runs to its end.
class StepPrompt final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepPrompt)

public:
    explicit StepPrompt(Core::ExecutionSession &session, QObject *parent = nullptr);
    ~StepPrompt() override = default;

    // The run is stopped (ready or paused) at `where`: take the next command, or ask for one.
    void stopped(const QString &where);

private:
    void readInput();
    void takeCommand();
    void endOfInput();
    bool dispatch(const QString &command);

    Core::ExecutionSession &m_session;
    QSocketNotifier m_notifier;
    QByteArray m_buffer;
    QStringList m_commands;
    bool m_waiting = false;
    bool m_endOfInput = false;
};

} // namespace ChuteDeck::Cli
