#include "core/chute/chutetree.h"

namespace ChuteDeck::Core {
namespace {

using Tree = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Tree textPairsTree(const TextPairs &pairs)
{
    Tree tree = Tree::object();
    for (const auto &[key, value] : pairs)
        tree[utf8(key)] = utf8(value);
    return tree;
}

Tree textListTree(const QStringList &list)
{
    Tree tree = Tree::array();
    for (const QString &text : list)
        tree.push_back(utf8(text));
    return tree;
}

void setIfNotEmpty(Tree &tree, const char *key, const QString &text)
{
    if (!text.isEmpty())
        tree[key] = utf8(text);
}

void setIfNotEmpty(Tree &tree, const char *key, const QStringList &list)
{
    if (!list.isEmpty())
        tree[key] = textListTree(list);
}

void setIfNotEmpty(Tree &tree, const char *key, const TextPairs &pairs)
{
    if (!pairs.isEmpty())
        tree[key] = textPairsTree(pairs);
}

Tree interfaceTree(const InterfaceSpec &spec)
{
    Tree tree = Tree::object();
    tree["type"] = utf8(interfaceTypeName(spec.type));
    if (spec.dhcp) {
        tree["dhcp"] = Tree{{"leasetime", utf8(spec.dhcp->leasetime)},
                            {"limit", spec.dhcp->limit},
                            {"start", spec.dhcp->start}};
    }
    setIfNotEmpty(tree, "dns", spec.dns);
    setIfNotEmpty(tree, "wireless", spec.wireless);
    Tree requirements = Tree::object();
    setIfNotEmpty(requirements, "hwmode", spec.hwmode);
    setIfNotEmpty(requirements, "ipv4_network", spec.ipv4Network);
    if (!requirements.empty())
        tree["requirements"] = std::move(requirements);
    if (spec.vlanId != 0)
        tree["vlan-id"] = spec.vlanId;
    return tree;
}

Tree requestsTree(const ServiceSpec &service)
{
    Tree tree = Tree::object();
    if (service.asRoot)
        tree["as-root"] = true;
    if (service.privileged)
        tree["privileged"] = true;
    if (service.cpuFraction)
        tree["cpu-fraction"] = *service.cpuFraction;
    if (!service.portBindings.isEmpty()) {
        Tree bindings = Tree::array();
        for (const PortBinding &binding : service.portBindings)
            bindings.push_back(
                Tree{{"external", binding.external}, {"internal", binding.internal}});
        tree["port-bindings"] = std::move(bindings);
    }
    return tree;
}

Tree serviceTree(const ServiceSpec &service)
{
    Tree tree = Tree::object();
    tree["type"] = utf8(serviceTypeName(service.type));
    // An empty source of a light or normal service is written, or it would read back as ".".
    if (!service.source.isEmpty() || service.type != ServiceType::Image)
        tree["source"] = utf8(service.source);
    setIfNotEmpty(tree, "image", service.image);
    setIfNotEmpty(tree, "command", service.command);
    setIfNotEmpty(tree, "dns", service.dns);
    setIfNotEmpty(tree, "environment", service.environment);
    if (!service.interfaces.isEmpty()) {
        Tree interfaces = Tree::object();
        for (const InterfaceSpec &spec : service.interfaces)
            interfaces[utf8(spec.name)] = interfaceTree(spec);
        tree["interfaces"] = std::move(interfaces);
    }
    Tree requests = requestsTree(service);
    if (!requests.empty())
        tree["requests"] = std::move(requests);
    return tree;
}

} // namespace

nlohmann::ordered_json chuteTree(const ChuteSpec &chute)
{
    Tree tree = Tree::object();
    tree["name"] = utf8(chute.name);
    setIfNotEmpty(tree, "description", chute.description);
    setIfNotEmpty(tree, "version", chute.version);
    setIfNotEmpty(tree, "environment", chute.environment);
    Tree services = Tree::object();
    for (const ServiceSpec &service : chute.services)
        services[utf8(service.name)] = serviceTree(service);
    tree["services"] = std::move(services);
    if (chute.web)
        tree["web"] = Tree{{"service", utf8(chute.web->service)}, {"port", chute.web->port}};
    return tree;
}

} // namespace ChuteDeck::Core
