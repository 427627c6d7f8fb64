#pragma once

#include <QString>

#include <optional>

class QSettings;

namespace ChuteDeck::Ui {

// How to reach a router the user connected to: what the Connect dialog asks, kept in QSettings
// (group "connections", keyed by the router's URL without user info) so that the router list can
// connect again. Never a password: that lives in the keyring (SecretStore), under secretKey().
struct ConnectionProfile
{
    enum class Kind : quint8 { Ssh, Http, Https };
    enum class SshAuth : quint8 { Agent, KeyFile, Password };

    Kind kind = Kind::Ssh;
    QString host;
    int port = 22;
    QString user;
    QString rootPath = QStringLiteral("/"); // ssh only: the folder holding the router's layout
    SshAuth auth = SshAuth::Agent;          // ssh only; HTTP always logs in with a password
    QString keyFile;                        // ssh with SshAuth::KeyFile
    bool rememberPassword = false;

    static int defaultPort(Kind kind);  // 22, 80, 443
    static QString schemeOf(Kind kind); // "ssh", "http", "https"

    // ssh://user@host:port/PATH (no path for "/"), http(s)://host:port; percent-encoded.
    QString url() const;
    // The URL the router list and QSettings know it by: url() without user info.
    QString routerKey() const;
    // The keyring entry of its password: "user@routerKey".
    QString secretKey() const;
    bool needsPassword() const { return kind != Kind::Ssh || auth == SshAuth::Password; }
    // Empty when complete; else what is missing or wrong, naming the field.
    QString problem() const;

    // A profile from an address the user typed or the command line gave (ssh://user@host/PATH,
    // http://host:port); nullopt for other addresses (sandbox:PATH).
    static std::optional<ConnectionProfile> fromUrl(const QString &text);

    void save(QSettings &settings) const;
    // The profile saved for `routerKey`, else fromUrl(routerKey).
    static std::optional<ConnectionProfile> load(QSettings &settings, const QString &routerKey);
    static void forget(QSettings &settings, const QString &routerKey);

private:
    QString address(bool withUser) const;

public:
    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace ChuteDeck::Ui
