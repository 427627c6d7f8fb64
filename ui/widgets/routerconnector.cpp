#include "ui/widgets/routerconnector.h"

#include "core/remote/http/agentclient.h"
#include "core/remote/openrouter.h"
#include "ui/models/secretstore.h"
#include "ui/widgets/agentconnection.h"

#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QThread>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

namespace {

Core::Error unreachable(const QString &message)
{
    return Core::Error{Core::ErrorCode::Unreachable, message};
}

bool isHostKeyQuestion(const QString &prompt)
{
    return prompt.contains(u"(yes/no)"_s);
}

// The question about a key or certificate seen for the first time: the user compares its SHA256
// fingerprint with the router's own; only Yes trusts it.
bool confirmFingerprint(QWidget *parent, const QString &objectName, const QString &title,
                        const QString &text, const QString &details = {})
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, parent);
    box.setObjectName(objectName);
    box.setDefaultButton(QMessageBox::No);
    if (!details.isEmpty())
        box.setDetailedText(details);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    return box.exec() == QMessageBox::Yes;
}

bool acceptHostKey(QWidget *parent, const QString &prompt)
{
    static const QRegularExpression fingerprint(u"SHA256:[A-Za-z0-9+/=]+"_s);
    return confirmFingerprint(
        parent, u"hostKeyQuestion"_s, RouterConnector::tr("Unknown host key"),
        RouterConnector::tr("This router's host key is not known yet. Its SHA256 "
                            "fingerprint is\n\n%1\n\nCompare it with the router's "
                            "own. Add the key to the known hosts and connect?")
            .arg(fingerprint.match(prompt).captured()),
        prompt.trimmed());
}

bool acceptCertificate(QWidget *parent, const QString &agent, const QString &fingerprint)
{
    return confirmFingerprint(
        parent, u"certificateQuestion"_s, RouterConnector::tr("Unknown certificate"),
        RouterConnector::tr("The agent %1 presents a certificate that is not known yet. Its "
                            "SHA256 fingerprint is\n\n%2\n\nCompare it with the agent's own. "
                            "Pin the certificate and connect?")
            .arg(agent, fingerprint));
}

} // namespace

std::optional<QByteArray> askUser(QWidget *parent, const QString &prompt, bool echo)
{
    if (isHostKeyQuestion(prompt))
        return acceptHostKey(parent, prompt) ? std::optional<QByteArray>("yes") : std::nullopt;
    bool accepted = false;
    const QString answer
        = QInputDialog::getText(parent, RouterConnector::tr("Router login"), prompt.trimmed(),
                                echo ? QLineEdit::Normal : QLineEdit::Password, {}, &accepted);
    return accepted ? std::optional<QByteArray>(answer.toUtf8()) : std::nullopt;
}

RouterConnector::RouterConnector(SecretStore *secrets, QWidget *window, Opener opener)
    : QObject(window)
    , m_secrets(secrets)
    , m_window(window)
    , m_opener(opener ? std::move(opener)
                      : [](const QString &url, const Core::SshOptions &options) {
                            return Core::openRouter(url, options);
                        })
{}

RouterConnector::~RouterConnector() = default;

Core::SshOptions RouterConnector::sshOptions(const ConnectionProfile &profile,
                                             const std::optional<QByteArray> &password) const
{
    Core::SshOptions options;
    if (profile.auth == ConnectionProfile::SshAuth::KeyFile)
        options.identityFile = profile.keyFile;
    options.password = password;
    // libssh asks on the router's I/O thread; the GUI thread answers while that thread waits.
    options.prompt
        = [window = m_window](const QString &prompt, bool echo) -> std::optional<QByteArray> {
        std::optional<QByteArray> answer;
        const auto ask = [&] { answer = askUser(window, prompt, echo); };
        if (QThread::currentThread() == qApp->thread()) {
            ask();
            return answer;
        }
        // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the functor
        QMetaObject::invokeMethod(qApp, ask, Qt::BlockingQueuedConnection);
        return answer;
    };
    return options;
}

RouterConnector::Done RouterConnector::finishing(Done done)
{
    return [this, done = std::move(done)](Core::Result<OpenedRouter> opened) {
        m_busy = false;
        done(std::move(opened));
    };
}

void RouterConnector::open(const QString &routerKey, Done done)
{
    if (routerKey.startsWith(u"sandbox:"_s)) {
        m_busy = true;
        Q_EMIT connecting(routerKey);
        openOnWorker(routerKey, {}, finishing(std::move(done)));
        return;
    }
    QSettings settings;
    const std::optional<ConnectionProfile> profile = ConnectionProfile::load(settings, routerKey);
    if (!profile) {
        done(Core::Error{Core::ErrorCode::InvalidRouterUrl,
                         tr("'%1' is not a router address.").arg(routerKey)});
        return;
    }
    open(*profile, {}, std::move(done));
}

void RouterConnector::open(const ConnectionProfile &profile, const QByteArray &password, Done done)
{
    m_busy = true;
    Q_EMIT connecting(profile.url());
    Done finish = finishing(std::move(done));
    if (!profile.needsPassword() || !password.isEmpty()) {
        openWithPassword(profile, password, std::move(finish));
        return;
    }
    withPassword(
        profile,
        [this, profile, finish](const QByteArray &secret) {
            openWithPassword(profile, secret, finish);
        },
        finish);
}

