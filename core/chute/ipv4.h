#pragma once

#include <QStringView>

#include <optional>

namespace ChuteDeck::Core {

// Dotted-quad IPv4 text, without Qt Network (core/ stays headless): four decimal parts 0-255.
std::optional<quint32> parseIPv4(QStringView text);

struct IPv4Network
{
    quint32 address = 0;
    int prefixLength = 0;
};
// "10.128.0.0/9": an address, a prefix length 0-32, and no host bits set.
std::optional<IPv4Network> parseIPv4Network(QStringView text);

// A netmask such as 255.255.255.0: contiguous one bits from the top.
bool isIPv4Netmask(QStringView text);

} // namespace ChuteDeck::Core
