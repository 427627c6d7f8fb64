#include "ui/models/errortext.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace ChuteDeck::Ui {

namespace {

constexpr const char *kContext = "ChuteDeck::Ui::ErrorText";

using Core::ErrorCode;
// QT_TRANSLATE_NOOP marks the texts for lupdate; errorTitle() translates them when asked.
constexpr std::array kTitles{
    std::pair{ErrorCode::PlanOutOfOrder,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Plan out of order")},
    std::pair{ErrorCode::UnknownStepFunction,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Unknown step function")},
    std::pair{ErrorCode::StepFailed, QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Step failed")},
    std::pair{ErrorCode::InjectedFailure,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Injected failure")},
    std::pair{ErrorCode::InvalidMatcher,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Invalid step name")},
    std::pair{ErrorCode::CommandRejected,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Command not possible now")},
    std::pair{ErrorCode::InvalidChute,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Invalid chute")},
    std::pair{ErrorCode::InvalidHostConfig,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Invalid host configuration")},
    std::pair{ErrorCode::InvalidPatch,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Invalid JSON Patch")},
    std::pair{ErrorCode::ChangeRejected,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Change rejected")},
    std::pair{ErrorCode::InvalidRouterUrl,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Invalid router address")},
    std::pair{ErrorCode::RouterIo, QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Router error")},
    std::pair{ErrorCode::NotFound, QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Not found")},
    std::pair{ErrorCode::CommandFailed,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Command failed")},
    std::pair{ErrorCode::Unreachable,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Router unreachable")},
    std::pair{ErrorCode::InvalidRequest,
              QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Incomplete change")},
    std::pair{ErrorCode::Busy, QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Router busy")},
};

} // namespace

QString errorTitle(Core::ErrorCode code)
{
    for (const auto &[known, text] : kTitles) {
        if (known == code)
            return QCoreApplication::translate(kContext, text);
    }
    // Codes added later read as a plain error until they get a title.
    return QCoreApplication::translate(kContext,
                                       QT_TRANSLATE_NOOP("ChuteDeck::Ui::ErrorText", "Error"));
}

} // namespace ChuteDeck::Ui
