#pragma once

#include "core/plan/executionsession.h"
#include "core/plan/runreport.h"
#include "core/plan/stepmatcher.h"
#include "core/router/sandboxrouter.h"
#include "core/update/update.h"

#include <QList>
#include <QTemporaryDir>

#include <memory>

namespace ChuteDeck::Tests {

// A freshly seeded sandbox router in a temporary folder, and changes run on it to their end with
// the built-in steps.
class SandboxFixture
{
public:
    // How a run records what it changes.
    enum class Recording {
        Transaction, // as ChuteDeck applies changes: the router transaction restores every byte
        StepsOnly,   // the undo steps alone: tests that check each revert restores its step's work
    };

    SandboxFixture();
    virtual ~SandboxFixture();
    Q_DISABLE_COPY_MOVE(SandboxFixture)

    // Generates the plan of `updates` and runs it to its end; `failures` are injected first.
    Core::RunReport run(const QList<Core::Update> &updates,
                        const QList<Core::StepMatcher> &failures = {},
                        Recording recording = Recording::Transaction);

    QString root() const { return m_folder.path(); }
    QList<Core::ChuteSpec> installed() const;

    std::unique_ptr<Core::SandboxRouter> router;

private:
    QTemporaryDir m_folder;
};

// Resumes a session and collects its events until it finishes (or 20 s pass).
Core::RunReport runToEnd(Core::ExecutionSession &session);

} // namespace ChuteDeck::Tests