// The saved password from the keyring; the user is asked when there is none or the keyring
// fails (and is told why).
void RouterConnector::withPassword(const ConnectionProfile &profile,
                                   const std::function<void(QByteArray)> &next, const Done &done)
{
    const auto ask = [this, profile, next, done](const QString &why) {
        const std::optional<QByteArray> typed = askPassword(profile, why);
        if (typed)
            next(*typed);
        else
            done(unreachable(tr("%1: no password given").arg(profile.routerKey())));
    };
    if (!profile.rememberPassword) {
        ask({});
        return;
    }
    m_secrets->read(profile.secretKey(), [ask, next](const SecretStore::Answer &answer) {
        if (answer.ok)
            next(answer.secret);
        else if (answer.notFound)
            ask({});
        else
            ask(tr("The keyring did not give the saved password: %1").arg(answer.error));
    });
}

std::optional<QByteArray> RouterConnector::askPassword(const ConnectionProfile &profile,
                                                       const QString &why) const
{
    const QString account = profile.user.isEmpty() ? profile.routerKey()
                                                   : profile.user + u" @ "_s + profile.routerKey();
    const QString prompt = tr("Password for %1:").arg(account);
    return askUser(m_window, why.isEmpty() ? prompt : why + u"\n\n"_s + prompt, false);
}

void RouterConnector::openWithPassword(const ConnectionProfile &profile, const QByteArray &password,
                                       Done done)
{
    if (profile.kind != ConnectionProfile::Kind::Ssh) {
        openAgent(profile, password, std::move(done));
        return;
    }
    const std::optional<QByteArray> secret
        = profile.needsPassword() ? std::optional<QByteArray>(password) : std::nullopt;
    openOnWorker(profile.url(), sshOptions(profile, secret), std::move(done));
}

namespace {

// How far back the account of reverted transactions goes: older ones are history, not news.
constexpr int kRevertedAccountDays = 28;

// Connecting and logging in take round trips (and libssh blocks): a worker thread does `work`,
// and `done` gets its result on the GUI thread, unless `context` is gone by then.
template<typename T>
void runOnWorker(QObject *context, std::function<T()> work, std::function<void(T)> done)
{
    auto result = std::make_shared<std::optional<T>>();
    QThread *worker
        = QThread::create([result, work = std::move(work)] { result->emplace(work()); });
    QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    QObject::connect(worker, &QThread::finished, context,
                     [result, done = std::move(done)] { done(std::move(**result)); });
    worker->start();
}

} // namespace

void RouterConnector::openOnWorker(const QString &url, const Core::SshOptions &options, Done done)
{
    const Opener opener = m_opener;
    auto open = [url, options, opener]() -> Core::Result<OpenedRouter> {
        Core::Result<std::unique_ptr<Core::Router>> router = opener(url, options);
        if (!router)
            return router.error();
        OpenedRouter opened{std::move(router).value(), nullptr, url, {}, {}, {}};
        // What an earlier session left behind; a router that cannot tell is opened all the same.
        if (const auto pending = Core::pendingTransactions(*opened.router); pending)
            opened.pending = pending.value();
        const QDateTime weeksAgo = QDateTime::currentDateTimeUtc().addDays(-kRevertedAccountDays);
        if (const auto reverted = Core::revertedTransactions(*opened.router, weeksAgo); reverted)
            opened.reverted = reverted.value();
        return opened;
    };
    QPointer<RouterConnector> connector(this);
    auto reopen = [connector, url, options, opener](auto checked) {
        if (!connector)
            return;
        runOnWorker<Core::Result<void>>(
            connector,
            [url, options, opener]() -> Core::Result<void> {
                const Core::Result<std::unique_ptr<Core::Router>> fresh = opener(url, options);
                return fresh ? Core::Result<void>() : Core::Result<void>(fresh.error());
            },
            std::move(checked));
    };
    runOnWorker<Core::Result<OpenedRouter>>(
        this, std::move(open), [reopen, done = std::move(done)](Core::Result<OpenedRouter> opened) {
            if (opened)
                opened.value().checkNewConnection = reopen;
            done(std::move(opened));
        });
}

void RouterConnector::openAgent(const ConnectionProfile &profile, const QByteArray &password,
                                Done done)
{
    const Core::Result<QUrl> base = Core::AgentClient::parseRouterUrl(profile.url());
    if (!base) {
        done(base.error());
        return;
    }
    // A child until the login is proven, so that it goes with the window if the answer never
    // comes.
    proveLogin(
        new AgentConnection(base.value(), {profile.user, password, {}}, m_certificateTrust, this),
        std::move(done));
}

void RouterConnector::proveLogin(AgentConnection *agent, Done done)
{
    agent->fetchChutes([this, agent, done = std::move(done)](
                           const Core::Result<QList<Core::ChuteSpec>> &chutes) {
        if (!chutes) {
            const Core::Result<void> pinned = pinUnknownCertificate(agent, chutes.error());
            if (pinned) {
                proveLogin(agent, done);
                return;
            }
            agent->deleteLater();
            done(pinned.error());
            return;
        }
        agent->setParent(nullptr);
        const QString url = agent->url();
        // The window owns the agent connection as long as it uses this.
        auto reconnect = [agent](auto checked) { agent->checkNewConnection(std::move(checked)); };
        done(
            OpenedRouter{nullptr, std::unique_ptr<AgentConnection>(agent), url, {}, {}, reconnect});
    });
}

Core::Result<void> RouterConnector::pinUnknownCertificate(AgentConnection *agent,
                                                          const Core::Error &refusal) const
{
    const QString fingerprint = agent->unknownCertificate();
    if (fingerprint.isEmpty())
        return refusal;
    if (!acceptCertificate(m_window, agent->host(), fingerprint))
        return unreachable(tr("%1: the agent's certificate %2 was not accepted; not connected.")
                               .arg(agent->host(), fingerprint));
    return agent->trustCertificate(fingerprint);
}

} // namespace ChuteDeck::Ui
