#include "core/steps/hostconfigsteps.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/stepsupport.h"
#include "core/steps/uci.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

Error stepError(const QString &message)
{
    return Error{ErrorCode::StepFailed, message};
}

// The host configuration the update is about: the new one for host configuration changes, else
// the router's.
Result<HostConfig> targetHostConfig(StepContext &context)
{
    const Update &update = updateOf(context);
    if (update.newHostConfig)
        return *update.newHostConfig;
    const UpdateState &state = stateOf(context);
    if (state.hostConfig)
        return *state.hostConfig;
    return readHostConfig(routerOf(context));
}

Result<SystemDevices> systemDevices(StepContext &context)
{
    const UpdateState &state = stateOf(context);
    if (state.devices)
        return *state.devices;
    return readSystemDevices(routerOf(context));
}

// A host configuration value as UCI text: numbers without a fraction, booleans as 1 or 0.
QString uciText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? u"1"_s : u"0"_s;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

Result<void> getSystemDevices(StepContext &context)
{
    Result<SystemDevices> devices = readSystemDevices(routerOf(context));
    if (!devices)
        return devices.error();
    stateOf(context).devices = std::move(devices).value();
    return Result<void>::success();
}

// The devices the host configuration names exist on this router.
Result<void> checkSystemDevices(StepContext &context)
{
    const Result<HostConfig> config = targetHostConfig(context);
    if (!config)
        return config.error();
    const Result<SystemDevices> devices = systemDevices(context);
    if (!devices)
        return devices.error();
    const QStringList wired = QStringList{devices.value().wan} + devices.value().lan;
    const QJsonObject &tree = config.value().tree();
    const auto missingDevice = [](const QString &field, const QString &device) {
        return stepError(
            u"hostconfig: %1: no network device %2 on this router"_s.arg(field, device));
    };
    const QJsonValue wan = tree.value(u"wan"_s).toObject().value(u"interface"_s);
    if (wan.isString() && !wired.contains(wan.toString()))
        return missingDevice(u"wan.interface"_s, wan.toString());
    const QJsonArray lan = tree.value(u"lan"_s).toObject().value(u"interfaces"_s).toArray();
    for (qsizetype i = 0; i < lan.size(); ++i) {
        if (!wired.contains(lan.at(i).toString()))
            return missingDevice(u"lan.interfaces[%1]"_s.arg(i), lan.at(i).toString());
    }
    const QJsonArray wifi = tree.value(u"wifi"_s).toArray();
    for (qsizetype i = 0; i < wifi.size(); ++i) {
        const QString phy = wifi.at(i).toObject().value(u"id"_s).toString();
        const auto &radios = devices.value().radios;
        const bool present
            = std::any_of(radios.cbegin(), radios.cend(),
                          [&](const SystemDevices::Radio &r) { return r.phy == phy; });
        if (!present)
            return stepError(
                u"hostconfig: wifi[%1].id: no radio %2 on this router"_s.arg(i).arg(phy));
    }
    return Result<void>::success();
}

void setFromHostConfig(UciSection &section, const QJsonObject &settings, const QString &key,
                       const QString &option)
{
    if (settings.contains(key))
        section.setOption(option, uciText(settings.value(key)));
}

Result<void> setRadios(UciConfig &wireless, const QJsonArray &radios)
{
    for (qsizetype i = 0; i < radios.size(); ++i) {
        const QJsonObject radio = radios.at(i).toObject();
        const QString phy = radio.value(u"id"_s).toString();
        const auto found = std::find_if(
            wireless.sections.begin(), wireless.sections.end(), [&](const UciSection &section) {
                return section.type == u"wifi-device" && section.option(u"phy") == phy;
            });
        UciSection *device = found == wireless.sections.end() ? nullptr : &*found;
        if (!device) {
            const QString name = u"radio"_s + QString::number(i);
            if (wireless.section(name)) {
                return stepError(u"%1: radio %2 of hostconfig wifi[%3] has no wifi-device section, "
                                 u"and '%4' is another radio's"_s.arg(RouterPaths::uciWireless, phy)
                                     .arg(i)
                                     .arg(name));
            }
            wireless.sections.append({u"wifi-device"_s, name, {}});
            device = &wireless.sections.last();
            device->addOption(u"type"_s, u"mac80211"_s);
            device->addOption(u"phy"_s, phy);
        }
        for (const QString &key : {u"hwmode"_s, u"channel"_s, u"htmode"_s})
            setFromHostConfig(*device, radio, key, key);
    }
    return Result<void>::success();
}

