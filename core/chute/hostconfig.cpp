#include "core/chute/hostconfig.h"

#include "core/chute/hostconfigvalidator.h"
#include "core/chute/yamlfield.h"
#include "core/chute/yamlwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

const QString kDefaultSubnetPool = u"10.128.0.0/9"_s;
constexpr int kDefaultPrefixSize = 24;
const QString kDefaultLanAddress = u"10.0.0.1"_s;
const QString kDefaultLanNetwork = u"10.0.0.0/24"_s;

// YAML aliases can make a small file describe a huge (or, with a self-reference, endless) tree.
constexpr int kMaxValues = 100000;

QJsonObject acceptAll(QJsonObject extra = {})
{
    for (const QString &chain : {u"input"_s, u"output"_s, u"forward"_s})
        extra.insert(chain, u"ACCEPT"_s);
    return extra;
}

QJsonObject lanDefaults(const SystemDevices &devices)
{
    QJsonArray forwarding;
    if (!devices.wan.isEmpty())
        forwarding.append(QJsonObject{{u"src"_s, u"lan"_s}, {u"dest"_s, u"wan"_s}});
    return {
        {u"interfaces"_s, QJsonArray::fromStringList(devices.lan)},
        {u"proto"_s, u"static"_s},
        {u"ipaddr"_s, kDefaultLanAddress},
        {u"netmask"_s, u"255.255.255.0"_s},
        {u"dhcp"_s, QJsonObject{{u"start"_s, 100}, {u"limit"_s, 100}, {u"leasetime"_s, u"12h"_s}}},
        {u"firewall"_s, QJsonObject{{u"defaults"_s, acceptAll({{u"conntrack"_s, u"1"_s}})},
                                    {u"forwarding"_s, forwarding}}},
    };
}

QJsonObject wanDefaults(const QString &device)
{
    const QJsonArray masqueraded{kDefaultLanNetwork, kDefaultSubnetPool};
    const QJsonObject defaults
        = acceptAll({{u"conntrack"_s, u"1"_s}, {u"masq"_s, u"1"_s}, {u"masq_src"_s, masqueraded}});
    return {{u"interface"_s, device},
            {u"proto"_s, u"dhcp"_s},
            {u"firewall"_s, QJsonObject{{u"defaults"_s, defaults}}}};
}

// 2.4 GHz radios on channel 1 (11g), 5 GHz radios on channel 36 (11a); the widest channel the
// radio's modes allow.
QJsonObject radioDefaults(const SystemDevices::Radio &radio)
{
    const bool fiveGHz = radio.band == u"5";
    QJsonObject config{{u"id"_s, radio.phy},
                       {u"channel"_s, fiveGHz ? 36 : 1},
                       {u"hwmode"_s, fiveGHz ? u"11a"_s : u"11g"_s}};
    const QStringList modes = radio.hwmodes.split(u'/');
    if (fiveGHz && modes.contains(u"ac"_s))
        config.insert(u"htmode"_s, u"VHT80"_s);
    else if (modes.contains(u"n"_s) || modes.contains(u"11n"_s))
        config.insert(u"htmode"_s, u"HT20"_s);
    return config;
}

// YAML to a JSON tree as ParaDrop's PyYAML typed it: plain integers, floats, booleans and nulls
// become JSON numbers, booleans and null; everything else (quoted text, "12h") is text. Records
// the line of every field for validation messages.
class YamlToJson
{
public:
    explicit YamlToJson(const QString &fileName)
        : m_fileName(fileName)
    {}

    const QHash<QString, int> &lines() const { return m_lines; }

    QJsonValue convert(const YAML::Node &node, const QString &path, int line, int depth)
    {
        if (depth > kMaxHostConfigDepth)
            throwFieldFailure(m_fileName, line, path, u"nested too deeply"_s);
        if (++m_values > kMaxValues)
            throwFieldFailure(m_fileName, line, path,
                              u"holds more than %1 values (through aliases?)"_s.arg(kMaxValues));
        m_lines.insert(path, line);
        if (node.IsMap())
            return convertMap(node, path, depth);
        if (node.IsSequence())
            return convertSequence(node, path, line, depth);
        if (node.IsScalar())
            return scalar(node);
        return QJsonValue::Null;
    }

private:
    static int lineOf(const YAML::Node &node, int fallback)
    {
        return node.Mark().is_null() ? fallback : node.Mark().line + 1;
    }

