#include "core/remote/http/httpsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QThread>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSession, "chutedeck.http.session", QtInfoMsg)

// A stream that keeps failing to reopen means the agent is gone.
constexpr int kMaxReconnects = 50;
constexpr auto kReconnectDelay = std::chrono::milliseconds(100);

Result<void> rejectedCommand(const QString &why)
{
    return Result<void>::failure(ErrorCode::CommandRejected, why);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

HttpSession::HttpSession(const QUrl &router, AgentCredentials credentials, ChangeRequest change,
                         RemoteRunOptions run, QObject *parent)
    : ExecutionSession(parent)
    , m_client(new AgentClient(router, std::move(credentials), this))
    , m_change(std::move(change))
    , m_run(std::move(run))
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    for (const QString &spec : m_run.breakpoints) {
        if (const Result<StepMatcher> matcher = StepMatcher::parse(spec); matcher)
            m_breakpoints.insert(matcher.value());
    }
    for (const QString &spec : m_run.failures) {
        if (const Result<StepMatcher> matcher = StepMatcher::parse(spec); matcher)
            m_failures.insert(matcher.value());
    }
    m_reconnect.setSingleShot(true);
    m_reconnect.setInterval(kReconnectDelay);
    connect(&m_reconnect, &QTimer::timeout, this, &HttpSession::openStream);
    m_client->pinCertificate(m_socket);
    connect(m_client, &AgentClient::uploadProgress, this, &HttpSession::uploadProgress);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &HttpSession::onMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &HttpSession::onDisconnected);
    // A stream that could not be reopened reports an error without a disconnection.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
}

HttpSession::~HttpSession()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void HttpSession::start()
{
    RemoteRunOptions run = m_run;
    run.breakpoints = m_breakpoints.toStringList();
    run.failures = m_failures.toStringList();
    const Result<AgentRequest> request = remoteChangeRequest(m_change, run);
    if (!request) {
        fail(request.error());
        return;
    }
    m_client->send(request.value(), [this](const Result<QJsonValue> &answer) {
        if (!answer) {
            fail(answer.error());
            return;
        }
        m_changeId = answer.value()[u"change_id"_s].toInt();
        qCDebug(lcSession) << "change" << m_changeId << "submitted to" << m_client->host();
        openStream();
        Q_EMIT submitted(m_changeId);
        sendNext();
    });
}

void HttpSession::fetchSummary(AgentClient::Done done)
{
    m_client->send(AgentRequest{"GET", u"/api/v1/changes/%1"_s.arg(m_changeId)}, std::move(done));
}

// A success the agent may hold for a confirmation: finished() waits for the agent's word, so
// that confirmation() is known when it comes. Without that word nobody here could confirm it
// (the agent would revert it at its deadline): the session fails instead.
void HttpSession::finish(ExecutorState state)
{
    if (state != ExecutorState::Succeeded || m_run.confirmTimeoutSeconds <= 0) {
        Q_EMIT finished(state);
        return;
    }
    fetchSummary([this, state](const Result<QJsonValue> &summary) {
        if (!summary) {
            fail(summary.error());
            return;
        }
        setConfirmation(summary.value());
        Q_EMIT finished(state);
    });
}

void HttpSession::setConfirmation(const QJsonValue &summary)
{
    Confirmation confirmation;
    if (isHeldForConfirmation(summary))
        confirmation = {TransactionOutcome::Pending, heldUntil(summary)};
    else if (m_confirmation.outcome == TransactionOutcome::Pending)
        confirmation.outcome = summary[u"status"_s] == u"succeeded"_s
                                   ? TransactionOutcome::Confirmed
                                   : TransactionOutcome::Reverted;
    const QMutexLocker locker(&m_confirmationMutex);
    m_confirmation = confirmation;
}

Confirmation HttpSession::confirmation() const
{
    const QMutexLocker locker(&m_confirmationMutex);
    return m_confirmation;
}

Result<void> HttpSession::settle(const QString &action, const QByteArray &body)
{
    const Result<QJsonValue> summary = m_client->sendAndWait(
        AgentRequest{"POST", u"/api/v1/changes/%1/%2"_s.arg(m_changeId).arg(action), {}, body});
    if (!summary)
        return summary.error();
    setConfirmation(summary.value());
    return {};
}

Result<void> HttpSession::confirm()
{
    return settle(u"confirm"_s);
}

Result<void> HttpSession::revert()
{
    return settle(u"revert"_s);
}

Result<void> HttpSession::extend(const QDateTime &deadline)
{
    const qint64 seconds = std::max<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(deadline));
    return settle(u"extend"_s, compact(QJsonObject{{u"seconds"_s, seconds}}));
}

void HttpSession::fail(const Error &error)
{
    m_error = error;
    m_ended = true;
    Q_EMIT failed();
}

Result<void> HttpSession::command(const QString &name)
{
    if (m_ended || isFinal(m_state))
        return rejectedCommand(u"The change has ended (%1)."_s.arg(executorStateName(m_state)));
    if (name == u"pause" && m_state == ExecutorState::Ready)
        return rejectedCommand(u"The change has not started."_s);
    if (name == u"abort" && m_rollingBack)
        return rejectedCommand(u"A rollback cannot be aborted."_s);
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the functor
    QMetaObject::invokeMethod(this, [this, name] {
        enqueue(AgentRequest{"POST",
                             u"/api/v1/changes/%1/control"_s,
                             {},
                             compact(QJsonObject{{u"command"_s, name}})});
    });
    return Result<void>::success();
}

