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
    case AgentChange::Status::Succeeded:
        return u"succeeded"_s;
    case AgentChange::Status::Failed:
        return u"failed"_s;
    }
    return {};
}

QJsonObject messageFrame(const QString &message)
{
    return QJsonObject{{u"time"_s, now()}, {u"message"_s, message}};
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
    return QJsonObject{{u"id"_s, m_id},
                       {u"name"_s, m_order.name},
                       {u"updateClass"_s, className(m_order.request.type)},
                       {u"updateType"_s, typeName()},
                       {u"status"_s, statusName(m_status)},
                       {u"result"_s, m_result},
                       {u"message"_s, m_message},
                       {u"created"_s, m_created}};
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
    const QJsonArray frames{messageFrame(message),
                            messageFrame(u"Completed %1 operation on chute %2: failure"_s.arg(
                                typeName(), m_order.name))};
    m_events.append(event);
    for (const auto &frame : frames)
        m_frames.append(frame);
    Q_EMIT progressed(QJsonArray{event}, frames);
    Q_EMIT finished();
}

} // namespace ChuteDeck::Core
