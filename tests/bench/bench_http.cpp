// A change through chutedeck-agent on loopback, as the desktop and the CLI drive it (issue 9):
//  - remoteStep: one remote `step` command's round trip (POST .../control to its 202), and the
//    stream's latency from a step's end (its event's time, taken by the agent) to the client's
//    event; the run is paused between steps, so every step is streamed on its own.
//  - applyThroughAgent vs applyLocally: hello-web created from its folder to the final event;
//    the agent's variants: plain HTTP or HTTPS (a certificate made by openssl, pinned), and
//    committed at once (ParaDrop's behaviour) or held for a confirmation that the client then
//    sends (ChuteDeck's default: confirm_timeout).
// Medians are reported as counters (ms); the agent is a real process, stopped by its PID.
#include "core/remote/http/httpsession.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/changerun.h"
#include "core/update/changerequest.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

const QString kAgent = QStringLiteral(CHUTEDECK_AGENT);
const QByteArray kPassword = "bench password";

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// A chutedeck-agent on a free loopback port over a fresh sandbox; SIGTERM to its PID at the end.
class Agent
{
public:
    explicit Agent(bool tls = false)
    {
        const QString users = m_home.filePath(u"users"_s);
        const QStringList serveTls = tls ? tlsArguments() : QStringList();
        QProcess add;
        add.start(kAgent, {u"--users"_s, users, u"--add-user"_s, u"admin"_s});
        add.write(kPassword + '\n');
        add.closeWriteChannel();
        add.waitForFinished();
        // The agent logs a line per request: nobody reads them here.
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start(kAgent, QStringList{u"--root"_s, m_home.filePath(u"router"_s), u"--users"_s,
                                            users, u"--listen"_s, u"127.0.0.1:0"_s}
                                    + serveTls);
        m_process.waitForReadyRead(10000);
        const auto match = QRegularExpression(u"listening on (https?://\\S+)"_s)
                               .match(QString::fromUtf8(m_process.readLine()));
        m_url = QUrl(match.captured(1));
        // The agent's own log lines (one per request) would slow it: they go to a pipe nobody
        // reads.
        m_process.setStandardErrorFile(QProcess::nullDevice());
    }
    ~Agent()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(20000))
            m_process.kill();
    }
    Agent(const Agent &) = delete;
    Agent &operator=(const Agent &) = delete;

    const QUrl &url() const { return m_url; }
    const CertificateTrust &trust() const { return m_trust; }
    // Logged in once: a login costs the agent an Argon2id hash, which no apply should include.
    AgentCredentials credentials()
    {
        if (m_token.isEmpty()) {
            AgentClient client(m_url, AgentCredentials{u"admin"_s, kPassword, {}});
            client.setCertificateTrust(m_trust);
            (void)client.sendAndWait(AgentRequest{"GET", u"/api/v1/chutes"_s});
            m_token = client.token();
        }
        return AgentCredentials{{}, {}, m_token};
    }

private:
    // A self-signed certificate for the agent, pinned by the client.
    QStringList tlsArguments()
    {
        const QString certificate = m_home.filePath(u"cert.pem"_s);
        const QString key = m_home.filePath(u"key.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                     u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-subj"_s,
                                     u"/CN=bench"_s, u"-keyout"_s, key, u"-out"_s, certificate});
        openssl.waitForFinished();
        m_trust.fingerprint
            = CertificatePin::fingerprint(QSslCertificate::fromPath(certificate).value(0));
        return {u"--tls-cert"_s, certificate, u"--tls-key"_s, key};
    }

    QTemporaryDir m_home;
    QProcess m_process;
    QUrl m_url;
    QByteArray m_token;
    CertificateTrust m_trust;
};

// The sample chutes the applies create and delete: hello-web (no networking: committed at once
// even when a confirmation is asked for) and wifi-hotspot (wireless, DHCP, firewall: held).
const QStringList kChutes{u"hello-web"_s, u"wifi-hotspot"_s};

ChangeRequest create(qsizetype chute = 0)
{
    return ChangeRequest{UpdateType::Create,
                         {QStringLiteral(CHUTEDECK_SAMPLE_CHUTES "/") + kChutes.at(chute)},
                         {},
                         {},
                         {},
                         {},
                         {}};
}

ChangeRequest remove(qsizetype chute = 0)
{
    return ChangeRequest{UpdateType::Delete, {}, {kChutes.at(chute)}, {}, {}, {}, {}};
}

