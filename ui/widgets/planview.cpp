#include "ui/widgets/planview.h"

#include "ui/models/planmodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>

#include <array>

namespace ChuteDeck::Ui {

namespace {

constexpr int kGutterWidth = 30;

// Paints the gutter cell: a red dot for a breakpoint, an orange cross for a step made to fail and
// a yellow arrow at the current step; a click toggles the breakpoint.
class GutterDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        // The cell's background and selection only: the gutter draws its own marks instead of
        // the breakpoint column's check box.
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.features &= ~QStyleOptionViewItem::HasCheckIndicator;
        const QWidget *view = option.widget;
        QStyle *style = view ? view->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, view);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF cell = option.rect;
        const double size = std::min(cell.height(), 14.0) - 2;
        const QRectF mark(cell.left() + 3, cell.center().y() - size / 2, size, size);
        if (index.data(PlanModel::BreakpointRole).toBool()) {
            painter->setPen(QPen(QColor(0x9b, 0x1c, 0x1c), 1));
            painter->setBrush(QColor(0xe0, 0x3c, 0x3c));
            painter->drawEllipse(mark);
        }
        if (index.data(PlanModel::InjectedFailureRole).toBool())
            paintCross(painter, mark.translated(size * 0.55, 0));
        if (index.data(PlanModel::CurrentRole).toBool())
            paintArrow(painter, mark.translated(size * 0.35, 0));
        painter->restore();
    }

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &,
                     const QModelIndex &index) override
    {
        if (event->type() != QEvent::MouseButtonRelease
            || static_cast<QMouseEvent *>(event)->button() != Qt::LeftButton
            || !(index.flags() & Qt::ItemIsUserCheckable))
            return false;
        return model->setData(index, !index.data(PlanModel::BreakpointRole).toBool(),
                              PlanModel::BreakpointRole);
    }

private:
    static void paintCross(QPainter *painter, const QRectF &box)
    {
        painter->setPen(QPen(QColor(0xe6, 0x7e, 0x22), 2.5, Qt::SolidLine, Qt::RoundCap));
        const QRectF inner = box.adjusted(2, 2, -2, -2);
        painter->drawLine(inner.topLeft(), inner.bottomRight());
        painter->drawLine(inner.topRight(), inner.bottomLeft());
    }

    static void paintArrow(QPainter *painter, const QRectF &box)
    {
        QPainterPath arrow;
        const double midY = box.center().y();
        arrow.moveTo(box.left(), midY - box.height() * 0.2);
        arrow.lineTo(box.center().x(), midY - box.height() * 0.2);
        arrow.lineTo(box.center().x(), box.top());
        arrow.lineTo(box.right(), midY);
        arrow.lineTo(box.center().x(), box.bottom());
        arrow.lineTo(box.center().x(), midY + box.height() * 0.2);
        arrow.lineTo(box.left(), midY + box.height() * 0.2);
        arrow.closeSubpath();
        painter->setPen(QPen(QColor(0x8a, 0x6d, 0x00), 1));
        painter->setBrush(QColor(0xf5, 0xc5, 0x18));
        painter->drawPath(arrow);
    }
};

} // namespace

PlanView::PlanView(QWidget *parent)
    : QTreeView(parent)
{
    // Uniform row heights keep a 30,000-step plan quick to load and scroll.
    setUniformRowHeights(true);
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setItemDelegateForColumn(PlanModel::BreakpointColumn, new GutterDelegate(this));
}

void PlanView::setPlanModel(PlanModel *model)
{
    m_plan = model;
    setModel(model);
    QHeaderView *columns = header();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->moveSection(columns->visualIndex(PlanModel::BreakpointColumn), 0);
    // What a run changes next to the step's name: its status and duration, then the rest.
    columns->moveSection(columns->visualIndex(PlanModel::StatusColumn),
                         columns->visualIndex(PlanModel::StepColumn) + 1);
    columns->moveSection(columns->visualIndex(PlanModel::DurationColumn),
                         columns->visualIndex(PlanModel::StatusColumn) + 1);
    columns->setSectionResizeMode(PlanModel::BreakpointColumn, QHeaderView::Fixed);
    setColumnWidth(PlanModel::BreakpointColumn, kGutterWidth);
    // Widths for what each column holds; the user's own survive in the header state.
    const std::array<std::pair<int, int>, 8> widths{{{PlanModel::IdColumn, 48},
                                                     {PlanModel::PriorityColumn, 56},
                                                     {PlanModel::StepColumn, 300},
                                                     {PlanModel::DescriptionColumn, 300},
                                                     {PlanModel::ArgumentsColumn, 70},
                                                     {PlanModel::ChutesColumn, 100},
                                                     {PlanModel::AbortStepsColumn, 220},
                                                     {PlanModel::StatusColumn, 90}}};
    for (const auto &[column, width] : widths)
        setColumnWidth(column, width);
}

int PlanView::currentStepId() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid()
        || current.data(PlanModel::RowKindRole).toInt() != int(PlanModel::RowKind::Step))
        return 0;
    return current.data(PlanModel::StepIdRole).toInt();
}

void PlanView::showStep(int stepId)
{
    if (m_plan)
        showRow(m_plan->rowOfStep(stepId));
}

void PlanView::showRow(int row)
{
    if (!m_plan || row < 0)
        return;
    const QModelIndex index = m_plan->index(row, PlanModel::StepColumn);
    setCurrentIndex(index);
    scrollTo(index, QAbstractItemView::PositionAtCenter);
}

} // namespace ChuteDeck::Ui
