#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"
#include "core/chute/hostconfig.h"

#include <QLatin1StringView>
#include <QList>

namespace ChuteDeck::Core {

class Router;

// The layout every router kind uses under its root prefix (DESIGN.md, "Router state"), in one
// place so that steps, the sandbox seed and the readers below cannot drift apart.
namespace RouterPaths {
inline constexpr QLatin1StringView netDevices("sys/class/net");
inline constexpr QLatin1StringView radios("sys/class/ieee80211");
inline constexpr QLatin1StringView uciConfig("etc/config");
inline constexpr QLatin1StringView uciNetwork("etc/config/network");
inline constexpr QLatin1StringView uciWireless("etc/config/wireless");
inline constexpr QLatin1StringView uciFirewall("etc/config/firewall");
inline constexpr QLatin1StringView uciDhcp("etc/config/dhcp");
inline constexpr QLatin1StringView paradropConfig("etc/paradrop");
inline constexpr QLatin1StringView hostConfig("etc/paradrop/hostconfig.yaml");
inline constexpr QLatin1StringView haproxyConfig("etc/haproxy.cfg");
inline constexpr QLatin1StringView paradropState("var/lib/paradrop");
inline constexpr QLatin1StringView chuteStore("var/lib/paradrop/chutes.yaml");
inline constexpr QLatin1StringView chuteFiles("var/lib/paradrop/chute-files");
inline constexpr QLatin1StringView images("var/lib/paradrop/images");
inline constexpr QLatin1StringView containers("var/lib/paradrop/containers");
inline constexpr QLatin1StringView chuteData("var/lib/paradrop/data");
inline constexpr QLatin1StringView chuteDeckState("var/lib/chutedeck");
inline constexpr QLatin1StringView commandLog("var/lib/chutedeck/commands.log");
} // namespace RouterPaths

// The installed chutes (the chute store); a router without one has none installed.
Result<QList<ChuteSpec>> readInstalledChutes(Router &router);
Result<void> writeInstalledChutes(Router &router, const QList<ChuteSpec> &chutes);
// For writers of the chute store other than writeInstalledChutes(): `text` (chuteStoreToYaml()
// of `chutes`) was just written, so the next read of these bytes needs no parse.
void rememberChuteStore(const QByteArray &text, const QList<ChuteSpec> &chutes);

// The host configuration; a router without one has the defaults for its devices.
Result<HostConfig> readHostConfig(Router &router);

// The devices under sys/class/net and sys/class/ieee80211 as the sandbox seeds them: a device with
// a phy80211/name file is a radio's interface, every other one (but "lo") is wired. The WAN is the
// host configuration's wan.interface when that names a wired device, else eth0, else the first
// wired device; the other wired devices are the LAN. Radios are read from the sandbox's band and
// hwmodes files (sandboxseed.h); real routers will ask `iw` instead.
Result<SystemDevices> readSystemDevices(Router &router);

} // namespace ChuteDeck::Core
