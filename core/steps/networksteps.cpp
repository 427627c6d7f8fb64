#include "core/steps/networksteps.h"

#include "core/chute/ipv4.h"
#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/stepsupport.h"
#include "core/steps/uci.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSet>

#include <bit>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

const QString kChuteTag = u"paradrop_chute"_s;
constexpr int kMaxDeviceName = 15; // Linux IFNAMSIZ - 1

Error stepError(const QString &message)
{
    return Error{ErrorCode::StepFailed, message};
}

// The chute keeps networks only while it runs: ParaDrop removes a stopped or deleted chute's.
bool keepsNetworks(const Update &update)
{
    return update.newChute && update.newChute->state == ChuteState::Running;
}

bool isTagged(const UciSection &section, const QString &chute)
{
    return section.option(kChuteTag) == chute;
}

quint32 prefixMask(int prefix)
{
    return prefix == 0 ? 0 : 0xffffffffU << (32 - prefix);
}

QString ipv4Text(quint32 address)
{
    return u"%1.%2.%3.%4"_s.arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

QString networkText(const IPv4Network &network)
{
    return ipv4Text(network.address) + u'/' + QString::number(network.prefixLength);
}

bool overlaps(const IPv4Network &a, const IPv4Network &b)
{
    const quint32 mask = prefixMask(std::min(a.prefixLength, b.prefixLength));
    return (a.address & mask) == (b.address & mask);
}

// The network holding address/netmask ("10.0.0.1", "255.255.255.0" -> 10.0.0.0/24).
std::optional<IPv4Network> networkOf(const QString &address, const QString &netmask)
{
    const std::optional<quint32> host = parseIPv4(address);
    if (!host || !isIPv4Netmask(netmask))
        return std::nullopt;
    const int prefix = std::popcount(*parseIPv4(netmask));
    return IPv4Network{*host & prefixMask(prefix), prefix};
}

// "br-<section>", or when that is longer than a Linux device name, its start and a hash of the
// whole section, so that two long sections of one chute still get different bridges.
QString bridgeName(const QString &section)
{
    const QString name = u"br-"_s + section;
    if (name.size() <= kMaxDeviceName)
        return name;
    const QByteArray hash
        = QCryptographicHash::hash(section.toUtf8(), QCryptographicHash::Sha1).toHex().left(4);
    return u"br-"_s + section.left(kMaxDeviceName - 8) + u'_' + QString::fromLatin1(hash);
}

QString interfaceField(const AllocatedInterface &interface)
{
    return u"services.%1.interfaces.%2"_s.arg(interface.service, interface.name);
}

const InterfaceSpec *specOf(const Update &update, const AllocatedInterface &interface)
{
    const ServiceSpec *service = update.newChute->service(interface.service);
    if (!service)
        return nullptr;
    const auto found
        = std::find_if(service->interfaces.cbegin(), service->interfaces.cend(),
                       [&](const InterfaceSpec &spec) { return spec.name == interface.name; });
    return found == service->interfaces.cend() ? nullptr : &*found;
}

// --- reservations ----------------------------------------------------------------------------

struct Reservations
{
    QStringList subnets;
    QStringList radios;
    QHash<int, QString> ports; // router port → the chute holding it
};

Result<void> collectUciReservations(Router &router, const QSet<QString> &others,
                                    Reservations &reserved)
{
    const auto ownedByOther
        = [&](const UciSection &section) { return others.contains(section.option(kChuteTag)); };
    const Result<UciConfig> network = readUciFile(router, RouterPaths::uciNetwork);
    if (!network)
        return network.error();
    for (const UciSection &section : network.value().sections) {
        const auto subnet = networkOf(section.option(u"ipaddr"), section.option(u"netmask"));
        if (ownedByOther(section) && subnet)
            reserved.subnets.append(networkText(*subnet));
    }
    const Result<UciConfig> wireless = readUciFile(router, RouterPaths::uciWireless);
    if (!wireless)
        return wireless.error();
    for (const UciSection &section : wireless.value().sections) {
        if (ownedByOther(section) && section.type == u"wifi-iface")
            reserved.radios.append(section.option(u"device"));
    }
    const Result<UciConfig> firewall = readUciFile(router, RouterPaths::uciFirewall);
    if (!firewall)
        return firewall.error();
    for (const UciSection &section : firewall.value().sections) {
        bool isNumber = false;
        const int port = section.option(u"src_dport").toInt(&isNumber);
        if (ownedByOther(section) && section.type == u"redirect" && isNumber)
            reserved.ports.insert(port, section.option(kChuteTag));
    }
    return Result<void>::success();
}

// ParaDrop's getReservations: what the other installed chutes hold (their subnets, radios and
// router ports, from their UCI sections and their port bindings) and the LAN's subnet. The
// chute's own sections are not reservations: an update takes its networks over.
Result<void> getReservations(StepContext &context)
{
    const Update &update = updateOf(context);
    Router &router = routerOf(context);
    const Result<QList<ChuteSpec>> installed = readInstalledChutes(router);
    if (!installed)
        return installed.error();
    Reservations reserved;
    QSet<QString> others;
    for (const ChuteSpec &chute : installed.value()) {
        if (chute.name == update.name)
            continue;
        others.insert(chute.name);
        for (const ServiceSpec &service : chute.services) {
            for (const PortBinding &binding : service.portBindings)
                reserved.ports.insert(binding.external, chute.name);
        }
    }
    if (Result<void> collected = collectUciReservations(router, others, reserved); !collected)
        return collected;
    const Result<HostConfig> hostConfig = readHostConfig(router);
    if (!hostConfig)
        return hostConfig.error();
    const QJsonObject lan = hostConfig.value().tree().value(u"lan"_s).toObject();
    if (const auto subnet
        = networkOf(lan.value(u"ipaddr"_s).toString(), lan.value(u"netmask"_s).toString())) {
        reserved.subnets.prepend(networkText(*subnet));
    }
    UpdateState &state = stateOf(context);
    state.reservedSubnets = reserved.subnets;
    state.reservedRadios = reserved.radios;
    state.reservedPorts = reserved.ports;
    context.appendOutput(u"reserved subnets: %1; radios: %2; ports: %3"_s.arg(
        reserved.subnets.join(u", "_s), reserved.radios.join(u", "_s),
        QString::number(reserved.ports.size())));
    return Result<void>::success();
}

// --- network.getNetworkConfig ----------------------------------------------------------------

// What the interfaces of one chute may take: everything not reserved by other chutes, by other
// updates of the same change, or by the chute's earlier interfaces.
struct Allocator
{
    IPv4Network pool;
    int prefix = 24;
    QList<IPv4Network> usedSubnets;
    QStringList usedRadios;
    QList<QPair<SystemDevices::Radio, QString>> radios; // radio and its UCI wifi-device

    bool isFree(const IPv4Network &subnet) const
    {
        return std::none_of(usedSubnets.cbegin(), usedSubnets.cend(),
                            [&](const IPv4Network &used) { return overlaps(used, subnet); });
    }

    std::optional<IPv4Network> nextSubnet() const
    {
        const quint64 count = quint64(1) << (prefix - pool.prefixLength);
        const quint64 size = quint64(1) << (32 - prefix);
        for (quint64 i = 0; i < count; ++i) {
            const IPv4Network candidate{quint32(pool.address + i * size), prefix};
            if (isFree(candidate))
                return candidate;
        }
        return std::nullopt;
    }

    QString freeRadio(const QString &hwmode) const
    {
        // 11b/11g need a 2.4 GHz radio, 11a (and 11ac) a 5 GHz one; 11n or nothing takes any.
        QString band;
        if (hwmode == u"11a" || hwmode == u"11ac")
            band = u"5"_s;
        else if (hwmode == u"11b" || hwmode == u"11g")
            band = u"2.4"_s;
        for (const auto &[radio, device] : radios) {
            if ((band.isEmpty() || radio.band == band) && !usedRadios.contains(device))
                return device;
        }
        return {};
    }
};

Result<HostConfig> hostConfigOf(StepContext &context)
{
    const UpdateState &state = stateOf(context);
    if (state.hostConfig)
        return *state.hostConfig;
    return readHostConfig(routerOf(context));
}

Result<SystemDevices> devicesOf(StepContext &context)
{
    const UpdateState &state = stateOf(context);
    if (state.devices)
        return *state.devices;
    return readSystemDevices(routerOf(context));
}

void addUsedResources(StepContext &context, Allocator &allocator)
{
    const UpdateState &state = stateOf(context);
    for (const QString &subnet : state.reservedSubnets) {
        if (const auto network = parseIPv4Network(subnet))
            allocator.usedSubnets.append(*network);
    }
    allocator.usedRadios = state.reservedRadios;
    ChangeEnvironment &environment = environmentOf(context);
    const QString &self = updateOf(context).name;
    for (const Update &other : environment.updates()) {
        if (other.name == self)
            continue;
        for (const AllocatedInterface &interface : environment.state(other.name).interfaces) {
            if (const auto network = parseIPv4Network(interface.subnet))
                allocator.usedSubnets.append(*network);
            if (!interface.radio.isEmpty())
                allocator.usedRadios.append(interface.radio);
        }
    }
}

Result<void> addRadios(StepContext &context, Allocator &allocator)
{
    const Result<SystemDevices> devices = devicesOf(context);
    if (!devices)
        return devices.error();
    const Result<UciConfig> wireless = readUciFile(routerOf(context), RouterPaths::uciWireless);
    if (!wireless)
        return wireless.error();
    for (qsizetype i = 0; i < devices.value().radios.size(); ++i) {
        const SystemDevices::Radio &radio = devices.value().radios.at(i);
        QString device = u"radio"_s + QString::number(i);
        for (const UciSection &section : wireless.value().sections) {
            if (section.type == u"wifi-device" && section.option(u"phy") == radio.phy)
                device = section.name;
        }
        allocator.radios.append({radio, device});
    }
    return Result<void>::success();
}

Result<Allocator> makeAllocator(StepContext &context)
{
    const Result<HostConfig> hostConfig = hostConfigOf(context);
    if (!hostConfig)
        return hostConfig.error();
    Allocator allocator;
    const QString poolText = hostConfig.value().chuteSubnetPool();
    const std::optional<IPv4Network> pool = parseIPv4Network(poolText);
    if (!pool)
        return stepError(
            u"hostconfig: system.chuteSubnetPool: '%1' is not a network"_s.arg(poolText));
    allocator.pool = *pool;
    allocator.prefix = hostConfig.value().chutePrefixSize();
    if (allocator.prefix < pool->prefixLength || allocator.prefix > 30) {
        return stepError(u"hostconfig: system.chutePrefixSize: /%1 subnets do not fit in the "
                         u"chute subnet pool %2"_s.arg(allocator.prefix)
                             .arg(poolText));
    }
    addUsedResources(context, allocator);
    if (Result<void> radios = addRadios(context, allocator); !radios)
        return radios.error();
    return allocator;
}

Result<IPv4Network> allocateSubnet(const Update &update, const InterfaceSpec &spec,
                                   const Allocator &allocator, const QString &poolText)
{
    if (!spec.ipv4Network.isEmpty()) {
        const std::optional<IPv4Network> wanted = parseIPv4Network(spec.ipv4Network);
        if (!wanted || wanted->prefixLength > 30 || !allocator.isFree(*wanted)) {
            return stepError(
                u"The network %1 required by interface '%2' of chute %3 is in use"_s.arg(
                    spec.ipv4Network, spec.name, update.name));
        }
        return *wanted;
    }
    if (const std::optional<IPv4Network> next = allocator.nextSubnet())
        return *next;
    return stepError(u"The chute subnet pool %1 is exhausted"_s.arg(poolText));
}

// ParaDrop's getNetworkConfig: for each interface of each service, a UCI section name, a subnet
// from the chute subnet pool (gateway .1 on the router, the chute at .2), and for wifi-ap and
// monitor interfaces a radio of the band their hwmode needs.
Result<void> getNetworkConfig(StepContext &context)
{
    const Update &update = updateOf(context);
    UpdateState &state = stateOf(context);
    state.interfaces.clear();
    if (!keepsNetworks(update))
        return Result<void>::success();
    Result<Allocator> made = makeAllocator(context);
    if (!made)
        return made.error();
    Allocator allocator = std::move(made).value();
    const QString poolText = networkText(allocator.pool);
    QList<AllocatedInterface> interfaces;
    for (const ServiceSpec &service : update.newChute->services) {
        for (const InterfaceSpec &spec : service.interfaces) {
            AllocatedInterface interface;
            interface.service = service.name;
            interface.name = spec.name;
            interface.section = uciName(update.name + u'_' + spec.name);
            interface.type = spec.type;
            const auto sameSection = [&](const AllocatedInterface &other) {
                return other.section == interface.section;
            };
            if (std::any_of(interfaces.cbegin(), interfaces.cend(), sameSection)) {
                return stepError(
                    u"%1: interface '%2' of chute %3 needs the UCI section %4, which "
                    u"another interface of the chute has"_s.arg(
                        interfaceField(interface), spec.name, update.name, interface.section));
            }
            const Result<IPv4Network> subnet = allocateSubnet(update, spec, allocator, poolText);
            if (!subnet)
                return subnet.error();
            allocator.usedSubnets.append(subnet.value());
            interface.subnet = networkText(subnet.value());
            interface.gateway = ipv4Text(subnet.value().address + 1);
            interface.address = ipv4Text(subnet.value().address + 2);
            interface.netmask = ipv4Text(prefixMask(subnet.value().prefixLength));
            interface.bridge = bridgeName(interface.section);
            if (spec.type == InterfaceType::WifiAp || spec.type == InterfaceType::Monitor) {
                interface.radio = allocator.freeRadio(spec.hwmode);
                if (interface.radio.isEmpty()) {
                    return stepError(u"No free radio for %1 '%2' of chute %3 (hwmode %4)"_s.arg(
                        interfaceTypeName(spec.type), spec.name, update.name,
                        spec.hwmode.isEmpty() ? u"any"_s : spec.hwmode));
                }
                allocator.usedRadios.append(interface.radio);
            }
            context.appendOutput(u"%1: %2 on %3%4"_s.arg(
                spec.name, interface.subnet, interface.bridge,
                interface.radio.isEmpty() ? QString() : u", "_s + interface.radio));
            interfaces.append(interface);
        }
    }
    state.interfaces = interfaces;
    return Result<void>::success();
}

// --- the sections a chute owns ---------------------------------------------------------------

UciSection chuteSection(const QString &type, const QString &name)
{
    return UciSection{type, name, {}};
}

void tag(UciSection &section, const QString &chute)
{
    section.addOption(kChuteTag, chute);
}

// etc/config/network: a static bridge per interface, the router at the gateway address.
Result<QList<UciSection>> networkSections(StepContext &context)
{
    const Update &update = updateOf(context);
    QList<UciSection> sections;
    for (const AllocatedInterface &interface : stateOf(context).interfaces) {
        UciSection section = chuteSection(u"interface"_s, interface.section);
        section.addOption(u"proto"_s, u"static"_s);
        section.addOption(u"type"_s, u"bridge"_s);
        section.addOption(u"bridge_empty"_s, u"1"_s);
        section.addOption(u"ipaddr"_s, interface.gateway);
        section.addOption(u"netmask"_s, interface.netmask);
        tag(section, update.name);
        sections.append(section);
    }
    return sections;
}

// YAML booleans as UCI writes them.
QString uciBoolean(const QString &value)
{
    static const QStringList yes{u"true"_s, u"True"_s, u"TRUE"_s};
    static const QStringList no{u"false"_s, u"False"_s, u"FALSE"_s};
    if (yes.contains(value))
        return u"1"_s;
    if (no.contains(value))
        return u"0"_s;
    return value;
}

Result<UciSection> wirelessSection(const Update &update, const AllocatedInterface &interface,
                                   const InterfaceSpec &spec)
{
    const QString field = interfaceField(interface) + u".wireless."_s;
    for (const auto &[key, value] : spec.wireless) {
        if (uciName(key) != key || key.isEmpty())
            return stepError(field + key + u": not a UCI option name"_s);
        if (Result<void> checked = checkUciValue(field + key, value); !checked)
            return checked.error();
    }
    UciSection section = chuteSection(u"wifi-iface"_s, interface.section);
    section.addOption(u"device"_s, interface.radio);
    section.addOption(u"network"_s, interface.section);
    const bool accessPoint = spec.type == InterfaceType::WifiAp;
    section.addOption(u"mode"_s, accessPoint ? u"ap"_s : u"monitor"_s);
    if (accessPoint) {
        const QString ssid = spec.wirelessOption(u"ssid"_s);
        if (ssid.isEmpty())
            return stepError(field + u"ssid: a wifi-ap needs an SSID"_s);
        const QString key = spec.wirelessOption(u"key"_s);
        QString encryption = spec.wirelessOption(u"encryption"_s);
        if (encryption.isEmpty())
            encryption = key.isEmpty() ? u"none"_s : u"psk2"_s;
        section.addOption(u"ssid"_s, ssid);
        section.addOption(u"encryption"_s, encryption);
        if (!key.isEmpty())
            section.addOption(u"key"_s, key);
    }
    static const QStringList written{u"ssid"_s, u"key"_s, u"encryption"_s};
    for (const auto &[key, value] : spec.wireless) {
        if (!written.contains(key))
            section.setOption(key, uciBoolean(value));
    }
    tag(section, update.name);
    return section;
}

// etc/config/wireless: a wifi-iface per wifi-ap (or monitor) interface on its radio. Free text
// is written byte for byte; what UCI cannot hold fails naming the field.
Result<QList<UciSection>> wirelessSections(StepContext &context)
{
    const Update &update = updateOf(context);
    QList<UciSection> sections;
    for (const AllocatedInterface &interface : stateOf(context).interfaces) {
        const InterfaceSpec *spec = specOf(update, interface);
        if (!spec || interface.radio.isEmpty())
            continue;
        Result<UciSection> section = wirelessSection(update, interface, *spec);
        if (!section)
            return section.error();
        sections.append(section.value());
    }
    return sections;
}

// A zone per interface forwarding to the WAN, and a redirect from the WAN per port binding.
// The redirect goes to the chute's address on its first interface; a chute without interfaces
// is reached through the port its container runtime publishes on the router itself, so the
// redirect then has no dest_ip and keeps the external port.
Result<QList<UciSection>> firewallSections(StepContext &context)
{
    const Update &update = updateOf(context);
    const UpdateState &state = stateOf(context);
    QList<UciSection> sections;
    if (!keepsNetworks(update))
        return sections;
    for (const AllocatedInterface &interface : state.interfaces) {
        UciSection zone = chuteSection(u"zone"_s, interface.section);
        zone.addOption(u"name"_s, interface.section);
        zone.addList(u"network"_s, interface.section);
        for (const QString &chain : {u"input"_s, u"output"_s, u"forward"_s})
            zone.addOption(chain, u"ACCEPT"_s);
        tag(zone, update.name);
        UciSection forwarding = chuteSection(u"forwarding"_s, interface.section + u"_wan"_s);
        forwarding.addOption(u"src"_s, interface.section);
        forwarding.addOption(u"dest"_s, u"wan"_s);
        tag(forwarding, update.name);
        sections << zone << forwarding;
    }
    QSet<int> bound;
    for (const ServiceSpec &service : update.newChute->services) {
        for (const PortBinding &binding : service.portBindings) {
            if (const QString holder = state.reservedPorts.value(binding.external);
                !holder.isEmpty()) {
                return stepError(
                    u"Router port %1 of chute %2 (service %3) is already bound by chute %4"_s
                        .arg(binding.external)
                        .arg(update.name, service.name, holder));
            }
            if (bound.contains(binding.external)) {
                return stepError(
                    u"Router port %1 is bound twice by chute %2"_s.arg(binding.external)
                        .arg(update.name));
            }
            bound.insert(binding.external);
            UciSection redirect = chuteSection(
                u"redirect"_s,
                uciName(u"%1_%2_%3"_s.arg(update.name, service.name).arg(binding.external)));
            redirect.addOption(u"src"_s, u"wan"_s);
            redirect.addOption(u"src_dport"_s, QString::number(binding.external));
            if (!state.interfaces.isEmpty()) {
                redirect.addOption(u"dest"_s, state.interfaces.first().section);
                redirect.addOption(u"dest_ip"_s, state.interfaces.first().address);
                redirect.addOption(u"dest_port"_s, QString::number(binding.internal));
            } else {
                redirect.addOption(u"dest_port"_s, QString::number(binding.external));
            }
            redirect.addOption(u"proto"_s, u"tcp"_s);
            redirect.addOption(u"target"_s, u"DNAT"_s);
            tag(redirect, update.name);
            sections.append(redirect);
        }
    }
    return sections;
}

// etc/config/dhcp: a pool per interface that asks for DHCP, with its DNS servers as option 6.
Result<QList<UciSection>> dhcpSections(StepContext &context)
{
    const Update &update = updateOf(context);
    QList<UciSection> sections;
    for (const AllocatedInterface &interface : stateOf(context).interfaces) {
        const InterfaceSpec *spec = specOf(update, interface);
        if (!spec || !spec->dhcp)
            continue;
        const QString field = interfaceField(interface);
        if (Result<void> checked
            = checkUciValue(field + u".dhcp.leasetime"_s, spec->dhcp->leasetime);
            !checked) {
            return checked.error();
        }
        UciSection section = chuteSection(u"dhcp"_s, interface.section);
        section.addOption(u"interface"_s, interface.section);
        section.addOption(u"start"_s, QString::number(spec->dhcp->start));
        section.addOption(u"limit"_s, QString::number(spec->dhcp->limit));
        section.addOption(u"leasetime"_s, spec->dhcp->leasetime);
        if (!spec->dns.isEmpty()) {
            const QString servers = spec->dns.join(u',');
            if (Result<void> checked = checkUciValue(field + u".dns"_s, servers); !checked)
                return checked.error();
            section.addList(u"dhcp_option"_s, u"6,"_s + servers);
        }
        tag(section, update.name);
        sections.append(section);
    }
    return sections;
}

using SectionBuilder = Result<QList<UciSection>> (*)(StepContext &);

// The get steps work the sections out so that a chute whose sections cannot be written fails
// before anything is written; the set steps build them again from the same state.
Result<void> checkSections(StepContext &context, SectionBuilder build)
{
    const Result<QList<UciSection>> sections = build(context);
    return sections ? Result<void>::success() : Result<void>(sections.error());
}

// Replaces the chute's sections in `path` with what `build` makes (none when the chute stops or
// goes away), keeping every other section where it is.
Result<void> setChuteSections(StepContext &context, const QString &path, SectionBuilder build)
{
    const Result<QList<UciSection>> sections = build(context);
    if (!sections)
        return sections.error();
    const QString chute = updateOf(context).name;
    return editUciFile(context, path, [&](UciConfig &config) -> Result<void> {
        config.sections.removeIf(
            [&](const UciSection &section) { return isTagged(section, chute); });
        for (const UciSection &section : sections.value()) {
            if (config.section(section.name)) {
                return stepError(
                    u"%1: a section '%2' already exists that chute %3 does not own"_s.arg(
                        path, section.name, chute));
            }
        }
        config.sections.append(sections.value());
        return Result<void>::success();
    });
}

Result<void> noOp(StepContext &)
{
    return Result<void>::success();
}

template<SectionBuilder build>
Result<void> checkStep(StepContext &context)
{
    return checkSections(context, build);
}

void addSetAndRevert(StepRegistry &registry, const QString &set, const QString &revert,
                     QLatin1StringView path, SectionBuilder build)
{
    registry.add(set, [path = QString(path), build](StepContext &context) {
        return setChuteSections(context, path, build);
    });
    registry.add(revert, [path = QString(path)](StepContext &context) {
        return restoreFile(context, path);
    });
}

} // namespace

