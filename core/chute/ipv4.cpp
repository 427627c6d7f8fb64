#include "core/chute/ipv4.h"

#include <QList>

namespace ChuteDeck::Core {
namespace {

// Only plain digits: toUInt() would also accept signs and spaces.
std::optional<uint> decimal(QStringView text, uint max)
{
    if (text.isEmpty() || text.size() > 3)
        return std::nullopt;
    uint value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    if (value > max)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<quint32> parseIPv4(QStringView text)
{
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    quint32 address = 0;
    for (const QStringView part : parts) {
        const std::optional<uint> byte = decimal(part, 255);
        if (!byte)
            return std::nullopt;
        address = (address << 8) | *byte;
    }
    return address;
}

std::optional<IPv4Network> parseIPv4Network(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const std::optional<quint32> address = parseIPv4(text.left(slash));
    const std::optional<uint> prefix = decimal(text.mid(slash + 1), 32);
    if (!address || !prefix)
        return std::nullopt;
    const quint32 hostMask = *prefix == 32 ? 0 : 0xffffffffU >> *prefix;
    if ((*address & hostMask) != 0)
        return std::nullopt;
    return IPv4Network{*address, int(*prefix)};
}

bool isIPv4Netmask(QStringView text)
{
    const std::optional<quint32> mask = parseIPv4(text);
    if (!mask)
        return false;
    const quint32 inverted = ~*mask;
    return (inverted & (inverted + 1)) == 0;
}

} // namespace ChuteDeck::Core