void setInterfaces(UciConfig &network, const QJsonObject &tree)
{
    const QJsonObject lan = tree.value(u"lan"_s).toObject();
    if (UciSection *section = network.section(u"lan"); section && !lan.isEmpty()) {
        QStringList devices;
        for (const QJsonValue &device : lan.value(u"interfaces"_s).toArray())
            devices.append(device.toString());
        if (!devices.isEmpty())
            section->setOption(u"ifname"_s, devices.join(u' '));
        for (const QString &key : {u"proto"_s, u"ipaddr"_s, u"netmask"_s})
            setFromHostConfig(*section, lan, key, key);
    }
    const QJsonObject wan = tree.value(u"wan"_s).toObject();
    if (UciSection *section = network.section(u"wan"); section && !wan.isEmpty()) {
        setFromHostConfig(*section, wan, u"interface"_s, u"ifname"_s);
        setFromHostConfig(*section, wan, u"proto"_s, u"proto"_s);
    }
}

// The device settings of the host configuration in UCI: each radio's channel, hwmode and htmode
// (wireless wifi-device sections) and the LAN and WAN interfaces (network). The other settings
// (firewall defaults, the host's own access points, VLANs) are left as the files have them.
Result<void> setSystemDevices(StepContext &context)
{
    const Result<HostConfig> config = targetHostConfig(context);
    if (!config)
        return config.error();
    const QJsonObject &tree = config.value().tree();
    const Result<void> wireless
        = editUciFile(context, RouterPaths::uciWireless, [&](UciConfig &file) {
              return setRadios(file, tree.value(u"wifi"_s).toArray());
          });
    if (!wireless)
        return wireless;
    return editUciFile(context, RouterPaths::uciNetwork, [&](UciConfig &file) {
        setInterfaces(file, tree);
        return Result<void>::success();
    });
}

Result<void> getHostConfig(StepContext &context)
{
    Result<HostConfig> config = readHostConfig(routerOf(context));
    if (!config)
        return config.error();
    stateOf(context).hostConfig = std::move(config).value();
    return Result<void>::success();
}

// Host configuration changes write the new configuration. ParaDrop's chute updates rewrote it
// only when it had changed, which a chute change never does here: for them this writes nothing.
Result<void> setHostConfig(StepContext &context)
{
    const Update &update = updateOf(context);
    if (update.updateClass() != UpdateClass::Router || !update.newHostConfig)
        return Result<void>::success();
    context.appendOutput(u"wrote "_s + RouterPaths::hostConfig);
    return replaceFile(context, RouterPaths::hostConfig, update.newHostConfig->toYaml());
}

Result<void> revertHostConfig(StepContext &context)
{
    return restoreFile(context, RouterPaths::hostConfig);
}

// Every UCI file must read (a broken one fails naming file:line) before the router reloads them.
Result<void> reloadAll(StepContext &context)
{
    Router &router = routerOf(context);
    for (const QLatin1StringView path : {RouterPaths::uciNetwork, RouterPaths::uciWireless,
                                         RouterPaths::uciFirewall, RouterPaths::uciDhcp}) {
        const Result<UciConfig> config = readUciFile(router, path);
        if (!config)
            return config.error();
    }
    const Result<CommandOutput> output = router.run({u"reload_config"_s});
    if (!output)
        return output.error();
    if (output.value().exitCode != 0) {
        return Error{ErrorCode::CommandFailed,
                     u"reload_config exited with %1: %2"_s.arg(output.value().exitCode)
                         .arg(QString::fromUtf8(output.value().standardError).trimmed())};
    }
    return Result<void>::success();
}

Result<void> succeed(StepContext &)
{
    return Result<void>::success();
}

} // namespace

void registerHostConfigSteps(StepRegistry &registry)
{
    registry.add(u"devices.getSystemDevices"_s, getSystemDevices);
    registry.add(u"devices.checkSystemDevices"_s, checkSystemDevices);
    registry.add(u"devices.setSystemDevices"_s, setSystemDevices);
    registry.add(u"hostconfig.getHostConfig"_s, getHostConfig);
    registry.add(u"hostconfig.setHostConfig"_s, setHostConfig);
    registry.add(u"hostconfig.revertHostConfig"_s, revertHostConfig);
    registry.add(u"configservice.reloadAll"_s, reloadAll);
    // Marks where a rollback reloads the configuration (its undo is reloadAll); does nothing.
    registry.add(u"configservice.reload_placeholder"_s, succeed);
    // ZeroTier, Airshark and telemetry are not part of the routers ChuteDeck manages (nor of the
    // sandbox): their configuration steps succeed without changing anything.
    registry.add(u"zerotier.configure"_s, succeed);
    registry.add(u"airshark.configure"_s, succeed);
    registry.add(u"services.configure_telemetry"_s, succeed);
}

} // namespace ChuteDeck::Core