void registerNetworkSteps(StepRegistry &registry)
{
    registry.add(u"reservations.getReservations"_s, getReservations);
    registry.add(u"network.getNetworkConfig"_s, getNetworkConfig);
    // Nothing to release: the get steps keep their results in the update's state only.
    registry.add(u"network.abortNetworkConfig"_s, noOp);

    registry.add(u"network.getOSNetworkConfig"_s, checkStep<networkSections>);
    registry.add(u"wifi.getOSWirelessConfig"_s, checkStep<wirelessSections>);
    registry.add(u"firewall.getOSFirewallRules"_s, checkStep<firewallSections>);
    registry.add(u"dhcp.getVirtDHCPSettings"_s, checkStep<dhcpSections>);
    // ChuteSpec has no developer firewall rules (paradrop.yaml's `firewall` list is not read).
    registry.add(u"firewall.getDeveloperFirewallRules"_s, noOp);
    // Layer-3 bridging between chutes (ParaDrop's l3bridge) is not supported: nothing to write,
    // so nothing to revert.
    registry.add(u"network.getL3BridgeConfig"_s, noOp);
    registry.add(u"network.setL3BridgeConfig"_s, noOp);
    registry.add(u"network.revert_l3_bridge_config"_s, noOp);

    addSetAndRevert(registry, u"network.setOSNetworkConfig"_s,
                    u"network.revert_os_network_config"_s, RouterPaths::uciNetwork,
                    networkSections);
    addSetAndRevert(registry, u"wifi.setOSWirelessConfig"_s, u"wifi.revert_os_wireless_config"_s,
                    RouterPaths::uciWireless, wirelessSections);
    addSetAndRevert(registry, u"firewall.setOSFirewallRules"_s,
                    u"firewall.revert_os_firewall_rules"_s, RouterPaths::uciFirewall,
                    firewallSections);
    addSetAndRevert(registry, u"dhcp.setVirtDHCPSettings"_s, u"dhcp.revert_dhcp_settings"_s,
                    RouterPaths::uciDhcp, dhcpSections);
}

} // namespace ChuteDeck::Core
