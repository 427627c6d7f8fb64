#include "core/remote/openrouter.h"

#include "core/remote/ssh/sshrouter.h"
#include "core/router/sandboxrouter.h"

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

namespace {

template<typename Kind>
Result<std::unique_ptr<Router>> asRouter(Result<std::unique_ptr<Kind>> opened)
{
    if (!opened)
        return opened.error();
    return std::unique_ptr<Router>(std::move(opened).value());
}

} // namespace

Result<std::unique_ptr<Router>> openRouter(const QString &address, const SshOptions &ssh)
{
    const QString sandboxScheme = u"sandbox:"_s;
    if (address.startsWith(sandboxScheme) && address.size() > sandboxScheme.size())
        return asRouter(SandboxRouter::open(address.mid(sandboxScheme.size())));
    if (address.startsWith(u"ssh://"_s)) {
        const Result<SshAddress> parsed = SshAddress::parse(address);
        if (!parsed)
            return parsed.error();
        SshOptions options = ssh;
        if (parsed.value().rootPrefix != u"/")
            options.runtime = ContainerRuntimeKind::Sandbox; // never this machine's network
        return asRouter(SshRouter::open(parsed.value(), options));
    }
    return Error{
        ErrorCode::InvalidRouterUrl,
        u"'%1' is not a router address: use sandbox:PATH or ssh://[USER@]HOST[:PORT][/PATH]"_s.arg(
            address)};
}

} // namespace ChuteDeck::Core
