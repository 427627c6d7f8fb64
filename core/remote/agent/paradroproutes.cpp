#include "core/remote/agent/paradroproutes.h"

#include "core/chute/paradropapi.h"
#include "core/plan/planjson.h"
#include "core/remote/agent/changeorder.h"
#include "core/remote/agent/changequeue.h"
#include "core/remote/agent/changestream.h"
#include "core/remote/agent/requestbody.h"
#include "core/remote/agent/tokensigner.h"
#include "core/remote/agent/useraccounts.h"
#include "core/router/routerstate.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebSocket>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRoutes, "chutedeck.agent.routes")

QStringList pathParts(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

bool isLogin(const QStringList &parts)
{
    return parts == QStringList{u"api"_s, u"v1"_s, u"auth"_s, u"local"_s};
}

HttpResponse notFound(const QString &path)
{
    return HttpResponse::error(404, u"nothing is served at %1"_s.arg(path.left(200)));
}

HttpResponse methodNotAllowed(const HttpRequest &request)
{
    return HttpResponse::error(405,
                               u"%1 is not allowed on %2"_s.arg(QString::fromLatin1(request.method),
                                                                request.path.left(200)));
}

HttpResponse changeAccepted(const AgentChange *change)
{
    return HttpResponse::json(200, QJsonObject{{u"change_id"_s, change->id()}});
}

bool isTar(const HttpRequest &request)
{
    const QByteArray type = request.mediaType();
    return type == "application/x-tar" || type == "application/tar" || type == "application/x-gtar"
           || type == "application/gzip";
}

std::optional<int> changeIdOf(const QString &text)
{
    bool ok = false;
    const int id = text.toInt(&ok);
    return ok && id > 0 ? std::optional<int>(id) : std::nullopt;
}

// /ws/changes/<id>/stream
std::optional<int> streamedChange(const QStringList &parts)
{
    if (parts.size() != 4 || parts.at(0) != u"ws" || parts.at(1) != u"changes"
        || parts.at(3) != u"stream") {
        return std::nullopt;
    }
    return changeIdOf(parts.at(2));
}

} // namespace

ParadropRoutes::ParadropRoutes(Router &router, ChangeQueue &changes, const UserAccounts &accounts,
                               const TokenSigner &tokens)
    : m_router(router)
    , m_changes(changes)
    , m_accounts(accounts)
    , m_tokens(tokens)
{}

std::optional<HttpResponse> ParadropRoutes::gate(const HttpRequest &request) const
{
    const QStringList parts = pathParts(request.path);
    if (isLogin(parts) && !request.upgrade)
        return std::nullopt;
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Bearer "))
        return HttpResponse::error(401, u"a bearer token is required (POST /api/v1/auth/local)"_s);
    const Result<QString> user = m_tokens.verify(authorization.mid(7).trimmed());
    if (!user)
        return HttpResponse::error(401, user.error().message);
    if (request.upgrade) {
        const std::optional<int> id = streamedChange(parts);
        if (!id)
            return notFound(request.path);
        if (!m_changes.find(*id))
            return HttpResponse::error(404, u"no change %1"_s.arg(*id));
    }
    return std::nullopt;
}

HttpResponse ParadropRoutes::handle(const HttpRequest &request)
{
    const QStringList parts = pathParts(request.path);
    const bool asksForChange = request.method == "POST" || request.method == "PUT"
                               || request.method == "PATCH" || request.method == "DELETE";
    if (!asksForChange || (parts.size() > 4 && parts.value(2) == u"changes"))
        return route(request, parts);
    HttpRequest stripped = request;
    Result<RunControls> controls = RunControls::take(stripped);
    if (!controls)
        return errorResponse(controls.error());
    if (std::optional<HttpResponse> refused = refuseFaults(controls.value().failures))
        return *refused;
    m_controls = std::move(controls).value();
    HttpResponse response = route(stripped, parts);
    m_controls = {};
    return response;
}

std::optional<HttpResponse> ParadropRoutes::refuseFaults(const QList<StepMatcher> &failures) const
{
    if (failures.isEmpty() || m_faultInjectionAllowed)
        return std::nullopt;
    return HttpResponse::error(
        403, u"fail_at: injected failures need an agent started with --allow-fault-injection"_s);
}

HttpResponse ParadropRoutes::submit(const ChangeOrder &order)
{
    return changeAccepted(m_changes.submit(order, m_controls));
}

