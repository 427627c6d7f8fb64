#pragma once

#include <QString>

class QSettings;

namespace ChuteDeck::Ui {

// The user's preferences, kept in QSettings (group "preferences"), never secrets.
struct Preferences
{
    enum class Theme : quint8 { System, Light, Dark };

    QString language;                 // "" follows the system; "en", "de"
    int confirmDeadlineSeconds = 120; // SSH changes to networking wait this long for confirmation
    QString defaultRouter;            // "" is the built-in sandbox router
    Theme theme = Theme::System;      // System follows the desktop's light or dark palette
    // A change held for confirmation is confirmed by the user (the countdown), not by the window
    // once a fresh connection to the router works.
    bool confirmByHand = false;

    static constexpr int kMinConfirmDeadline = 10;
    static constexpr int kMaxConfirmDeadline = 3600;

    static Preferences load(const QSettings &settings);
    void save(QSettings &settings) const;

    friend bool operator==(const Preferences &, const Preferences &) = default;
};

} // namespace ChuteDeck::Ui
