#include "app/chutedeck-cli/commands.h"

#include "app/chutedeck-cli/agentoptions.h"
#include "app/chutedeck-cli/applyrun.h"
#include "app/chutedeck-cli/commandline.h"
#include "app/chutedeck-cli/console.h"
#include "app/chutedeck-cli/routeroptions.h"
#include "app/chutedeck-cli/transactioncommands.h"
#include "core/chute/paradropapi.h"
#include "core/plan/planjson.h"
#include "core/plan/priority.h"
#include "core/remote/openrouter.h"
#include "core/router/routerstate.h"
#include "core/update/changerequest.h"
#include "core/update/planning.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

namespace ChuteDeck::Cli {
namespace {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

// A day: a longer wait for a confirmation is a mistyped number, not a plan.
constexpr int kMaxConfirmTimeout = 86400;

const QString kUsage
    = u"Usage: chutedeck-cli COMMAND [OPTIONS]\n\n"
      "Commands:\n"
      "  chutes      list the chutes installed on a router\n"
      "  hostconfig  print a router's host configuration\n"
      "  plan        print the update plan of a change\n"
      "  apply       run a change on a router, at once or step by step\n"
      "  confirm     confirm a change that awaits confirmation (the router keeps it)\n"
      "  revert      revert a pending change (the router is put back)\n"
      "  transactions  list the transactions pending on a router\n\n"
      "Routers: sandbox:PATH (a router whose state is files under PATH; created and "
      "seeded when new), ssh://[USER@]HOST[:PORT][/PATH] (a router over SSH whose state lives "
      "under PATH, / when absent), http(s)://HOST:PORT (a chutedeck-agent).\n"
      "Run 'chutedeck-cli COMMAND --help' for a command's options.\n"
      "Exit codes: 0 succeeded, 1 rejected, rolled back, aborted or rollback failed, "
      "2 usage error or invalid input, 3 router unreachable (connection, login or host key), "
      "4 router busy (another transaction is pending: confirm or revert it).\n"_s;

int listChutes(const QStringList &arguments)
{
    CommandLine command(u"List the chutes installed on a router."_s);
    if (const auto exit = command.parse(arguments))
        return *exit;
    Result<std::unique_ptr<Router>> router = command.openRouter();
    if (!router)
        return reportError(router.error(), command.wantsJson());
    const Result<QList<ChuteSpec>> chutes = readInstalledChutes(*router.value());
    if (!chutes)
        return reportError(chutes.error(), command.wantsJson());
    if (command.wantsJson()) {
        QJsonArray list;
        for (const ChuteSpec &chute : chutes.value())
            list.append(chuteListEntry(chute));
        printJson(list);
        return ExitSucceeded;
    }
    TextTable table({u"NAME"_s, u"STATE"_s, u"VERSION"_s, u"SERVICES"_s, u"WEB"_s});
    for (const ChuteSpec &chute : chutes.value()) {
        QStringList services;
        for (const ServiceSpec &service : chute.services)
            services.append(service.name);
        const QString web
            = chute.web ? u"%1:%2"_s.arg(chute.web->service).arg(chute.web->port) : QString();
        table.addRow(
            {chute.name, chuteStateName(chute.state), chute.version, services.join(u", "_s), web});
    }
    table.print(out());
    return ExitSucceeded;
}

int printHostConfig(const QStringList &arguments)
{
    CommandLine command(u"Print a router's host configuration (YAML, or JSON with --json)."_s);
    if (const auto exit = command.parse(arguments))
        return *exit;
    Result<std::unique_ptr<Router>> router = command.openRouter();
    if (!router)
        return reportError(router.error(), command.wantsJson());
    const Result<HostConfig> config = readHostConfig(*router.value());
    if (!config)
        return reportError(config.error(), command.wantsJson());
    if (command.wantsJson())
        printJson(config.value().tree());
    else
        out() << QString::fromUtf8(config.value().toYaml()) << Qt::flush;
    return ExitSucceeded;
}

// plan and apply: which change, from the options.
struct ChangeOptions
{
    QCommandLineOption type{u"type"_s,
                            u"The update type: create, update, delete, start, stop, restart, "
                            "prehostconfig, inithostconfig, sethostconfig, patchhostconfig, "
                            "factoryreset, reboot, shutdown."_s,
                            u"T"_s};
    QCommandLineOption chute{u"chute"_s,
                             u"A chute folder or paradrop.yaml (create, update); repeat for one "
                             "aggregated plan."_s,
                             u"DIR_OR_YAML"_s};
    QCommandLineOption name{
        u"name"_s, u"The installed chute (start, stop, restart, delete); may repeat."_s, u"NAME"_s};
    QCommandLineOption hostConfig{
        u"hostconfig"_s, u"The new host configuration, YAML or JSON (sethostconfig)."_s, u"FILE"_s};
    QCommandLineOption patch{
        u"patch"_s, u"An RFC 6902 JSON Patch of the host configuration (patchhostconfig)."_s,
        u"FILE"_s};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({type, chute, name, hostConfig, patch});
    }