HttpResponse ParadropRoutes::route(const HttpRequest &request, const QStringList &parts)
{
    if (parts.size() < 3 || parts.at(0) != u"api" || parts.at(1) != u"v1")
        return notFound(request.path);
    const QString &resource = parts.at(2);
    if (isLogin(parts))
        return request.method == "POST" ? login(request) : methodNotAllowed(request);
    if (resource == u"chutes")
        return chutes(request, parts);
    if (resource == u"changes")
        return changes(request, parts);
    if (parts == QStringList{u"api"_s, u"v1"_s, u"config"_s, u"hostconfig"_s})
        return hostConfig(request);
    return notFound(request.path);
}

HttpResponse ParadropRoutes::login(const HttpRequest &request) const
{
    const Result<QJsonObject> body = jsonObjectBody(request);
    if (!body)
        return errorResponse(body.error());
    const QJsonValue username = body.value().value(u"username"_s);
    const QJsonValue password = body.value().value(u"password"_s);
    if (!username.isString() || !password.isString())
        return HttpResponse::error(400, u"username and password: must be strings"_s);
    const QString name = username.toString();
    if (!m_accounts.verify(name, password.toString().toUtf8())) {
        qCInfo(lcRoutes).noquote() << "login failed for" << name.left(64);
        return HttpResponse::json(401, QJsonObject{{u"username"_s, name},
                                                   {u"success"_s, false},
                                                   {u"error"_s, u"wrong username or password"_s}});
    }
    const Result<QByteArray> token = m_tokens.issue(name);
    if (!token)
        return HttpResponse::error(500, token.error().message);
    return HttpResponse::json(200, QJsonObject{{u"username"_s, name},
                                               {u"success"_s, true},
                                               {u"token"_s, QString::fromLatin1(token.value())}});
}

HttpResponse ParadropRoutes::chutes(const HttpRequest &request, const QStringList &parts)
{
    if (parts.size() == 3) {
        if (request.method == "GET")
            return listChutes();
        if (request.method == "POST")
            return submitChuteUpload(request, true, QString());
        return methodNotAllowed(request);
    }
    const QString &name = parts.at(3);
    if (parts.size() == 5)
        return chuteAction(request, name, parts.at(4));
    if (parts.size() != 4)
        return notFound(request.path);
    if (request.method == "GET")
        return getChute(name);
    if (request.method == "PUT")
        return submitChuteUpload(request, false, name);
    if (request.method == "DELETE") {
        const Result<ChangeOrder> order = ChangeOrders::forChute(UpdateType::Delete, name);
        return order ? submit(order.value()) : errorResponse(order.error());
    }
    return methodNotAllowed(request);
}

HttpResponse ParadropRoutes::chuteAction(const HttpRequest &request, const QString &name,
                                         const QString &action)
{
    if (action == u"config")
        return chuteConfig(request, name);
    const std::optional<UpdateType> type = updateTypeFromName(action);
    if (!type
        || (*type != UpdateType::Start && *type != UpdateType::Stop
            && *type != UpdateType::Restart)) {
        return notFound(request.path);
    }
    if (request.method != "POST")
        return methodNotAllowed(request);
    const Result<QJsonObject> body = jsonObjectBody(request, true);
    if (!body)
        return errorResponse(body.error());
    std::optional<TextPairs> environment;
    if (body.value().contains(u"environment"_s) && *type != UpdateType::Stop) {
        Result<TextPairs> pairs = environmentMember(body.value(), u"environment"_s);
        if (!pairs)
            return errorResponse(pairs.error());
        environment = std::move(pairs).value();
    }
    const Result<ChangeOrder> order = ChangeOrders::forChute(*type, name, environment);
    return order ? submit(order.value()) : errorResponse(order.error());
}

HttpResponse ParadropRoutes::chuteConfig(const HttpRequest &request, const QString &name)
{
    if (request.method == "GET") {
        const Result<QList<ChuteSpec>> installed = readInstalledChutes(m_router);
        if (!installed)
            return errorResponse(installed.error());
        for (const ChuteSpec &chute : installed.value()) {
            if (chute.name == name)
                return HttpResponse::jsonText(200, chuteToJson(chute));
        }
        return HttpResponse::error(404, u"No chute found with id: %1"_s.arg(name.left(80)));
    }
    if (request.method != "PUT")
        return methodNotAllowed(request);
    const Result<QJsonObject> body = jsonObjectBody(request);
    if (!body)
        return errorResponse(body.error());
    const Result<ChangeOrder> order = ChangeOrders::withConfig(name, body.value());
    return order ? submit(order.value()) : errorResponse(order.error());
}