Result<void> HttpSession::step()
{
    return command(u"step"_s);
}

Result<void> HttpSession::resume()
{
    return command(u"continue"_s);
}

Result<void> HttpSession::pause()
{
    return command(u"pause"_s);
}

Result<void> HttpSession::abort()
{
    return command(u"abort"_s);
}

void HttpSession::setBreakpoint(const StepMatcher &matcher, bool enabled)
{
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the functor
    QMetaObject::invokeMethod(this, [this, matcher, enabled] {
        {
            const QMutexLocker locker(&m_matchersMutex);
            enabled ? m_breakpoints.insert(matcher) : m_breakpoints.remove(matcher);
        }
        putMatchers(u"breakpoints"_s, u"breakpoints"_s, m_breakpoints);
    });
}

QStringList HttpSession::breakpoints() const
{
    const QMutexLocker locker(&m_matchersMutex);
    return m_breakpoints.toStringList();
}

void HttpSession::setInjectedFailure(const StepMatcher &matcher, bool enabled)
{
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the functor
    QMetaObject::invokeMethod(this, [this, matcher, enabled] {
        {
            const QMutexLocker locker(&m_matchersMutex);
            enabled ? m_failures.insert(matcher) : m_failures.remove(matcher);
        }
        putMatchers(u"failures"_s, u"fail_at"_s, m_failures);
    });
}

QStringList HttpSession::injectedFailures() const
{
    const QMutexLocker locker(&m_matchersMutex);
    return m_failures.toStringList();
}

// Before the submission the sets travel with it; after it, the whole set replaces the agent's.
void HttpSession::putMatchers(const QString &route, const QString &field, const StepMatcherSet &set)
{
    if (m_changeId == 0 || m_ended)
        return;
    enqueue(AgentRequest{
        "PUT",
        u"/api/v1/changes/%1/"_s + route,
        {},
        compact(QJsonObject{{field, QJsonArray::fromStringList(set.toStringList())}})});
}

void HttpSession::enqueue(AgentRequest request)
{
    m_outbox.append(std::move(request));
    sendNext();
}

// One request at a time, so the agent takes the commands in the order they were given.
void HttpSession::sendNext()
{
    if (m_sending || m_changeId == 0 || m_outbox.isEmpty())
        return;
    AgentRequest request = m_outbox.takeFirst();
    request.path = request.path.arg(m_changeId);
    m_sending = true;
    m_client->send(request, [this](const Result<QJsonValue> &answer) {
        m_sending = false;
        if (!answer)
            Q_EMIT commandRefused(answer.error().message);
        sendNext();
    });
}

void HttpSession::openStream()
{
    if (m_ended)
        return;
    m_socket->open(m_client->streamRequest(m_changeId, m_lastSeq + 1));
}

void HttpSession::onMessage(const QString &message)
{
    m_reconnects = 0;
    const QJsonArray events = QJsonDocument::fromJson(message.toUtf8()).array();
    EventBatch batch;
    QString rejection;
    for (const auto &value : events) {
        const QJsonObject json = value.toObject();
        if (json.value(u"seq"_s).toInteger() <= m_lastSeq)
            continue; // already seen before a reconnect
        m_lastSeq = json.value(u"seq"_s).toInteger();
        if (json.value(u"kind"_s) == u"rejected"_s) {
            rejection = json.value(u"message"_s).toString();
            continue;
        }
        Result<ExecutionEvent> event = executionEventFromJson(json);
        if (!event) {
            qCWarning(lcSession).noquote()
                << m_client->host() << "event" << m_lastSeq << ":" << event.error().message;
            continue;
        }
        if (event.value().kind == ExecutionEvent::Kind::State) {
            m_state = event.value().state;
            if (event.value().state == ExecutorState::RollingBack)
                m_rollingBack = true;
        }
        batch.append(std::move(event).value());
    }
    if (!batch.isEmpty())
        Q_EMIT eventsReady(batch);
    if (!rejection.isEmpty()) {
        m_ended = true;
        m_state = ExecutorState::RolledBack;
        Q_EMIT rejected(rejection);
        Q_EMIT finished(ExecutorState::RolledBack);
    } else if (isFinal(m_state) && !m_ended) {
        m_ended = true;
        finish(m_state);
    }
}

void HttpSession::onDisconnected()
{
    if (m_ended || m_reconnect.isActive())
        return;
    if (!m_client->certificateRefusal().message.isEmpty()) {
        fail(m_client->certificateRefusal());
        return;
    }
    if (++m_reconnects > kMaxReconnects) {
        fail(Error{ErrorCode::Unreachable, u"%1: the change's stream was lost (%2)"_s.arg(
                                               m_client->host(), m_socket->errorString())});
        return;
    }
    qCDebug(lcSession) << "stream of change" << m_changeId << "lost; reopening from"
                       << m_lastSeq + 1;
    m_reconnect.start();
}

void fetchRemotePreview(AgentClient &client, const ChangeRequest &change,
                        std::function<void(const Result<QJsonObject> &)> done)
{
    const Result<AgentRequest> request = remoteChangeRequest(change, {}, true);
    if (!request) {
        done(request.error());
        return;
    }
    client.send(request.value(), [done = std::move(done)](const Result<QJsonValue> &answer) {
        if (!answer)
            done(answer.error());
        else
            done(answer.value().toObject());
    });
}

} // namespace ChuteDeck::Core
