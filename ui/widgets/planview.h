#pragma once

#include <QTreeView>

namespace ChuteDeck::Ui {

class PlanModel;

// The plan table as a debugger shows source: a gutter on the left with the breakpoints (click to
// toggle), the steps made to fail and an arrow at the current step, then the plan's columns.
// Rows have uniform heights so that 30,000 steps load and scroll quickly.
class PlanView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanView)

public:
    explicit PlanView(QWidget *parent = nullptr);
    ~PlanView() override = default;

    void setPlanModel(PlanModel *model);
    // The step id of the current row, or 0 when no step row is current.
    int currentStepId() const;
    // Selects the step's row and scrolls it into the middle of the view.
    void showStep(int stepId);
    void showRow(int row);

private:
    PlanModel *m_plan = nullptr;
};

} // namespace ChuteDeck::Ui
