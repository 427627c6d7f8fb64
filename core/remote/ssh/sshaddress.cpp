#include "core/remote/ssh/sshoptions.h"

#include <QDir>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

Error badUrl(const QString &url, const QString &why)
{
    return Error{ErrorCode::InvalidRouterUrl,
                 u"'%1' is not an SSH router address: %2"_s.arg(url, why)};
}

} // namespace

Result<SshAddress> SshAddress::parse(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return badUrl(url, parsed.errorString());
    if (parsed.scheme() != u"ssh")
        return badUrl(url, u"use ssh://[USER@]HOST[:PORT][/PATH]"_s);
    if (parsed.host().isEmpty())
        return badUrl(url, u"no host"_s);
    if (!parsed.password().isEmpty())
        return badUrl(url, u"a password does not belong in the address; use --password-file"_s);
    if (parsed.hasQuery() || parsed.hasFragment())
        return badUrl(url, u"'?' and '#' have no meaning here"_s);
    SshAddress address;
    address.user = parsed.userName(QUrl::FullyDecoded);
    address.host = parsed.host(QUrl::FullyDecoded);
    address.port = std::max(parsed.port(), 0);
    const QString path = parsed.path(QUrl::FullyDecoded);
    if (path.contains(QChar(0)))
        return badUrl(url, u"the path contains NUL"_s);
    if (!path.isEmpty())
        address.rootPrefix = QDir::cleanPath(path);
    return address;
}

QString SshAddress::toUrl() const
{
    QUrl url;
    url.setScheme(u"ssh"_s);
    url.setUserName(user);
    url.setHost(host);
    if (port > 0)
        url.setPort(port);
    url.setPath(rootPrefix == u"/" ? QString() : rootPrefix);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace ChuteDeck::Core
