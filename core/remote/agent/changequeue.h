#pragma once

#include "core/remote/agent/agentchange.h"

#include <QList>
#include <QObject>

#include <memory>

namespace ChuteDeck::Core {

class ChangeRun;
class Router;

// The agent's changes, one at a time, in the order they came (as ParaDrop's update manager):
// each is turned into updates and a plan when its turn comes, so it sees what the change before
// it left, and runs as a ChangeRun (router transaction, executor). A change whose updates cannot
// be built, or that validate_change refuses, fails without touching the router.
class ChangeQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeQueue)

public:
    explicit ChangeQueue(Router &router, QObject *parent = nullptr);
    ~ChangeQueue() override;

    AgentChange *submit(ChangeOrder order);
    AgentChange *find(int id) const;
    const QList<AgentChange *> &changes() const { return m_changes; }
    bool isIdle() const { return !m_current && m_waiting.isEmpty(); }

    // For a clean stop: drops the waiting changes and aborts the running one, which rolls back.
    // idle() follows when it has.
    void stop();

Q_SIGNALS:
    void idle();

private:
    void startNext();
    void start(AgentChange *change);
    Result<void> launch(AgentChange *change);
    void onFinished();

    Router &m_router;
    QList<AgentChange *> m_changes; // every change, in id order (id = index + 1)
    QList<AgentChange *> m_waiting;
    AgentChange *m_current = nullptr;
    std::unique_ptr<ChangeRun> m_run;
    bool m_stopping = false;
};

} // namespace ChuteDeck::Core
