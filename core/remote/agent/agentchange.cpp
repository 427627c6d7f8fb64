#include "core/remote/agent/agentchange.h"

#include "core/update/update.h"

#include <QDateTime>
#include <QJsonObject>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

double now()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

double epochSeconds(const QDateTime &time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

QString className(UpdateType type)
{
    switch (updateClassOf(type)) {
    case UpdateClass::Chute:
        return u"CHUTE"_s;
    case UpdateClass::Router:
        return u"ROUTER"_s;
    case UpdateClass::Snap:
        return u"SNAP"_s;
    }
    return {};
}

QString statusName(AgentChange::Status status)
{
    switch (status) {
    case AgentChange::Status::Queued:
        return u"queued"_s;
    case AgentChange::Status::Running:
        return u"running"_s;
    case AgentChange::Status::AwaitingConfirmation:
        return u"awaiting-confirmation"_s;
    case AgentChange::Status::Succeeded:
        return u"succeeded"_s;
    case AgentChange::Status::Failed:
        return u"failed"_s;
    }
    return {};
}

std::optional<AgentChange::Status> statusFromName(const QString &name)
{
    for (const auto status : {AgentChange::Status::Queued, AgentChange::Status::Running,
                              AgentChange::Status::AwaitingConfirmation,
                              AgentChange::Status::Succeeded, AgentChange::Status::Failed}) {
        if (statusName(status) == name)
            return status;
    }
    return std::nullopt;
}

QJsonObject messageFrame(const QString &message, double time)
{
    return QJsonObject{{u"time"_s, time}, {u"message"_s, message}};
}

Error badJournal(const ChangeJournal::Entry &entry, qsizetype line, const QString &why)
{
    return Error{ErrorCode::RouterIo, u"%1:%2: %3"_s.arg(entry.file).arg(line).arg(why)};
}

} // namespace

