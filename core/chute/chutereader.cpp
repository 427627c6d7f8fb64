#include "core/chute/chutereader.h"

#include "core/chute/ipv4.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

constexpr qsizetype kMaxInterfaceName = 16;

QString portRule()
{
    return u"must be a port number from 1 to 65535"_s;
}

ServiceType serviceType(const YamlField &field, bool singleServiceForm)
{
    const QString name = field.textOr(u"normal"_s);
    if (name == u"light")
        return ServiceType::Light;
    // "heavy" is what pre-0.12 chutes called a chute built from its own Dockerfile.
    if (name == u"normal" || (singleServiceForm && name == u"heavy"))
        return ServiceType::Normal;
    if (name == u"image")
        return ServiceType::Image;
    field.fail(u"unknown service type '%1' (expected light, normal or image)"_s.arg(name));
}

InterfaceType interfaceType(const YamlField &field, const YamlField &mode, bool singleServiceForm)
{
    QString name = field.text();
    // Pre-0.12 chutes wrote `type: wifi` with an optional `mode` (ap by default).
    if (singleServiceForm && name == u"wifi") {
        const QString wifiMode = mode.textOr(u"ap"_s);
        name = wifiMode == u"ap" ? u"wifi-ap"_s : wifiMode;
    }
    if (name == u"wifi-ap")
        return InterfaceType::WifiAp;
    if (name == u"monitor")
        return InterfaceType::Monitor;
    if (name == u"vlan")
        return InterfaceType::Vlan;
    field.fail(u"unknown interface type '%1' (expected wifi-ap, monitor or vlan)"_s.arg(name));
}

// Free text, kept as written; unlike text(), an empty value is not "required" but wrong.
QString scalarText(const YamlField &field)
{
    if (!field.isScalar())
        field.fail(u"must be a text value"_s);
    return field.text();
}

TextPairs readTextPairs(const YamlField &field)
{
    TextPairs pairs;
    for (const auto &[key, value] : field.members())
        pairs.append({key, scalarText(value)});
    return pairs;
}

void setPair(TextPairs &pairs, const QString &key, const QString &value)
{
    for (auto &pair : pairs) {
        if (pair.first == key) {
            pair.second = value;
            return;
        }
    }
    pairs.append({key, value});
}

// A string stays one element: ParaDrop handed it to Docker as it was (a shell-form CMD for light
// services), so splitting it here would change what runs.
QStringList readCommand(const YamlField &field)
{
    if (field.isScalar())
        return {field.text()};
    return field.textList();
}

QString readSource(const YamlField &field, ServiceType type)
{
    QString source = field.textOr(type == ServiceType::Image ? QString() : u"."_s);
    const QString cleaned = QDir::cleanPath(source);
    if (QDir::isAbsolutePath(source) || cleaned == u".." || cleaned.startsWith(u"../"))
        field.fail(u"must be a folder inside the chute"_s);
    return source;
}

std::optional<double> readCpuFraction(const YamlField &field)
{
    if (field.isAbsent())
        return std::nullopt;
    bool ok = false;
    const double value = field.isScalar() ? field.text().toDouble(&ok) : 0.0;
    if (!ok || !(value > 0.0 && value <= 1.0))
        field.fail(u"must be a number greater than 0 and at most 1"_s);
    return value;
}

DhcpSpec readDhcp(const YamlField &field, bool singleServiceForm)
{
    if (!field.isMap())
        field.fail(u"must be a map"_s);
    static const QRegularExpression leaseTime(u"^(\\d+[dhms]?|infinite)$"_s);
    DhcpSpec dhcp;
    // `lease` is the pre-0.12 spelling.
    const bool oldSpelling = singleServiceForm && !field.containsKey("leasetime");
    const YamlField lease = field[oldSpelling ? "lease" : "leasetime"];
    dhcp.leasetime = lease.textOr(dhcp.leasetime);
    if (!leaseTime.match(dhcp.leasetime).hasMatch())
        lease.fail(u"must be a lease time such as 12h, 30m or infinite"_s);
    const QString countRule = u"must be an integer from 1 to 65535"_s;
    dhcp.limit = int(field["limit"].integerOr(dhcp.limit, 1, 65535, countRule));
    dhcp.start = int(field["start"].integerOr(dhcp.start, 1, 65535, countRule));
    return dhcp;
}