// Runs a change on the agent to its end; with `confirm`, the agent holds it for a confirmation
// (when it changed the network configuration), which follows at once, as chutedeck-cli does.
ExecutorState runRemotely(Agent &agent, const ChangeRequest &change, bool confirm = false)
{
    RemoteRunOptions run;
    run.confirmTimeoutSeconds = confirm ? 90 : 0;
    HttpSession session(agent.url(), agent.credentials(), change, run);
    session.client().setCertificateTrust(agent.trust());
    QEventLoop loop;
    QObject::connect(&session, &ExecutionSession::finished, &loop, &QEventLoop::quit);
    QObject::connect(&session, &HttpSession::failed, &loop, &QEventLoop::quit);
    session.start();
    loop.exec();
    if (session.confirmation().outcome == TransactionOutcome::Pending && !session.confirm())
        return ExecutorState::RollbackFailed;
    return session.state();
}

void remoteStep(benchmark::State &state)
{
    Agent agent;
    std::vector<double> roundTrips;
    std::vector<double> latencies;
    for (auto _ : state) {
        state.PauseTiming();
        HttpSession session(agent.url(), agent.credentials(), create(),
                            RemoteRunOptions{true, {}, {}});
        QEventLoop loop;
        bool paused = false;
        QObject::connect(&session, &ExecutionSession::eventsReady, &loop,
                         [&](const EventBatch &batch) {
                             const double received = nowSeconds();
                             for (const ExecutionEvent &event : batch) {
                                 if (event.kind == ExecutionEvent::Kind::Step
                                     && event.status == StepStatus::Done)
                                     latencies.push_back((received - event.time) * 1000);
                                 paused = event.kind == ExecutionEvent::Kind::State
                                          && (event.state == ExecutorState::Paused
                                              || event.state == ExecutorState::Ready);
                             }
                             if (paused)
                                 loop.quit();
                         });
        session.start();
        loop.exec(); // ready
        state.ResumeTiming();
        const AgentRequest step{"POST",
                                u"/api/v1/changes/%1/control"_s.arg(session.changeId()),
                                {},
                                R"({"command":"step"})"};
        for (int taken = 0; taken < 30; ++taken) {
            const auto start = std::chrono::steady_clock::now();
            const Result<QJsonValue> answer = session.client().sendAndWait(step);
            roundTrips.push_back(millisecondsSince(start));
            if (!answer) {
                state.SkipWithError(answer.error().message.toUtf8().constData());
                return;
            }
            if (!paused)
                loop.exec(); // the step's events, then the pause before the next
            paused = false;
        }
        state.PauseTiming();
        (void)session.abort();
        QEventLoop ended;
        QObject::connect(&session, &ExecutionSession::finished, &ended, &QEventLoop::quit);
        ended.exec();
        state.ResumeTiming();
    }
    state.counters["step_round_trip_median_ms"] = median(roundTrips);
    state.counters["stream_latency_median_ms"] = median(latencies);
}

// Arguments: HTTPS (0 or 1), held for a confirmation (0 or 1), the chute (kChutes).
void applyThroughAgent(benchmark::State &state)
{
    Agent agent(state.range(0) != 0);
    const bool confirm = state.range(1) != 0;
    const qsizetype chute = state.range(2);
    std::vector<double> times;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const ExecutorState ended = runRemotely(agent, create(chute), confirm);
        times.push_back(millisecondsSince(start));
        state.PauseTiming();
        if (ended != ExecutorState::Succeeded)
            state.SkipWithError("the remote create did not succeed");
        runRemotely(agent, remove(chute), confirm);
        state.ResumeTiming();
    }
    state.counters["median_ms"] = median(times);
}

// Argument: the chute (kChutes).
void applyLocally(benchmark::State &state)
{
    const qsizetype chute = state.range(0);
    QTemporaryDir folder;
    const std::unique_ptr<SandboxRouter> router = SandboxRouter::open(folder.path()).value();
    std::vector<double> times;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const Result<QList<Update>> updates = buildUpdates(create(chute), *router);
        const Result<RunReport> report = applyAndWait(*router, updates.value());
        times.push_back(millisecondsSince(start));
        state.PauseTiming();
        if (!report || report.value().state() != ExecutorState::Succeeded)
            state.SkipWithError("the local create did not succeed");
        (void)applyAndWait(*router, buildUpdates(remove(chute), *router).value());
        state.ResumeTiming();
    }
    state.counters["median_ms"] = median(times);
}

} // namespace

BENCHMARK(remoteStep)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(applyThroughAgent)
    ->ArgNames({"https", "confirmed", "chute"})
    ->Args({0, 0, 0})
    ->Args({1, 0, 0})
    ->Args({0, 0, 1})
    ->Args({0, 1, 1})
    ->Args({1, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(40);
BENCHMARK(applyLocally)
    ->ArgName("chute")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(40);