HttpResponse ParadropRoutes::submitChuteUpload(const HttpRequest &request, bool create,
                                               const QString &name)
{
    const UpdateType type = create ? UpdateType::Create : UpdateType::Update;
    if (isTar(request)) {
        const Result<ChangeOrder> order = ChangeOrders::fromTar(type, request.body, name);
        return order ? submit(order.value()) : errorResponse(order.error());
    }
    const Result<QJsonObject> body = jsonObjectBody(request);
    if (!body)
        return errorResponse(body.error());
    const Result<QJsonObject> config = objectMember(body.value(), u"config"_s, true);
    if (!config)
        return errorResponse(config.error());
    QString configName = name;
    if (configName.isEmpty() && body.value().value(u"name"_s).isString())
        configName = body.value().value(u"name"_s).toString();
    const Result<ChangeOrder> order = ChangeOrders::fromConfig(type, config.value(), configName);
    return order ? submit(order.value()) : errorResponse(order.error());
}

HttpResponse ParadropRoutes::listChutes() const
{
    const Result<QList<ChuteSpec>> installed = readInstalledChutes(m_router);
    if (!installed)
        return errorResponse(installed.error());
    QJsonArray list;
    for (const ChuteSpec &chute : installed.value())
        list.append(chuteListEntry(chute));
    return HttpResponse::json(200, list);
}

HttpResponse ParadropRoutes::getChute(const QString &name) const
{
    const Result<QList<ChuteSpec>> installed = readInstalledChutes(m_router);
    if (!installed)
        return errorResponse(installed.error());
    for (const ChuteSpec &chute : installed.value()) {
        if (chute.name == name)
            return HttpResponse::json(200, chuteListEntry(chute));
    }
    return HttpResponse::error(404, u"No chute found with id: %1"_s.arg(name.left(80)));
}

HttpResponse ParadropRoutes::changes(const HttpRequest &request, const QStringList &parts)
{
    if (parts.size() == 3 && request.method == "GET") {
        QJsonArray list;
        for (const AgentChange *change : m_changes.changes())
            list.append(change->summary());
        return HttpResponse::json(200, list);
    }
    if (parts.size() == 3 && request.method == "POST")
        return changeOrderOf(request, false);
    if (parts.size() == 4 && parts.at(3) == u"preview")
        return request.method == "POST" ? changeOrderOf(request, true) : methodNotAllowed(request);
    if (parts.size() != 4 && parts.size() != 5)
        return parts.size() == 3 ? methodNotAllowed(request) : notFound(request.path);
    const std::optional<int> id = changeIdOf(parts.at(3));
    AgentChange *change = id ? m_changes.find(*id) : nullptr;
    if (!change)
        return HttpResponse::error(404, u"no change %1"_s.arg(parts.at(3).left(40)));
    if (parts.size() == 5)
        return changeAction(request, change, parts.at(4));
    if (request.method != "GET")
        return methodNotAllowed(request);
    return HttpResponse::json(200, change->details());
}

// POST /api/v1/changes/[preview]: ParaDrop's raw update in JSON, or a chute's tar with
// ?updateType=create|update.
HttpResponse ParadropRoutes::changeOrderOf(const HttpRequest &request, bool preview)
{
    Result<ChangeOrder> order = Error{};
    if (isTar(request)) {
        const QString typeName = request.query.queryItemValue(u"updateType"_s);
        const std::optional<UpdateType> type = updateTypeFromName(typeName);
        if (!type)
            return HttpResponse::error(
                400, u"updateType: a tar upload needs ?updateType=create or update"_s);
        order = ChangeOrders::fromTar(*type, request.body);
    } else {
        const Result<QJsonObject> body = jsonObjectBody(request);
        if (!body)
            return errorResponse(body.error());
        order = ChangeOrders::fromRawUpdate(body.value(), m_router);
    }
    if (!order)
        return errorResponse(order.error());
    if (!preview)
        return submit(order.value());
    const Result<PlanMap> plan = m_changes.preview(order.value());
    if (!plan && plan.error().code != ErrorCode::ChangeRejected)
        return errorResponse(plan.error());
    return HttpResponse::json(
        200, QJsonObject{{u"result"_s, plan ? u"planned"_s : u"rejected"_s},
                         {u"message"_s, plan ? QString() : plan.error().message},
                         {u"steps"_s, plan ? toJson(plan.value()) : QJsonArray()}});
}

