#include "ui/models/preferences.h"

#include <QSettings>

#include <algorithm>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

Preferences Preferences::load(const QSettings &settings)
{
    Preferences preferences;
    preferences.language = settings.value(u"preferences/language"_s).toString();
    preferences.confirmDeadlineSeconds = std::clamp(
        settings.value(u"preferences/confirmDeadlineSeconds"_s, preferences.confirmDeadlineSeconds)
            .toInt(),
        kMinConfirmDeadline, kMaxConfirmDeadline);
    preferences.defaultRouter = settings.value(u"preferences/defaultRouter"_s).toString();
    const int theme = settings.value(u"preferences/theme"_s).toInt();
    preferences.theme = theme >= 0 && theme <= int(Theme::Dark) ? Theme(theme) : Theme::System;
    preferences.confirmByHand = settings.value(u"preferences/confirmByHand"_s, false).toBool();
    return preferences;
}

void Preferences::save(QSettings &settings) const
{
    settings.setValue(u"preferences/language"_s, language);
    settings.setValue(u"preferences/confirmDeadlineSeconds"_s, confirmDeadlineSeconds);
    settings.setValue(u"preferences/defaultRouter"_s, defaultRouter);
    settings.setValue(u"preferences/theme"_s, int(theme));
    settings.setValue(u"preferences/confirmByHand"_s, confirmByHand);
}

} // namespace ChuteDeck::Ui