    QJsonObject convertMap(const YAML::Node &node, const QString &path, int depth)
    {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const int line = lineOf(it->first, m_lines.value(path));
            if (!it->first.IsScalar())
                throwFieldFailure(m_fileName, line, path, u"keys must be text"_s);
            const QString key = QString::fromStdString(it->first.Scalar());
            const QString memberPathText = memberPath(path, key);
            if (object.contains(key))
                throwFieldFailure(m_fileName, line, memberPathText, u"duplicate key"_s);
            object.insert(key, convert(it->second, memberPathText, line, depth + 1));
        }
        return object;
    }

    QJsonArray convertSequence(const YAML::Node &node, const QString &path, int line, int depth)
    {
        QJsonArray array;
        qsizetype index = 0;
        for (const YAML::Node &item : node)
            array.append(convert(item, itemPath(path, index++), lineOf(item, line), depth + 1));
        return array;
    }

    static QJsonValue scalar(const YAML::Node &node)
    {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() != "?") // quoted or explicitly tagged: text as written
            return text;
        static const QSet<QString> trueWords{u"true"_s, u"True"_s, u"TRUE"_s};
        static const QSet<QString> falseWords{u"false"_s, u"False"_s, u"FALSE"_s};
        if (trueWords.contains(text))
            return true;
        if (falseWords.contains(text))
            return false;
        static const QRegularExpression integer(u"^[-+]?[0-9]+$"_s);
        static const QRegularExpression real(
            u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
        bool ok = false;
        if (integer.match(text).hasMatch()) {
            const qint64 value = text.toLongLong(&ok);
            if (ok)
                return value;
        }
        if (real.match(text).hasMatch())
            return text.toDouble();
        return text;
    }

    const QString &m_fileName;
    QHash<QString, int> m_lines;
    int m_values = 0;
};

QByteArray compactJson(const QJsonObject &tree)
{
    return QJsonDocument(tree).toJson(QJsonDocument::Compact);
}

Error patchError(const QString &fileName, const QString &field, const QString &what)
{
    return Error{ErrorCode::InvalidPatch, fieldMessage(fileName, 0, field, what)};
}

} // namespace

HostConfig HostConfig::defaults(const SystemDevices &devices)
{
    QJsonObject tree{
        {u"firewall"_s, QJsonObject{{u"defaults"_s, acceptAll()}}},
        {u"lan"_s, lanDefaults(devices)},
        {u"vlan-interfaces"_s, QJsonArray()},
        {u"telemetry"_s, QJsonObject{{u"enabled"_s, false}, {u"interval"_s, 60}}},
        {u"zerotier"_s, QJsonObject{{u"enabled"_s, false}, {u"networks"_s, QJsonArray()}}},
    };
    if (!devices.wan.isEmpty())
        tree.insert(u"wan"_s, wanDefaults(devices.wan));
    QJsonArray radios;
    for (const SystemDevices::Radio &radio : devices.radios)
        radios.append(radioDefaults(radio));
    tree.insert(u"wifi"_s, radios);
    // An open access point on the first radio, bridged to the LAN, as ParaDrop set up.
    QJsonArray accessPoints;
    if (!devices.radios.isEmpty()) {
        accessPoints.append(QJsonObject{{u"device"_s, devices.radios.first().phy},
                                        {u"ssid"_s, u"ParaDrop"_s},
                                        {u"mode"_s, u"ap"_s},
                                        {u"network"_s, u"lan"_s}});
    }
    tree.insert(u"wifi-interfaces"_s, accessPoints);
    // Warn about missing radios only where there were radios to begin with.
    const QJsonValue onMissingWiFi
        = devices.radios.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(u"warn"_s);
    tree.insert(u"system"_s, QJsonObject{{u"autoUpdate"_s, true},
                                         {u"chuteSubnetPool"_s, kDefaultSubnetPool},
                                         {u"chutePrefixSize"_s, kDefaultPrefixSize},
                                         {u"onMissingWiFi"_s, onMissingWiFi}});
    return HostConfig(tree);
}