// POST control {"command"}, PUT breakpoints {"breakpoints"}, PUT failures {"fail_at"},
// POST confirm, POST revert.
HttpResponse ParadropRoutes::changeAction(const HttpRequest &request, AgentChange *change,
                                          const QString &action)
{
    if (action == u"confirm" || action == u"revert" || action == u"extend")
        return settleChange(request, change, action);
    const bool isControl = action == u"control";
    if (!isControl && action != u"breakpoints" && action != u"failures")
        return notFound(request.path);
    if (request.method != (isControl ? "POST" : "PUT"))
        return methodNotAllowed(request);
    const Result<QJsonObject> body = jsonObjectBody(request);
    if (!body)
        return errorResponse(body.error());
    if (isControl) {
        const QString name = body.value().value(u"command"_s).toString();
        const std::optional<ChangeCommand> command = changeCommandFromName(name);
        if (!command)
            return HttpResponse::error(
                400, u"command: must be \"step\", \"continue\", \"pause\" or \"abort\""_s);
        const Result<QString> state = m_changes.command(change, *command);
        if (!state)
            return HttpResponse::error(409, state.error().message);
        return HttpResponse::json(202, QJsonObject{{u"state"_s, state.value()}});
    }
    const QString field = action == u"failures" ? u"fail_at"_s : u"breakpoints"_s;
    const Result<QList<StepMatcher>> matchers
        = RunControls::matchers(body.value().value(field), field);
    if (!matchers)
        return errorResponse(matchers.error());
    if (action == u"failures") {
        if (std::optional<HttpResponse> refused = refuseFaults(matchers.value()))
            return *refused;
        m_changes.setFailures(change, matchers.value());
    } else {
        m_changes.setBreakpoints(change, matchers.value());
    }
    return HttpResponse::json(200, QJsonObject{{field, toJson(matchers.value())}});
}

// POST confirm, revert, or extend {"seconds"} of a change awaiting confirmation: answers the
// change's summary once its transaction is committed, reverted or has its new deadline.
HttpResponse ParadropRoutes::settleChange(const HttpRequest &request, AgentChange *change,
                                          const QString &action)
{
    if (request.method != "POST")
        return methodNotAllowed(request);
    Result<void> settled = Result<void>::success();
    if (action == u"extend") {
        const Result<QJsonObject> body = jsonObjectBody(request);
        if (!body)
            return errorResponse(body.error());
        const qint64 seconds = body.value().value(u"seconds"_s).toInteger(0);
        if (seconds < 1 || seconds > 86400)
            return HttpResponse::error(400, u"seconds: must be a number from 1 to 86400"_s);
        settled = m_changes.extend(change, std::chrono::seconds(seconds));
    } else {
        settled = m_changes.settle(change, action == u"confirm");
    }
    if (!settled)
        return HttpResponse::error(settled.error().code == ErrorCode::CommandRejected ? 409 : 500,
                                   settled.error().message);
    return HttpResponse::json(200, change->summary());
}

HttpResponse ParadropRoutes::hostConfig(const HttpRequest &request)
{
    if (request.method == "GET") {
        const Result<HostConfig> config = readHostConfig(m_router);
        return config ? HttpResponse::json(200, config.value().tree())
                      : errorResponse(config.error());
    }
    if (request.method != "PUT" && request.method != "PATCH")
        return methodNotAllowed(request);
    const Result<QJsonValue> body = jsonBody(request);
    if (!body)
        return errorResponse(body.error());
    Result<ChangeOrder> order = Error{};
    if (request.method == "PATCH") {
        if (!body.value().isArray())
            return HttpResponse::error(400, u"the body must be a JSON array (RFC 6902)"_s);
        order = ChangeOrders::patchHostConfig(body.value().toArray(), m_router);
    } else {
        if (!body.value().isObject())
            return HttpResponse::error(400, u"the body must be a JSON object"_s);
        // pdtools sends {"config": {...}}; a bare configuration is taken too.
        const QJsonObject object = body.value().toObject();
        const bool wrapped = object.size() == 1 && object.value(u"config"_s).isObject();
        order
            = ChangeOrders::setHostConfig(wrapped ? object.value(u"config"_s).toObject() : object);
    }
    return order ? submit(order.value()) : errorResponse(order.error());
}

void ParadropRoutes::follow(QWebSocket *socket)
{
    const QUrl url = socket->requestUrl();
    const std::optional<int> id = streamedChange(pathParts(url.path()));
    AgentChange *change = id ? m_changes.find(*id) : nullptr;
    if (!change) { // the gate let only existing changes through
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no such change"_s);
        socket->deleteLater();
        return;
    }
    const QUrlQuery query(url);
    const bool chuteDeck = query.queryItemValue(u"format"_s) == u"chutedeck";
    const qint64 from = query.queryItemValue(u"from"_s).toLongLong();
    new ChangeStream(socket, *change,
                     chuteDeck ? ChangeStream::Format::ChuteDeck : ChangeStream::Format::ParaDrop,
                     from, change);
}

} // namespace ChuteDeck::Core
