#pragma once

#include "core/chute/hostconfig.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

// What a new sandbox router holds (DESIGN.md, "Router state"); SandboxRouter::seed() writes it.
//
// The devices mirror Linux sysfs, so that the code reading them also reads a real router:
// sys/class/net/<dev>/{address,type,operstate}, one value and a newline per file. On Linux
// sys/class/net/wlan0/phy80211 is a link to the radio's sys/class/ieee80211/phy0 folder, whose
// `name` file holds "phy0"; the sandbox makes phy80211 a plain folder with that one `name` file,
// so reading "sys/class/net/wlan0/phy80211/name" gives the radio on both.
// A radio's band and modes are sandbox-only files next to Linux's `name`:
// sys/class/ieee80211/<phy>/band ("2.4" or "5") and .../hwmodes ("11b/g/n", the letters after
// "11" that the radio supports, '/'-separated). Real routers will be asked with `iw` instead.
struct SeedFile
{
    QString path;
    QByteArray contents;
};

// eth0 (WAN), eth1 (LAN), radios phy0 (2.4 GHz, 11b/g/n) and phy1 (5 GHz, 11a/n/ac).
SystemDevices sandboxDevices();
// The radio's interface that the sandbox seeds: wlan<N> on phy<N>.
QString sandboxWirelessInterface(const SystemDevices::Radio &radio);

// Every folder of the layout; files' parent folders are created with the files.
QStringList sandboxSeedFolders();
QList<SeedFile> sandboxSeedFiles();

} // namespace ChuteDeck::Core