// Pre-0.12 chutes put the wireless options beside `type` or under `options`.
void readSingleServiceWireless(const YamlField &field, TextPairs &wireless)
{
    static const QSet<QString> options{u"ssid"_s,        u"key"_s,         u"nasid"_s,
                                       u"acct_server"_s, u"acct_secret"_s, u"acct_interval"_s,
                                       u"hidden"_s,      u"isolate"_s,     u"maxassoc"_s};
    for (const YamlField &source : {field, field["options"]}) {
        for (const auto &[key, value] : source.members()) {
            if (options.contains(key))
                setPair(wireless, key, scalarText(value));
        }
    }
}

void readRequirements(const YamlField &requirements, InterfaceSpec &spec)
{
    const YamlField hwmode = requirements["hwmode"];
    spec.hwmode = hwmode.textOr({});
    static const QStringList hwmodes{u"11a"_s, u"11b"_s, u"11g"_s};
    if (!spec.hwmode.isEmpty() && !hwmodes.contains(spec.hwmode))
        hwmode.fail(u"must be 11a, 11b or 11g"_s);
    const YamlField network = requirements["ipv4_network"];
    spec.ipv4Network = network.textOr({});
    if (!spec.ipv4Network.isEmpty() && !parseIPv4Network(spec.ipv4Network))
        network.fail(u"must be an IPv4 network such as 192.168.30.0/24"_s);
}

void checkServiceNeeds(const YamlField &image, const YamlField &command, const ServiceSpec &service)
{
    if (service.type == ServiceType::Image && service.image.isEmpty())
        image.fail(u"is required for a service of type image"_s);
    if (service.type == ServiceType::Light && service.image.isEmpty())
        image.fail(u"is required for a light service (the base image, e.g. python3 or node)"_s);
    if (service.type == ServiceType::Light && service.command.isEmpty())
        command.fail(u"is required for a light service"_s);
}

void appendInterface(ServiceSpec &service, InterfaceSpec spec, const YamlField &nameField)
{
    for (const InterfaceSpec &existing : std::as_const(service.interfaces)) {
        if (existing.name == spec.name)
            nameField.fail(u"interface %1 is defined twice"_s.arg(spec.name));
    }
    service.interfaces.append(std::move(spec));
}

} // namespace