    Result<ChangeRequest> request(const QCommandLineParser &parser) const
    {
        if (!parser.isSet(type))
            return Error{ErrorCode::InvalidRequest, u"--type is required"_s};
        const std::optional<UpdateType> updateType = updateTypeFromName(parser.value(type));
        if (!updateType)
            return Error{ErrorCode::InvalidRequest,
                         u"unknown update type '%1'"_s.arg(parser.value(type))};
        ChangeRequest request;
        request.type = *updateType;
        request.chuteSources = parser.values(chute);
        request.chuteNames = parser.values(name);
        request.hostConfigFile = parser.value(hostConfig);
        request.patchFile = parser.value(patch);
        return request;
    }
};

// What plan and apply share: the router, the updates and their plan.
struct PlannedChange
{
    std::unique_ptr<Router> router;
    QList<Update> updates;
    PlanMap plan;
};

// Opens the router and generates the plan; the exit code when that fails.
std::variant<PlannedChange, int> planChange(const CommandLine &command, const ChangeOptions &change)
{
    const bool json = command.wantsJson();
    const Result<ChangeRequest> request = change.request(command.parser);
    if (!request)
        return reportError(request.error(), json);
    Result<std::unique_ptr<Router>> router = command.openRouter();
    if (!router)
        return reportError(router.error(), json);
    Result<QList<Update>> updates = buildUpdates(request.value(), *router.value());
    if (!updates)
        return reportError(updates.error(), json);
    Result<PlanMap> plan = generatePlan(updates.value());
    if (!plan)
        return reportRejection(plan.error().message, json);
    return PlannedChange{std::move(router).value(), std::move(updates).value(),
                         std::move(plan).value()};
}

// apply on a chutedeck-agent (http(s)://): the agent plans and runs the change, this process
// follows it.
int applyOnAgent(const CommandLine &command, const AgentOptions &agent, const ChangeOptions &change,
                 const ApplyOptions &options)
{
    const bool json = command.wantsJson();
    const Result<QUrl> url = AgentClient::parseRouterUrl(command.parser.value(command.router));
    if (!url)
        return reportError(url.error(), json);
    const Result<AgentLogin> login = agent.login(command);
    if (!login)
        return reportError(login.error(), json);
    const Result<ChangeRequest> request = change.request(command.parser);
    if (!request)
        return reportError(request.error(), json);
    return runRemoteApply(url.value(), login.value(), request.value(), options);
}

void printPlanTable(const PlanMap &plan, bool aggregated)
{
    QStringList header{u"ID"_s, u"PRI"_s, u"BAND"_s, u"STEP"_s, u"DESCRIPTION"_s, u"UNDO"_s};
    if (aggregated)
        header.insert(3, u"CHUTES"_s);
    TextTable table(header);
    for (const Step &step : plan.steps()) {
        QStringList undo;
        for (const StepCall &call : step.undo)
            undo.append(call.toDisplayString());
        QStringList row{QString::number(step.id),
                        QString::number(step.priority),
                        bandName(priorityBand(step.priority)),
                        step.todo.toDisplayString(),
                        step.description,
                        undo.join(u", "_s)};
        if (aggregated)
            row.insert(3, step.chutes.join(u','));
        table.addRow(row);
    }
    table.print(out());
}

int printPlan(const QStringList &arguments)
{
    CommandLine command(
        u"Print the update plan of a change: every step, with the ids a run will use."_s);
    const ChangeOptions change;
    change.addTo(command.parser);
    if (const auto exit = command.parse(arguments))
        return *exit;
    auto planned = planChange(command, change);
    if (const int *exit = std::get_if<int>(&planned))
        return *exit;
    const PlannedChange &ready = std::get<PlannedChange>(planned);
    const PlanMap preview = previewPlan(ready.plan, ready.updates);
    if (command.wantsJson()) {
        printJson(QJsonObject{
            {u"result"_s, u"planned"_s}, {u"message"_s, QString()}, {u"steps"_s, toJson(preview)}});
    } else {
        printPlanTable(preview, ready.updates.size() > 1);
    }
    return ExitSucceeded;
}

int applyChange(const QStringList &arguments)
{
    CommandLine command(
        u"Run a change on a router. With --step, read commands from standard input, one a "
        "line: s (step), c (continue), a (abort); at the end of input the change is "
        "aborted, or a rollback runs to its end."_s);
    const ChangeOptions change;
    change.addTo(command.parser);
    const QCommandLineOption step(u"step"_s,
                                  u"Start paused and take commands from standard input."_s);
    const QCommandLineOption breakAt(
        u"break-at"_s, u"Pause before every todo step of this function; may repeat."_s, u"NAME"_s);
    const QCommandLineOption failAt(
        u"fail-at"_s,
        u"Simulate a failure of the first step matching NAME, NAME[ARG], abort:NAME or "
        "a step id; may repeat."_s,
        u"NAME"_s);
    const QCommandLineOption confirmTimeout(
        u"confirm-timeout"_s,
        u"A change of networking or the host configuration stays pending this long after its "
        "run (default 90); the router reverts it unless it is confirmed by then."_s,
        u"S"_s, u"90"_s);
    const QCommandLineOption manualConfirm(
        QStringList{u"manual-confirm"_s, u"no-confirm"_s},
        u"Leave such a change pending (exit 0) for 'chutedeck-cli confirm' or 'revert', instead "
        "of confirming it over a new connection."_s);
    const AgentOptions agent;
    command.parser.addOptions({step, breakAt, failAt, confirmTimeout, manualConfirm});
    command.parser.addOptions(agent.options());
    if (const auto exit = command.parse(arguments))
        return *exit;

    ApplyOptions options;
    options.json = command.wantsJson();
    options.stepByStep = command.parser.isSet(step);
    bool validTimeout = false;
    const int timeout = command.parser.value(confirmTimeout).toInt(&validTimeout);
    if (!validTimeout || timeout <= 0 || timeout > kMaxConfirmTimeout)
        return command.usageError(
            u"--confirm-timeout '%1': a number of seconds from 1 to 86400"_s.arg(
                command.parser.value(confirmTimeout)));
    options.confirmTimeout = std::chrono::seconds(timeout);
    options.manualConfirm = command.parser.isSet(manualConfirm);
    options.reopenRouter = [&command] { return command.openRouter(); };
    for (const auto &[option, matchers] :
         {std::pair{&breakAt, &options.breakpoints}, std::pair{&failAt, &options.failures}}) {
        for (const QString &spec : command.parser.values(*option)) {
            const Result<StepMatcher> matcher = StepMatcher::parse(spec);
            if (!matcher)
                return reportError(matcher.error(), options.json);
            matchers->append(matcher.value());
        }
    }
    if (AgentOptions::isAgent(command.parser.value(command.router)))
        return applyOnAgent(command, agent, change, options);
    auto planned = planChange(command, change);
    if (const int *exit = std::get_if<int>(&planned))
        return *exit;
    auto &ready = std::get<PlannedChange>(planned);
    return runApply(*ready.router, ready.updates, std::move(ready.plan), options);
}

} // namespace

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    const QStringList commandArguments = QStringList{arguments.value(0)} + arguments.mid(2);
    if (command == u"chutes")
        return listChutes(commandArguments);
    if (command == u"hostconfig")
        return printHostConfig(commandArguments);
    if (command == u"plan")
        return printPlan(commandArguments);
    if (command == u"apply")
        return applyChange(commandArguments);
    if (command == u"confirm")
        return confirmTransaction(commandArguments);
    if (command == u"revert")
        return revertTransaction(commandArguments);
    if (command == u"transactions")
        return listTransactions(commandArguments);
    if (command == u"--version") {
        out() << "chutedeck-cli " << CHUTEDECK_VERSION << Qt::endl;
        return ExitSucceeded;
    }
    if (command.isEmpty() || command == u"--help" || command == u"-h" || command == u"help") {
        out() << kUsage << Qt::flush;
        return command.isEmpty() ? ExitInvalid : ExitSucceeded;
    }
    err() << "chutedeck-cli: unknown command '" << command << "'\n\n" << kUsage << Qt::flush;
    return ExitInvalid;
}

} // namespace ChuteDeck::Cli