AgentChange::AgentChange(int id, ChangeOrder order, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_order(std::move(order))
    , m_created(now())
{}

AgentChange::~AgentChange() = default;

QString AgentChange::typeName() const
{
    return updateTypeName(m_order.request.type);
}

QJsonObject AgentChange::summary() const
{
    QJsonObject json{{u"id"_s, m_id},
                     {u"name"_s, m_order.name},
                     {u"updateClass"_s, className(m_order.request.type)},
                     {u"updateType"_s, typeName()},
                     {u"status"_s, statusName(m_status)},
                     {u"result"_s, m_result},
                     {u"message"_s, m_message},
                     {u"created"_s, m_created}};
    if (m_status == Status::AwaitingConfirmation)
        json.insert(u"deadline"_s, epochSeconds(m_deadline));
    return json;
}

QJsonObject AgentChange::details() const
{
    QJsonObject json = summary();
    QJsonArray messages;
    for (const auto &frame : m_frames)
        messages.append(frame[u"message"_s]);
    json.insert(u"messages"_s, messages);
    json.insert(u"steps"_s, m_report.takenStepsJson());
    return json;
}

void AgentChange::addFollower()
{
    ++m_followers;
    Q_EMIT followersChanged();
}

void AgentChange::removeFollower()
{
    --m_followers;
    Q_EMIT followersChanged();
}

void AgentChange::begin()
{
    m_status = Status::Running;
}

std::optional<QJsonObject> AgentChange::paradropFrame(const ExecutionEvent &event)
{
    const bool stepTaken
        = event.kind == ExecutionEvent::Kind::Step && event.status == StepStatus::Running;
    const bool finalLine = event.kind == ExecutionEvent::Kind::State && isFinal(event.state)
                           && !event.message.isEmpty();
    if (!stepTaken && !finalLine)
        return std::nullopt;
    return toJson(event);
}

void AgentChange::addEvents(const EventBatch &batch)
{
    m_report.add(batch);
    QJsonArray events;
    QJsonArray frames;
    for (const ExecutionEvent &event : batch) {
        events.append(toJson(event));
        if (std::optional<QJsonObject> frame = paradropFrame(event))
            frames.append(*frame);
    }
    for (const auto &event : std::as_const(events))
        m_events.append(event);
    for (const auto &frame : std::as_const(frames))
        m_frames.append(frame);
    Q_EMIT progressed(events, frames);
}

void AgentChange::complete(const QString &successMessage)
{
    const bool succeeded = m_report.state() == ExecutorState::Succeeded;
    m_status = succeeded ? Status::Succeeded : Status::Failed;
    m_result = m_report.resultName();
    if (succeeded)
        m_message = successMessage;
    else if (m_report.cause() == RollbackCause::Abort)
        m_message = u"Aborted: every completed step was undone."_s;
    else
        m_message = m_report.failureMessage();
    Q_EMIT finished();
}

void AgentChange::reject(const QString &message)
{
    m_status = Status::Failed;
    m_result = u"rejected"_s;
    m_message = message;
    const QJsonObject event{{u"kind"_s, u"rejected"_s},
                            {u"seq"_s, m_events.size() + 1},
                            {u"time"_s, now()},
                            {u"message"_s, message}};
    const QJsonArray frames = rejectionFrames(message, event[u"time"_s].toDouble());
    m_events.append(event);
    for (const auto &frame : frames)
        m_frames.append(frame);
    Q_EMIT progressed(QJsonArray{event}, frames);
    Q_EMIT finished();
}

QJsonArray AgentChange::rejectionFrames(const QString &message, double time) const
{
    return QJsonArray{
        messageFrame(message, time),
        messageFrame(u"Completed %1 operation on chute %2: failure"_s.arg(typeName(), m_order.name),
                     time)};
}

QJsonObject AgentChange::journalHeader() const
{
    return QJsonObject{{u"journal"_s, u"queued"_s},
                       {u"id"_s, m_id},
                       {u"name"_s, m_order.name},
                       {u"updateType"_s, typeName()},
                       {u"created"_s, m_created}};
}

QJsonObject AgentChange::journalEnd() const
{
    QJsonObject line{{u"journal"_s, u"ended"_s},
                     {u"status"_s, statusName(m_status)},
                     {u"result"_s, m_result},
                     {u"message"_s, m_message}};
    if (m_status == Status::AwaitingConfirmation)
        line.insert(u"deadline"_s, epochSeconds(m_deadline));
    return line;
}

void AgentChange::awaitConfirmation(const QDateTime &deadline)
{
    m_status = Status::AwaitingConfirmation;
    m_deadline = deadline;
    Q_EMIT statusChanged();
}

void AgentChange::settleConfirmation(bool confirmed, const QString &why)
{
    m_status = confirmed ? Status::Succeeded : Status::Failed;
    if (!confirmed) {
        m_result = u"reverted"_s;
        m_message = why;
    }
    m_deadline = {};
    Q_EMIT statusChanged();
}

Result<AgentChange *> AgentChange::fromJournal(const ChangeJournal::Entry &entry, QObject *parent)
{
    const QJsonObject header = entry.lines.value(0);
    const std::optional<UpdateType> type = updateTypeFromName(header[u"updateType"_s].toString());
    if (header[u"journal"_s] != u"queued"_s || !type)
        return badJournal(entry, 1, u"not the change's header"_s);
    ChangeOrder order;
    order.request.type = *type;
    order.name = header[u"name"_s].toString();
    std::unique_ptr<AgentChange> change(new AgentChange(entry.id, std::move(order)));
    change->m_created = header[u"created"_s].toDouble();
    for (qsizetype i = 1; i < entry.lines.size(); ++i) {
        if (const Result<void> restored = change->restore(entry.lines.at(i)); !restored)
            return badJournal(entry, i + 1, restored.error().message);
    }
    change->setParent(parent);
    return change.release();
}

Result<void> AgentChange::restore(const QJsonObject &line)
{
    const QString kind = line[u"journal"_s].toString();
    if (kind == u"started") {
        m_status = Status::Running;
        m_transactionId = line[u"transaction"_s].toString();
    } else if (kind == u"events") {
        return restoreEvents(line[u"events"_s].toArray());
    } else if (kind == u"ended") {
        const std::optional<Status> status = statusFromName(line[u"status"_s].toString());
        if (!status)
            return Result<void>::failure(ErrorCode::RouterIo, u"status: unknown value"_s);
        m_status = *status;
        m_result = line[u"result"_s].toString();
        m_message = line[u"message"_s].toString();
        m_deadline
            = QDateTime::fromMSecsSinceEpoch(qint64(line[u"deadline"_s].toDouble() * 1000.0));
    }
    return {}; // lines of kinds this version does not know are left out
}

Result<void> AgentChange::restoreEvents(const QJsonArray &events)
{
    for (const auto &value : events) {
        const QJsonObject json = value.toObject();
        m_events.append(json);
        if (json[u"kind"_s] == u"rejected"_s) {
            for (const auto &frame :
                 rejectionFrames(json[u"message"_s].toString(), json[u"time"_s].toDouble()))
                m_frames.append(frame);
            continue;
        }
        const Result<ExecutionEvent> event = executionEventFromJson(json);
        if (!event)
            return event.error();
        m_report.add(event.value());
        if (std::optional<QJsonObject> frame = paradropFrame(event.value()))
            m_frames.append(*frame);
    }
    return {};
}

void AgentChange::endAfterRestart(const QString &why, std::optional<ExecutorState> state)
{
    if (state) {
        ExecutionEvent event;
        event.kind = ExecutionEvent::Kind::State;
        event.seq = m_events.isEmpty() ? 1 : m_events.last()[u"seq"_s].toInteger() + 1;
        event.time = now();
        event.state = *state;
        event.cause = RollbackCause::Failure;
        event.detail = why;
        event.message
            = u"Completed %1 operation on chute %2: failure"_s.arg(typeName(), m_order.name);
        addEvents(EventBatch{event});
    }
    m_status = Status::Failed;
    m_result = state ? m_report.resultName() : u"interrupted"_s;
    m_message = why;
    Q_EMIT finished();
}

} // namespace ChuteDeck::Core
