#include "ui/widgets/rollbackpanel.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

namespace {

QString undoKey(const Core::StepRef &step)
{
    return QString::number(step.stepId) + u' ' + step.call.toDisplayString();
}

constexpr int kStepIdRole = Qt::UserRole;

} // namespace

RollbackPanel::RollbackPanel(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel)
    , m_reason(new QLabel)
    , m_steps(new QListWidget)
    , m_banner(new QLabel)
{
    setFrameShape(QFrame::StyledPanel);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setUniformItemSizes(true);
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    connect(m_steps, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT stepActivated(item->data(kStepIdRole).toInt());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_reason);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_banner);
    hide();
}

void RollbackPanel::applyEvents(const Core::EventBatch &batch)
{
    for (const Core::ExecutionEvent &event : batch) {
        if (event.kind == Core::ExecutionEvent::Kind::Step) {
            if (event.step.phase == Core::Phase::Abort)
                applyUndo(event);
            else if (event.status == Core::StepStatus::Failed) {
                m_failedStep = event.step.call.toDisplayString();
                m_failedMessage = event.message;
            }
        } else if (event.state == Core::ExecutorState::RollingBack && m_outcome == Outcome::None) {
            begin(event);
        } else if (m_outcome == Outcome::InProgress && Core::isFinal(event.state)) {
            finish(event);
        }
    }
    updateTitle();
}

void RollbackPanel::begin(const Core::ExecutionEvent &rollingBack)
{
    m_outcome = Outcome::InProgress;
    if (rollingBack.cause == Core::RollbackCause::Abort)
        m_reason->setText(tr("The run was aborted; everything it did is being undone."));
    else
        m_reason->setText(tr("Step %1 failed: %2").arg(m_failedStep, m_failedMessage));
    for (const Core::StepRef &undo : rollingBack.pendingUndo) {
        auto *item = new QListWidgetItem(undo.call.toDisplayString(), m_steps);
        item->setData(kStepIdRole, int(undo.stepId));
        item->setCheckState(Qt::Unchecked);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setToolTip(tr("Undoes step %1").arg(undo.stepId));
        m_itemOfUndo.insert(undoKey(undo), item);
    }
    m_banner->hide();
    show();
}

void RollbackPanel::applyUndo(const Core::ExecutionEvent &event)
{
    QListWidgetItem *item = m_itemOfUndo.value(undoKey(event.step));
    if (!item)
        return;
    QFont font = item->font();
    font.setBold(event.status == Core::StepStatus::Running);
    item->setFont(font);
    switch (event.status) {
    case Core::StepStatus::Running:
        m_steps->scrollToItem(item);
        break;
    case Core::StepStatus::Done:
    case Core::StepStatus::Skipped:
        item->setCheckState(Qt::Checked);
        ++m_finished;
        break;
    case Core::StepStatus::Failed:
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        item->setToolTip(event.message);
        ++m_finished;
        break;
    }
}

void RollbackPanel::finish(const Core::ExecutionEvent &final)
{
    if (final.state == Core::ExecutorState::RolledBack) {
        showBanner(Outcome::Restored,
                   tr("Router restored: every change of this run was undone and the router is as "
                      "it was before."));
        return;
    }
    // Whole sentences, so that each language can build them its own way.
    QString text = final.failedUndo.isEmpty()
                       ? tr("Restore failed while the transaction was restored.")
                       : tr("Restore failed at %1.").arg(final.failedUndo.join(u", "_s));
    if (!final.detail.isEmpty())
        text += u' ' + final.detail;
    showBanner(Outcome::RestoreFailed, text);
}

void RollbackPanel::showBanner(Outcome outcome, const QString &text)
{
    m_outcome = outcome;
    const bool restored = outcome == Outcome::Restored;
    // Fixed colours with their own text colour, so the banner reads the same on any palette.
    m_banner->setStyleSheet(restored ? u"background:#d8f0dd; color:#14532d; border-radius:4px;"_s
                                     : u"background:#f8d7da; color:#7f1d1d; border-radius:4px;"_s);
    m_banner->setText(text);
    m_banner->show();
}

void RollbackPanel::updateTitle()
{
    if (m_outcome == Outcome::None)
        return;
    m_title->setText(m_outcome == Outcome::InProgress
                         ? tr("Rolling back: %1 of %2 undone").arg(m_finished).arg(undoCount())
                         : tr("Rollback: %1 of %2 undone").arg(m_finished).arg(undoCount()));
}

void RollbackPanel::clear()
{
    m_steps->clear();
    m_itemOfUndo.clear();
    m_outcome = Outcome::None;
    m_failedStep.clear();
    m_failedMessage.clear();
    m_finished = 0;
    m_banner->hide();
    hide();
}

QString RollbackPanel::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

int RollbackPanel::undoCount() const
{
    return m_steps->count();
}

int RollbackPanel::finishedUndoCount() const
{
    return m_finished;
}

void RollbackPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateTitle();
    QFrame::changeEvent(event);
}

} // namespace ChuteDeck::Ui
