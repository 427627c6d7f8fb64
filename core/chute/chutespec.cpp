#include "core/chute/chutespec.h"

#include "core/chute/chutereader.h"
#include "core/chute/chutetree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

constexpr std::array kChuteStates{
    std::pair{ChuteState::Invalid, u"invalid"}, std::pair{ChuteState::Disabled, u"disabled"},
    std::pair{ChuteState::Running, u"running"}, std::pair{ChuteState::Frozen, u"frozen"},
    std::pair{ChuteState::Stopped, u"stopped"},
};

// Decimal digit strings of any length, compared without converting (no overflow).
int compareNumbers(QStringView a, QStringView b)
{
    while (a.size() > 1 && a.front() == u'0')
        a = a.mid(1);
    while (b.size() > 1 && b.front() == u'0')
        b = b.mid(1);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

// One part of a dotted version: its leading number first, then the rest as text ("0" < "0-rc").
int compareVersionParts(QStringView a, QStringView b)
{
    const auto numberLength = [](QStringView part) {
        return std::find_if(part.begin(), part.end(), [](QChar c) { return !c.isDigit(); })
               - part.begin();
    };
    const qsizetype aDigits = numberLength(a);
    const qsizetype bDigits = numberLength(b);
    if (aDigits > 0 && bDigits > 0) {
        if (const int byNumber = compareNumbers(a.left(aDigits), b.left(bDigits)))
            return byNumber;
        return a.mid(aDigits).compare(b.mid(bDigits));
    }
    return a.compare(b);
}

} // namespace

QString chuteStateName(ChuteState state)
{
    for (const auto &[value, name] : kChuteStates) {
        if (value == state)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<ChuteState> chuteStateFromName(QStringView name)
{
    for (const auto &[value, stateName] : kChuteStates) {
        if (name == QStringView(stateName))
            return value;
    }
    return std::nullopt;
}

QString interfaceTypeName(InterfaceType type)
{
    switch (type) {
    case InterfaceType::WifiAp:
        return u"wifi-ap"_s;
    case InterfaceType::Monitor:
        return u"monitor"_s;
    case InterfaceType::Vlan:
        return u"vlan"_s;
    }
    return {};
}

QString serviceTypeName(ServiceType type)
{
    switch (type) {
    case ServiceType::Light:
        return u"light"_s;
    case ServiceType::Normal:
        return u"normal"_s;
    case ServiceType::Image:
        return u"image"_s;
    }
    return {};
}

QString InterfaceSpec::wirelessOption(const QString &key) const
{
    for (const auto &[option, value] : wireless) {
        if (option == key)
            return value;
    }
    return {};
}

const ServiceSpec *ChuteSpec::service(const QString &serviceName) const
{
    const auto found = std::find_if(services.cbegin(), services.cend(),
                                    [&](const ServiceSpec &s) { return s.name == serviceName; });
    return found == services.cend() ? nullptr : &*found;
}

QString ChuteSpec::containerName(const ServiceSpec &serviceSpec) const
{
    return name + u'-' + serviceSpec.name;
}

QString ChuteSpec::imageName(const ServiceSpec &serviceSpec) const
{
    if (serviceSpec.type == ServiceType::Image)
        return serviceSpec.image;
    // A Docker tag cannot be empty; ParaDrop tagged chutes without a version "latest".
    return containerName(serviceSpec) + u':' + (version.isEmpty() ? u"latest"_s : version);
}

bool isValidChuteName(const QString &name)
{
    return isSafeName(name, 64, false);
}

int compareVersions(const QString &a, const QString &b)
{
    const QList<QStringView> aParts = QStringView(a).split(u'.');
    const QList<QStringView> bParts = QStringView(b).split(u'.');
    const QStringView zero = u"0";
    for (qsizetype i = 0; i < std::max(aParts.size(), bParts.size()); ++i) {
        const QStringView aPart = i < aParts.size() && !aParts[i].isEmpty() ? aParts[i] : zero;
        const QStringView bPart = i < bParts.size() && !bParts[i].isEmpty() ? bParts[i] : zero;
        if (const int order = compareVersionParts(aPart, bPart))
            return order;
    }
    return 0;
}

Result<ChuteSpec> parseChute(const QByteArray &text, const QString &fileName)
{
    return readYamlDocument<ChuteSpec>(
        text, fileName, ErrorCode::InvalidChute,
        [](const YamlField &root) { return ChuteReader().read(root); });
}

Result<ChuteSpec> loadChute(const QString &folderOrFile)
{
    const QString path = QFileInfo(folderOrFile).isDir()
                             ? QDir(folderOrFile).filePath(u"paradrop.yaml"_s)
                             : folderOrFile;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, path + u": "_s + file.errorString()};
    return parseChute(file.readAll(), path);
}

QByteArray chuteToJson(const ChuteSpec &chute)
{
    // Strings come from QString, so they are valid UTF-8; `replace` only keeps dump() from ever
    // throwing.
    const std::string json
        = chuteTree(chute).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray::fromStdString(json);
}

} // namespace ChuteDeck::Core
