#pragma once

#include "core/base/error.h"

#include <QString>

namespace ChuteDeck::Ui {

// What kind of problem an error is, in the user's language ("Invalid chute"). The message itself
// stays as core wrote it: it names files, lines and fields, and ParaDrop's texts stay English.
QString errorTitle(Core::ErrorCode code);

} // namespace ChuteDeck::Ui