Result<HostConfig> HostConfig::parse(const QByteArray &text, const QString &fileName)
{
    return readYamlDocument<HostConfig>(
        text, fileName, ErrorCode::InvalidHostConfig, [&fileName](const YamlField &root) {
            YamlToJson converter(fileName);
            const QJsonValue tree = converter.convert(root.node(), {}, root.line(), 0);
            if (!tree.isObject())
                root.fail(u"a host configuration must be a map of settings"_s);
            validateHostConfig(tree.toObject(), fileName, converter.lines());
            return HostConfig(tree.toObject());
        });
}

Result<HostConfig> HostConfig::load(const QString &file)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, file + u": "_s + input.errorString()};
    return parse(input.readAll(), file);
}

Result<HostConfig> HostConfig::fromJson(const QJsonObject &tree, const QString &origin)
{
    try {
        validateHostConfig(tree, origin, {});
    } catch (const FieldFailure &failure) {
        return Error{ErrorCode::InvalidHostConfig, failure.message};
    }
    return HostConfig(tree);
}

QByteArray HostConfig::toYaml() const
{
    return treeToYaml(nlohmann::ordered_json::parse(compactJson(m_tree).toStdString()));
}

QString HostConfig::chuteSubnetPool() const
{
    return m_tree.value(u"system"_s)
        .toObject()
        .value(u"chuteSubnetPool"_s)
        .toString(kDefaultSubnetPool);
}

int HostConfig::chutePrefixSize() const
{
    return m_tree.value(u"system"_s)
        .toObject()
        .value(u"chutePrefixSize"_s)
        .toInt(kDefaultPrefixSize);
}

Result<HostConfig> HostConfig::patched(const QByteArray &jsonPatch, const QString &fileName) const
{
    // Qt's parser first: it bounds the nesting depth, which nlohmann's copies would recurse into.
    QJsonParseError parseError;
    const QJsonDocument patchDocument = QJsonDocument::fromJson(jsonPatch, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return patchError(fileName, {},
                          u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                              .arg(parseError.errorString()));
    }
    if (!patchDocument.isArray())
        return patchError(fileName, {}, u"a JSON Patch must be a list of operations"_s);

    nlohmann::json document = nlohmann::json::parse(compactJson(m_tree).toStdString());
    nlohmann::json operations;
    try {
        operations = nlohmann::json::parse(jsonPatch.toStdString());
    } catch (const nlohmann::json::exception &error) {
        return patchError(fileName, {}, QString::fromUtf8(error.what()));
    }
    // One operation at a time, so that an error names the operation that failed.
    for (std::size_t i = 0; i < operations.size(); ++i) {
        try {
            document = document.patch(nlohmann::json::array({operations[i]}));
        } catch (const nlohmann::json::exception &error) {
            return patchError(fileName, itemPath({}, qsizetype(i)),
                              QString::fromUtf8(error.what()));
        }
    }
    if (!document.is_object()) {
        return Error{
            ErrorCode::InvalidHostConfig,
            fieldMessage(fileName, 0, {}, u"the patched host configuration is not a map"_s)};
    }
    // Adding a deep value at a deep path can pass Qt's nesting limit, which the patch alone did
    // not.
    QJsonParseError resultError;
    const QJsonDocument result
        = QJsonDocument::fromJson(QByteArray::fromStdString(document.dump()), &resultError);
    if (resultError.error != QJsonParseError::NoError) {
        return Error{ErrorCode::InvalidHostConfig,
                     fieldMessage(fileName, 0, {},
                                  u"the patched host configuration cannot be read back: "_s
                                      + resultError.errorString())};
    }
    return fromJson(result.object(), fileName);
}

} // namespace ChuteDeck::Core
