#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace ChuteDeck::Core {

class Router;
class StepContext;

// OpenWrt's UCI text (etc/config/network, wireless, firewall, dhcp), read and written without
// libuci so that the same code serves the sandbox and a router reached over SSH.
struct UciOption
{
    QString key;
    QString value;
    bool isList = false; // `list key 'value'`: one line per item, in order

    friend bool operator==(const UciOption &, const UciOption &) = default;
};

struct UciSection
{
    QString type; // "interface", "wifi-iface", "zone", ...
    QString name; // empty for an anonymous section (`config zone`)
    QList<UciOption> options;

    QString option(QStringView key) const; // the first `option key`; empty when absent
    bool hasOption(QStringView key) const;
    QStringList list(QStringView key) const; // every `list key` in order
    // Replaces the value of the first `option key` where it stands, or appends the option.
    void setOption(const QString &key, const QString &value);
    void removeOption(QStringView key); // options and lists of that key
    void addOption(const QString &key, const QString &value);
    void addList(const QString &key, const QString &value);

    friend bool operator==(const UciSection &, const UciSection &) = default;
};

// One UCI file: its sections in file order. Comments and `package` lines are read and dropped;
// toText() writes the canonical form (sections separated by one blank line, `\toption key
// 'value'`), so a file in canonical form reads and writes back byte for byte.
struct UciConfig
{
    QList<UciSection> sections;

    // Unquoted, 'single-quoted' (no escapes) and "double-quoted" (backslash escapes) values, and
    // adjacent pieces concatenated ('it'\''s'), as libuci reads them. A value cannot span lines.
    // Errors read "etc/config/firewall:12: option outside a section".
    static Result<UciConfig> parse(const QByteArray &text, const QString &fileName);
    QByteArray toText() const;

    UciSection *section(QStringView name);
    const UciSection *section(QStringView name) const;

    friend bool operator==(const UciConfig &, const UciConfig &) = default;
};

// A value as UCI writes it: in single quotes, an embedded ' as '\''.
QString uciQuoted(const QString &value);

// UCI values are one line: free text (an SSID, a key) with a line break or a NUL cannot be
// written. The error names `field`.
Result<void> checkUciValue(const QString &field, const QString &value);

// Section names (and option keys) that libuci accepts: letters, digits and '_'. Anything else in
// `text` becomes '_' ("wifi-hotspot_wlan0" -> "wifi_hotspot_wlan0").
QString uciName(const QString &text);

// A UCI file on the router; a file that does not exist is an empty configuration.
Result<UciConfig> readUciFile(Router &router, const QString &path);

// Reads `path`, lets `edit` change it and writes it back with replaceFile() (so that
// restoreFile() undoes it) when the text changed; an unchanged file is not written.
Result<void> editUciFile(StepContext &context, const QString &path,
                         const std::function<Result<void>(UciConfig &)> &edit);

} // namespace ChuteDeck::Core