bool isSafeName(const QString &name, qsizetype maxLength, bool allowDot)
{
    if (name.isEmpty() || name.size() > maxLength || name.startsWith(u'-'))
        return false;
    return std::all_of(name.cbegin(), name.cend(), [allowDot](QChar c) {
        return (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_'
               || (allowDot && c == u'.');
    });
}

ChuteSpec ChuteReader::read(const YamlField &root)
{
    if (!root.isMap())
        root.fail(u"a chute configuration must be a map of settings"_s);
    m_boundPorts.clear();
    ChuteSpec chute;
    const YamlField name = root["name"];
    chute.name = name.text();
    if (!isValidChuteName(chute.name))
        name.fail(u"must be 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s);
    chute.description = root["description"].textOr({});
    chute.version = root["version"].textOr({});
    chute.environment = readTextPairs(root["environment"]);
    if (root.containsKey("services"))
        readServicesForm(root, chute);
    else
        readSingleServiceForm(root, chute);
    return chute;
}

void ChuteReader::readServicesForm(const YamlField &root, ChuteSpec &chute)
{
    const YamlField services = root["services"];
    for (const auto &[name, field] : services.members())
        chute.services.append(readService(name, field));
    if (chute.services.isEmpty())
        services.fail(u"must name at least one service"_s);
    if (root.has("web"))
        chute.web = readWeb(root["web"], chute);
}

void ChuteReader::readSingleServiceForm(const YamlField &root, ChuteSpec &chute)
{
    const YamlField config = root["config"];
    ServiceSpec service;
    service.name = u"main"_s;
    service.type = serviceType(root["type"], true);
    service.image = root["use"].textOr({});
    service.source = u"."_s;
    service.command = readCommand(root["command"]);
    service.environment = readTextPairs(config["environment"]);
    service.asRoot = root["as_root"].booleanOr(false);
    // The keys of `net` are labels; `intfName` names the interface inside the chute.
    for (const auto &[label, field] : config["net"].members()) {
        const YamlField name = field["intfName"];
        appendInterface(service, readInterface(name.text(), name, field, true), name);
    }
    // Docker's form: {"<internal>[/<protocol>]": <external>}.
    for (const auto &[key, external] : config["host_config"]["port_bindings"].members()) {
        bool ok = false;
        const int internal = key.section(u'/', 0, 0).toInt(&ok);
        if (!ok || internal < 1 || internal > 65535)
            external.fail(u"must be keyed by a container port such as 80 or 80/tcp"_s);
        service.portBindings.append(bind(external, internal));
    }
    checkServiceNeeds(root["use"], root["command"], service);
    chute.services.append(std::move(service));
    const YamlField webPort = config["web"]["port"];
    if (!webPort.isAbsent())
        chute.web = WebSpec{u"main"_s, int(webPort.integer(1, 65535, portRule()))};
}

ServiceSpec ChuteReader::readService(const QString &name, const YamlField &field)
{
    if (!field.isMap())
        field.fail(u"must be a map"_s);
    if (!isValidChuteName(name))
        field.fail(
            u"service names are 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s);
    ServiceSpec service;
    service.name = name;
    service.type = serviceType(field["type"], false);
    service.image = field["image"].textOr({});
    service.source = readSource(field["source"], service.type);
    service.command = readCommand(field["command"]);
    service.dns = field["dns"].textList();
    service.environment = readTextPairs(field["environment"]);
    for (const auto &[interfaceName, spec] : field["interfaces"].members())
        appendInterface(service, readInterface(interfaceName, spec, spec, false), spec);
    readRequests(field["requests"], service);
    checkServiceNeeds(field["image"], field["command"], service);
    return service;
}

void ChuteReader::readRequests(const YamlField &requests, ServiceSpec &service)
{
    service.asRoot = requests["as-root"].booleanOr(false);
    service.privileged = requests["privileged"].booleanOr(false);
    service.cpuFraction = readCpuFraction(requests["cpu-fraction"]);
    for (const YamlField &item : requests["port-bindings"].items()) {
        if (!item.isMap())
            item.fail(u"must be a map with external and internal ports"_s);
        const int internal = int(item["internal"].integer(1, 65535, portRule()));
        service.portBindings.append(bind(item["external"], internal));
    }
}

InterfaceSpec ChuteReader::readInterface(const QString &name, const YamlField &nameField,
                                         const YamlField &field, bool singleServiceForm)
{
    if (!field.isMap())
        field.fail(u"must be a map"_s);
    if (name.size() > kMaxInterfaceName)
        nameField.fail(u"interface name is longer than 16 characters"_s);
    if (!isSafeName(name, kMaxInterfaceName, true))
        nameField.fail(u"interface names use letters, digits, '-', '_' and '.', not starting "
                       "with '-'"_s);
    InterfaceSpec spec;
    spec.name = name;
    spec.type = interfaceType(field["type"], field["mode"], singleServiceForm);
    if (field.has("dhcp"))
        spec.dhcp = readDhcp(field["dhcp"], singleServiceForm);
    spec.dns = field["dns"].textList();
    spec.wireless = readTextPairs(field["wireless"]);
    if (singleServiceForm)
        readSingleServiceWireless(field, spec.wireless);
    readRequirements(field["requirements"], spec);
    const YamlField vlanId = field["vlan-id"];
    if (spec.type == InterfaceType::Vlan || !vlanId.isAbsent())
        spec.vlanId = int(vlanId.integer(1, 4094, u"must be a VLAN id from 1 to 4094"_s));
    return spec;
}

PortBinding ChuteReader::bind(const YamlField &external, int internal)
{
    const PortBinding binding{int(external.integer(1, 65535, portRule())), internal};
    const auto previous = m_boundPorts.constFind(binding.external);
    if (previous != m_boundPorts.cend())
        external.fail(u"port %1 is already bound by %2"_s.arg(binding.external).arg(*previous));
    m_boundPorts.insert(binding.external, external.path());
    return binding;
}

WebSpec ChuteReader::readWeb(const YamlField &web, const ChuteSpec &chute)
{
    const YamlField service = web["service"];
    WebSpec spec{service.text(), int(web["port"].integer(1, 65535, portRule()))};
    if (!chute.service(spec.service))
        service.fail(u"no service named '%1' in this chute"_s.arg(spec.service));
    return spec;
}

} // namespace ChuteDeck::Core
