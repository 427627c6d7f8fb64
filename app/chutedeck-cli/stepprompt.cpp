#include "app/chutedeck-cli/stepprompt.h"

#include "app/chutedeck-cli/console.h"

#include <array>
#include <unistd.h>

namespace ChuteDeck::Cli {

using namespace Qt::StringLiterals;

StepPrompt::StepPrompt(Core::ExecutionSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_notifier(STDIN_FILENO, QSocketNotifier::Read)
{
    connect(&m_notifier, &QSocketNotifier::activated, this, &StepPrompt::readInput);
}

void StepPrompt::stopped(const QString &where)
{
    // Where the run stands goes out even when the next command is already read, so a piped
    // session leaves a readable transcript.
    err() << where << Qt::endl;
    m_waiting = true;
    takeCommand();
}

void StepPrompt::readInput()
{
    std::array<char, 4096> chunk{};
    const ssize_t count = ::read(STDIN_FILENO, chunk.data(), chunk.size());
    if (count <= 0) {
        m_notifier.setEnabled(false);
        m_endOfInput = true;
    } else {
        m_buffer.append(chunk.data(), count);
        qsizetype newline = 0;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            m_commands.append(QString::fromUtf8(m_buffer.left(newline)).trimmed());
            m_buffer.remove(0, newline + 1);
        }
    }
    if (m_waiting)
        takeCommand();
}

void StepPrompt::takeCommand()
{
    while (!m_commands.isEmpty()) {
        const QString command = m_commands.takeFirst();
        if (command.isEmpty())
            continue;
        if (dispatch(command)) {
            m_waiting = false;
            return;
        }
    }
    if (m_endOfInput) {
        endOfInput();
        return;
    }
    err() << "[s]tep, [c]ontinue, [a]bort? " << Qt::flush;
}

void StepPrompt::endOfInput()
{
    m_waiting = false;
    // A rollback cannot be aborted: then the end of input lets it finish.
    if (!m_session.abort())
        (void)m_session.resume();
}

bool StepPrompt::dispatch(const QString &command)
{
    Core::Result<void> accepted = Core::Result<void>::success();
    if (command == u"s" || command == u"step")
        accepted = m_session.step();
    else if (command == u"c" || command == u"continue")
        accepted = m_session.resume();
    else if (command == u"a" || command == u"abort")
        accepted = m_session.abort();
    else
        accepted = Core::Result<void>::failure(Core::ErrorCode::InvalidRequest,
                                               u"unknown command '%1'"_s.arg(command));
    if (!accepted)
        err() << accepted.error().message << Qt::endl;
    return accepted.ok();
}

} // namespace ChuteDeck::Cli
