#include "core/router/routerstate.h"

#include "core/chute/chutestore.h"
#include "core/router/router.h"

#include <QJsonValue>

#include <optional>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

// The file's text, or nothing when the router has no such file.
Result<std::optional<QByteArray>> readOptional(Router &router, const QString &path)
{
    Result<QByteArray> text = router.readFile(path);
    if (text)
        return std::optional<QByteArray>(std::move(text).value());
    if (text.error().code == ErrorCode::NotFound)
        return std::optional<QByteArray>();
    return text.error();
}

Result<QString> trimmedFile(Router &router, const QString &path)
{
    const Result<QByteArray> text = router.readFile(path);
    if (!text)
        return text.error();
    return QString::fromUtf8(text.value()).trimmed();
}

// The host configuration's wan.interface; empty without a host configuration.
Result<QString> configuredWan(Router &router)
{
    const auto text = readOptional(router, RouterPaths::hostConfig);
    if (!text)
        return text.error();
    if (!text.value())
        return QString();
    const Result<HostConfig> config = HostConfig::parse(*text.value(), RouterPaths::hostConfig);
    if (!config)
        return config.error();
    return config.value().tree().value(u"wan"_s)[u"interface"_s].toString();
}

Result<QStringList> readWiredDevices(Router &router)
{
    const Result<QList<DirEntry>> entries = router.list(RouterPaths::netDevices);
    if (!entries)
        return entries.error();
    QStringList wired;
    for (const DirEntry &entry : entries.value()) {
        const QString phyName = RouterPaths::netDevices + u'/' + entry.name + u"/phy80211/name"_s;
        const Result<bool> wireless = router.exists(phyName);
        if (!wireless)
            return wireless.error();
        if (entry.name != u"lo" && !wireless.value())
            wired.append(entry.name);
    }
    return wired;
}

Result<SystemDevices::Radio> readRadio(Router &router, const QString &phy)
{
    const QString folder = RouterPaths::radios + u'/' + phy + u'/';
    const Result<QString> band = trimmedFile(router, folder + u"band"_s);
    if (!band)
        return band.error();
    const Result<QString> hwmodes = trimmedFile(router, folder + u"hwmodes"_s);
    if (!hwmodes)
        return hwmodes.error();
    return SystemDevices::Radio{phy, band.value(), hwmodes.value()};
}

Result<QList<SystemDevices::Radio>> readRadios(Router &router)
{
    const Result<QList<DirEntry>> entries = router.list(RouterPaths::radios);
    if (!entries)
        return entries.error();
    QList<SystemDevices::Radio> radios;
    for (const DirEntry &entry : entries.value()) {
        const Result<SystemDevices::Radio> radio = readRadio(router, entry.name);
        if (!radio)
            return radio.error();
        radios.append(radio.value());
    }
    return radios;
}

QString chooseWan(const QStringList &wired, const QString &configured)
{
    if (wired.contains(configured))
        return configured;
    if (wired.contains(u"eth0"))
        return u"eth0"_s;
    return wired.value(0);
}

// Steps read the chute store again and again: in a 200-chute plan parsing it took half of the
// run. Parsing is a function of the bytes alone, so the last result is kept (per thread: each
// router runs its steps on its own) for as long as the bytes stay the same; writing the store
// keeps what it wrote, which the round trip gives back exactly (tst_chutestore).
struct ParsedChuteStore
{
    QByteArray text;
    Result<QList<ChuteSpec>> chutes;
};

std::optional<ParsedChuteStore> &lastChuteStore()
{
    thread_local std::optional<ParsedChuteStore> last;
    return last;
}

Result<QList<ChuteSpec>> parsedChuteStore(const QByteArray &text)
{
    std::optional<ParsedChuteStore> &last = lastChuteStore();
    if (!last || last->text != text)
        last.emplace(ParsedChuteStore{text, parseChuteStore(text, RouterPaths::chuteStore)});
    return last->chutes;
}

} // namespace

Result<QList<ChuteSpec>> readInstalledChutes(Router &router)
{
    const auto text = readOptional(router, RouterPaths::chuteStore);
    if (!text)
        return text.error();
    if (!text.value())
        return QList<ChuteSpec>();
    return parsedChuteStore(*text.value());
}

Result<void> writeInstalledChutes(Router &router, const QList<ChuteSpec> &chutes)
{
    const QByteArray text = chuteStoreToYaml(chutes);
    Result<void> written = router.writeFile(RouterPaths::chuteStore, text);
    if (written)
        rememberChuteStore(text, chutes);
    return written;
}

void rememberChuteStore(const QByteArray &text, const QList<ChuteSpec> &chutes)
{
    lastChuteStore().emplace(ParsedChuteStore{text, chutes});
}

Result<HostConfig> readHostConfig(Router &router)
{
    const auto text = readOptional(router, RouterPaths::hostConfig);
    if (!text)
        return text.error();
    if (text.value())
        return HostConfig::parse(*text.value(), RouterPaths::hostConfig);
    const Result<SystemDevices> devices = readSystemDevices(router);
    if (!devices)
        return devices.error();
    return HostConfig::defaults(devices.value());
}

Result<SystemDevices> readSystemDevices(Router &router)
{
    const Result<QStringList> wired = readWiredDevices(router);
    if (!wired)
        return wired.error();
    const Result<QList<SystemDevices::Radio>> radios = readRadios(router);
    if (!radios)
        return radios.error();
    const Result<QString> configured = configuredWan(router);
    if (!configured)
        return configured.error();
    SystemDevices devices;
    devices.wan = chooseWan(wired.value(), configured.value());
    devices.lan = wired.value();
    devices.lan.removeOne(devices.wan);
    devices.radios = radios.value();
    return devices;
}

} // namespace ChuteDeck::Core
