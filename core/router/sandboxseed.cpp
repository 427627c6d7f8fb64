#include "core/router/sandboxseed.h"

#include "core/chute/chutestore.h"
#include "core/router/routerstate.h"

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

struct Device
{
    QString name;
    QString phy; // empty for wired devices
};

QList<Device> seededDevices(const SystemDevices &devices)
{
    QList<Device> result{{devices.wan, {}}};
    for (const QString &lan : devices.lan)
        result.append({lan, {}});
    for (const SystemDevices::Radio &radio : devices.radios)
        result.append({sandboxWirelessInterface(radio), radio.phy});
    return result;
}

QByteArray line(const QString &value)
{
    return value.toUtf8() + '\n';
}

// Locally administered addresses (02:...), one per device in seeding order.
QString macAddress(qsizetype index)
{
    return u"02:cd:00:00:00:%1"_s.arg(index + 1, 2, 16, QLatin1Char('0'));
}

QList<SeedFile> sysfsFiles(const SystemDevices &devices)
{
    QList<SeedFile> files;
    const QList<Device> all = seededDevices(devices);
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QString folder = RouterPaths::netDevices + u'/' + all[i].name + u'/';
        files.append({folder + u"address"_s, line(macAddress(i))});
        files.append({folder + u"type"_s, "1\n"}); // ARPHRD_ETHER, wired and wireless alike
        files.append({folder + u"operstate"_s, "up\n"});
        if (!all[i].phy.isEmpty())
            files.append({folder + u"phy80211/name"_s, line(all[i].phy)});
    }
    for (const SystemDevices::Radio &radio : devices.radios) {
        const QString folder = RouterPaths::radios + u'/' + radio.phy + u'/';
        files.append({folder + u"name"_s, line(radio.phy)});
        files.append({folder + u"band"_s, line(radio.band)});
        files.append({folder + u"hwmodes"_s, line(radio.hwmodes)});
    }
    return files;
}

// The base UCI files say what HostConfig::defaults() says (ParaDrop's defaults), so that a fresh
// sandbox is consistent before any step ran: LAN 10.0.0.1/24 bridged with the access point and
// served by DHCP (start 100, limit 100, 12h), WAN by DHCP and masquerading the LAN and the chute
// subnet pool, firewall accepting everything, one open "ParaDrop" access point on the first radio.
QByteArray uciNetwork(const SystemDevices &devices)
{
    return uR"(config interface 'loopback'
	option ifname 'lo'
	option proto 'static'
	option ipaddr '127.0.0.1'
	option netmask '255.0.0.0'

config interface 'lan'
	option type 'bridge'
	option ifname '%1'
	option proto 'static'
	option ipaddr '10.0.0.1'
	option netmask '255.255.255.0'

config interface 'wan'
	option ifname '%2'
	option proto 'dhcp'
)"_s.arg(devices.lan.join(u' '), devices.wan)
        .toUtf8();
}

QByteArray uciRadio(qsizetype index, const SystemDevices::Radio &radio)
{
    const bool fiveGhz = radio.band == u"5";
    return uR"(config wifi-device 'radio%1'
	option type 'mac80211'
	option phy '%2'
	option hwmode '%3'
	option channel '%4'
	option htmode '%5'

)"_s.arg(index)
        .arg(radio.phy, fiveGhz ? u"11a"_s : u"11g"_s, fiveGhz ? u"36"_s : u"1"_s,
             fiveGhz ? u"VHT80"_s : u"HT20"_s)
        .toUtf8();
}

QByteArray uciWireless(const SystemDevices &devices)
{
    QByteArray text;
    for (qsizetype i = 0; i < devices.radios.size(); ++i)
        text += uciRadio(i, devices.radios[i]);
    if (devices.radios.isEmpty())
        return text;
    return text
           + uR"(config wifi-iface 'default_radio0'
	option device 'radio0'
	option ifname '%1'
	option network 'lan'
	option mode 'ap'
	option ssid 'ParaDrop'
	option encryption 'none'
)"_s.arg(sandboxWirelessInterface(devices.radios.first()))
                 .toUtf8();
}

QByteArray uciFirewall()
{
    return R"(config defaults
	option input 'ACCEPT'
	option output 'ACCEPT'
	option forward 'ACCEPT'

config zone
	option name 'lan'
	list network 'lan'
	option input 'ACCEPT'
	option output 'ACCEPT'
	option forward 'ACCEPT'
	option conntrack '1'

config zone
	option name 'wan'
	list network 'wan'
	option input 'ACCEPT'
	option output 'ACCEPT'
	option forward 'ACCEPT'
	option conntrack '1'
	option masq '1'
	list masq_src '10.0.0.0/24'
	list masq_src '10.128.0.0/9'

config forwarding
	option src 'lan'
	option dest 'wan'
)"_ba;
}

QByteArray uciDhcp()
{
    return R"(config dnsmasq
	option domainneeded '1'
	option localise_queries '1'
	option rebind_protection '1'
	option local '/lan/'
	option domain 'lan'
	option expandhosts '1'
	option authoritative '1'
	option readethers '1'
	option leasefile '/tmp/dhcp.leases'
	option resolvfile '/tmp/resolv.conf.auto'

config dhcp 'lan'
	option interface 'lan'
	option start '100'
	option limit '100'
	option leasetime '12h'

config dhcp 'wan'
	option interface 'wan'
	option ignore '1'
)"_ba;
}

// haproxy.reconfigureProxy adds a frontend and the chutes' backends after these sections.
QByteArray haproxyConfig()
{
    return R"(global
	daemon
	maxconn 256

defaults
	mode http
	timeout connect 5s
	timeout client 50s
	timeout server 50s
)"_ba;
}

} // namespace

SystemDevices sandboxDevices()
{
    SystemDevices devices;
    devices.wan = u"eth0"_s;
    devices.lan = QStringList{u"eth1"_s};
    devices.radios = {{u"phy0"_s, u"2.4"_s, u"11b/g/n"_s}, {u"phy1"_s, u"5"_s, u"11a/n/ac"_s}};
    return devices;
}

QString sandboxWirelessInterface(const SystemDevices::Radio &radio)
{
    return u"wlan"_s + QStringView(radio.phy).mid(3);
}

QStringList sandboxSeedFolders()
{
    return {RouterPaths::netDevices,     RouterPaths::radios,     RouterPaths::uciConfig,
            RouterPaths::paradropConfig, RouterPaths::chuteFiles, RouterPaths::images,
            RouterPaths::containers,     RouterPaths::chuteData,  RouterPaths::chuteDeckState};
}

QList<SeedFile> sandboxSeedFiles()
{
    const SystemDevices devices = sandboxDevices();
    QList<SeedFile> files = sysfsFiles(devices);
    files.append({RouterPaths::uciNetwork, uciNetwork(devices)});
    files.append({RouterPaths::uciWireless, uciWireless(devices)});
    files.append({RouterPaths::uciFirewall, uciFirewall()});
    files.append({RouterPaths::uciDhcp, uciDhcp()});
    files.append({RouterPaths::haproxyConfig, haproxyConfig()});
    files.append({RouterPaths::hostConfig, HostConfig::defaults(devices).toYaml()});
    files.append({RouterPaths::chuteStore, chuteStoreToYaml({})});
    return files;
}

} // namespace ChuteDeck::Core
