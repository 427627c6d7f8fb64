#include "ui/models/connectionprofile.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

namespace {

const QString kGroup = u"connections"_s;

// QSettings keys may not hold '/' or '\\' unescaped: the router key is percent-encoded.
QString settingsKey(const QString &routerKey)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(routerKey));
}

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)
};

} // namespace

int ConnectionProfile::defaultPort(Kind kind)
{
    switch (kind) {
    case Kind::Ssh:
        return 22;
    case Kind::Http:
        return 80;
    case Kind::Https:
        return 443;
    }
    return 0;
}

QString ConnectionProfile::schemeOf(Kind kind)
{
    switch (kind) {
    case Kind::Ssh:
        return u"ssh"_s;
    case Kind::Http:
        return u"http"_s;
    case Kind::Https:
        return u"https"_s;
    }
    return {};
}

QString ConnectionProfile::url() const
{
    return address(true);
}

// FullyEncoded throughout, so that a key never changes when it goes through QUrl again.
QString ConnectionProfile::address(bool withUser) const
{
    QUrl url;
    url.setScheme(schemeOf(kind));
    url.setHost(host.trimmed());
    url.setPort(port);
    if (kind == Kind::Ssh) {
        if (withUser && !user.trimmed().isEmpty())
            url.setUserName(user.trimmed());
        const QString path = rootPath.trimmed();
        if (!path.isEmpty() && path != u"/")
            url.setPath(path.startsWith(u'/') ? path : u'/' + path);
    }
    return url.toString(QUrl::FullyEncoded);
}

QString ConnectionProfile::routerKey() const
{
    return address(false);
}

QString ConnectionProfile::secretKey() const
{
    return user.trimmed() + u'@' + routerKey();
}

QString ConnectionProfile::problem() const
{
    if (host.trimmed().isEmpty())
        return Tr::tr("Host: enter the router's name or address.");
    if (!QUrl(schemeOf(kind) + u"://"_s + host.trimmed()).isValid() || host.contains(u'/')
        || host.contains(u'@'))
        return Tr::tr("Host: '%1' is not a host name or address.").arg(host.trimmed());
    if (port < 1 || port > 65535)
        return Tr::tr("Port: %1 is not between 1 and 65535.").arg(port);
    if (kind != Kind::Ssh && user.trimmed().isEmpty())
        return Tr::tr("User: an HTTP router needs the agent account to log in with.");
    if (kind == Kind::Ssh && auth == SshAuth::KeyFile && keyFile.trimmed().isEmpty())
        return Tr::tr("Key file: choose the private key to log in with.");
    return {};
}

std::optional<ConnectionProfile> ConnectionProfile::fromUrl(const QString &text)
{
    const QUrl url(text.trimmed());
    if (!url.isValid() || url.host().isEmpty())
        return std::nullopt;
    ConnectionProfile profile;
    const QString scheme = url.scheme();
    if (scheme == u"ssh")
        profile.kind = Kind::Ssh;
    else if (scheme == u"http")
        profile.kind = Kind::Http;
    else if (scheme == u"https")
        profile.kind = Kind::Https;
    else
        return std::nullopt;
    profile.host = url.host();
    profile.port = url.port(defaultPort(profile.kind));
    profile.user = url.userName();
    if (profile.kind == Kind::Ssh && !url.path().isEmpty())
        profile.rootPath = url.path();
    return profile;
}

void ConnectionProfile::save(QSettings &settings) const
{
    settings.beginGroup(kGroup);
    settings.beginGroup(settingsKey(routerKey()));
    settings.setValue(u"kind"_s, schemeOf(kind));
    settings.setValue(u"host"_s, host.trimmed());
    settings.setValue(u"port"_s, port);
    settings.setValue(u"user"_s, user.trimmed());
    settings.setValue(u"rootPath"_s, rootPath.trimmed());
    settings.setValue(u"auth"_s, int(auth));
    settings.setValue(u"keyFile"_s, keyFile.trimmed());
    settings.setValue(u"rememberPassword"_s, rememberPassword);
    settings.endGroup();
    settings.endGroup();
}

std::optional<ConnectionProfile> ConnectionProfile::load(QSettings &settings,
                                                         const QString &routerKey)
{
    settings.beginGroup(kGroup);
    settings.beginGroup(settingsKey(routerKey));
    std::optional<ConnectionProfile> profile;
    if (settings.contains(u"host"_s)) {
        const QString scheme = settings.value(u"kind"_s).toString();
        profile = ConnectionProfile{};
        profile->kind = scheme == u"https"  ? Kind::Https
                        : scheme == u"http" ? Kind::Http
                                            : Kind::Ssh;
        profile->host = settings.value(u"host"_s).toString();
        profile->port = settings.value(u"port"_s, defaultPort(profile->kind)).toInt();
        profile->user = settings.value(u"user"_s).toString();
        profile->rootPath = settings.value(u"rootPath"_s, u"/"_s).toString();
        profile->auth = SshAuth(std::clamp(settings.value(u"auth"_s).toInt(), 0, 2));
        profile->keyFile = settings.value(u"keyFile"_s).toString();
        profile->rememberPassword = settings.value(u"rememberPassword"_s).toBool();
    }
    settings.endGroup();
    settings.endGroup();
    return profile ? profile : fromUrl(routerKey);
}

void ConnectionProfile::forget(QSettings &settings, const QString &routerKey)
{
    settings.beginGroup(kGroup);
    settings.remove(settingsKey(routerKey));
    settings.endGroup();
}

} // namespace ChuteDeck::Ui
