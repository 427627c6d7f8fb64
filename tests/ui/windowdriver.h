#pragma once

#include "ui/models/planmodel.h"
#include "ui/models/preferences.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/planview.h"

#include <QSettings>
#include <QTest>

// What the window tests do as a user would: find a step in the plan, select it, press a key on the
// plan, choose a preference.
namespace ChuteDeck::Tests {

// The plan row of the step shown as `call` ("dockerapi.start_container(web)"); -1 if none.
inline int rowOfCall(const Ui::MainWindow &window, const QString &call)
{
    const Ui::PlanModel *plan = window.planModel();
    for (int row = 0; row < plan->rowCount(); ++row) {
        if (plan->index(row, Ui::PlanModel::StepColumn).data().toString() == call)
            return row;
    }
    return -1;
}

inline void pressOnPlan(Ui::MainWindow &window, int key,
                        Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(window.planView(), Qt::Key(key), modifiers);
}

inline void selectPlanRow(Ui::MainWindow &window, int row)
{
    window.planView()->setFocus();
    window.planView()->setCurrentIndex(window.planModel()->index(row, Ui::PlanModel::StepColumn));
}

// Preferences → Confirm network changes by hand, in the test's settings.
inline void setConfirmByHand(bool byHand)
{
    QSettings settings;
    Ui::Preferences preferences = Ui::Preferences::load(settings);
    preferences.confirmByHand = byHand;
    preferences.save(settings);
}

} // namespace ChuteDeck::Tests
