#pragma once

#include "core/chute/chutespec.h"
#include "core/plan/executionevent.h"
#include "core/plan/runreport.h"
#include "core/remote/agent/changejournal.h"
#include "core/remote/agent/runcontrols.h"
#include "core/update/changerequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace ChuteDeck::Core {

// A change as the routes asked for it, its input checked: what buildUpdates() needs (files in the
// order's own staging folder) and what a ParaDrop request may add on top.
struct ChangeOrder
{
    ChangeRequest request;
    QString name; // the chute, or "__PARADROP__"
    std::shared_ptr<QTemporaryDir> staging;
    std::optional<TextPairs> environment; // start/restart: replaces the chute's environment
    std::optional<ChuteSpec> replacement; // PUT .../config: restart with this configuration
};

// One change of the agent, from queued to its end, kept after completion so that clients can
// read it and replay its stream. Its events are kept twice, as they are streamed: DESIGN.md's
// events (toJson) and ParaDrop's frames ({"time", "message"} plus the step fields).
class AgentChange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentChange)

public:
    // AwaitingConfirmation: the run succeeded and its router transaction waits for the client's
    // confirmation until a deadline (confirm_timeout); it then becomes Succeeded or Failed.
    enum class Status : quint8 { Queued, Running, AwaitingConfirmation, Succeeded, Failed };

    AgentChange(int id, ChangeOrder order, QObject *parent = nullptr);
    ~AgentChange() override;

    int id() const { return m_id; }
    const ChangeOrder &order() const { return m_order; }
    Status status() const { return m_status; }
    // The run has ended (its stream is complete), even when its transaction awaits confirmation.
    bool isFinished() const
    {
        return m_status == Status::Succeeded || m_status == Status::Failed
               || m_status == Status::AwaitingConfirmation;
    }
    const QDateTime &deadline() const { return m_deadline; }
    QString typeName() const;

    // {id, name, updateClass, updateType, status, result, message, created, [deadline]}
    QJsonObject summary() const;
    // The summary plus ParaDrop's messages and the steps taken.
    QJsonObject details() const;

    const QJsonArray &events() const { return m_events; }
    const QJsonArray &frames() const { return m_frames; }

    // How the client wants it run; for a change not yet running, a command changes how it starts.
    RunControls &controls() { return m_controls; }
    const RunControls &controls() const { return m_controls; }

    // The websockets following the change: a paused change that nobody follows any more is
    // aborted after a while (ChangeQueue).
    int followers() const { return m_followers; }
    void addFollower();
    void removeFollower();

    void begin();
    void addEvents(const EventBatch &batch);
    // Ends the change after its executor's final state event; `successMessage` is ParaDrop's
    // text for a success ("Chute web create success"), a failure keeps the failing step's error.
    void complete(const QString &successMessage);
    // Ends a change that never ran: its updates could not be built or validate_change refused.
    void reject(const QString &message);
    // After complete(): the run succeeded, and its transaction awaits confirmation until
    // `deadline`.
    void awaitConfirmation(const QDateTime &deadline);
    // The end of the wait: confirmed (kept), or reverted for `why`.
    void settleConfirmation(bool confirmed, const QString &why);

    // ParaDrop's frame of an event, or nullopt for events ParaDrop did not send: one per step
    // taken ("Calling <function>") and the final "Completed ..." line.
    static std::optional<QJsonObject> paradropFrame(const ExecutionEvent &event);

    // The router transaction the change runs in, once started.
    const QString &transactionId() const { return m_transactionId; }
    void setTransactionId(const QString &id) { m_transactionId = id; }
    // The last state its events reported (Ready before any).
    ExecutorState lastState() const { return m_report.state(); }

    // Crash safety (ChangeJournal): the journal's first line, {"journal": "queued", "id", "name",
    // "updateType", "created"}, and its last, {"journal": "ended", "status", "result",
    // "message"}.
    QJsonObject journalHeader() const;
    QJsonObject journalEnd() const;
    // A change as its journal left it, after a restart; errors name the journal line.
    static Result<AgentChange *> fromJournal(const ChangeJournal::Entry &entry, QObject *parent);
    // Ends a change that a restart interrupted, once its router transaction has been replayed:
    // with `state`, a final state event (detail: `why`) and ParaDrop's failure line; without,
    // the result is "interrupted".
    void endAfterRestart(const QString &why, std::optional<ExecutorState> state);

Q_SIGNALS:
    // New events and the ParaDrop frames among them, in order.
    void progressed(const QJsonArray &events, const QJsonArray &frames);
    void finished();
    void followersChanged();
    // Its status changed after the run (awaiting confirmation, confirmed, reverted).
    void statusChanged();

private:
    Result<void> restore(const QJsonObject &line);
    Result<void> restoreEvents(const QJsonArray &events);
    QJsonArray rejectionFrames(const QString &message, double time) const;

    int m_id;
    ChangeOrder m_order;
    Status m_status = Status::Queued;
    double m_created;
    QString m_message;
    RunReport m_report;
    QString m_result;
    QJsonArray m_events;
    QJsonArray m_frames;
    RunControls m_controls;
    int m_followers = 0;
    QString m_transactionId;
    QDateTime m_deadline;
};

} // namespace ChuteDeck::Core
