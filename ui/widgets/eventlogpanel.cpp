#include "ui/widgets/eventlogpanel.h"

#include "core/plan/eventfilter.h"
#include "ui/models/eventfilterproxy.h"
#include "ui/models/eventlogmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace ChuteDeck::Ui {

namespace {

// The combo boxes keep the enum value (+1, so that 0 is "any") as item data.
template<typename Enum>
QList<Enum> chosen(const QComboBox *combo)
{
    const int value = combo->currentData().toInt();
    return value == 0 ? QList<Enum>() : QList<Enum>{Enum(value - 1)};
}

} // namespace

EventLogPanel::EventLogPanel(EventLogModel *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_filter(new EventFilterProxy(this))
    , m_phase(new QComboBox)
    , m_status(new QComboBox)
    , m_chute(new QComboBox)
    , m_text(new QLineEdit)
    , m_view(new QTreeView)
{
    m_filter->setSourceModel(log);
    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(EventLogModel::TimeColumn, 100);
    m_view->setColumnWidth(EventLogModel::PhaseColumn, 90);
    m_view->setColumnWidth(EventLogModel::StepColumn, 300);
    m_view->setColumnWidth(EventLogModel::StatusColumn, 100);
    m_view->setColumnWidth(EventLogModel::MessageColumn, 360);
    m_text->setClearButtonEnabled(true);
    setFocusProxy(m_view); // "go to the event log" lands in the list
    m_chute->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_phase);
    bar->addWidget(m_status);
    bar->addWidget(m_chute);
    bar->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    retranslateUi();

    for (QComboBox *combo : {m_phase, m_status, m_chute})
        connect(combo, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &EventLogPanel::applyFilter);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_filter->mapToSource(index);
        const Core::ExecutionEvent &event = m_log->event(source.row());
        if (event.kind == Core::ExecutionEvent::Kind::Step)
            Q_EMIT stepActivated(int(event.step.stepId));
    });
    // Follow the end of the log while the user is there; leave them alone when they scrolled up.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *scrollBar = m_view->verticalScrollBar();
        m_followEnd = scrollBar->value() == scrollBar->maximum();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followEnd)
            m_view->scrollToBottom();
    });
}

void EventLogPanel::setChutes(const QStringList &chutes)
{
    const QString current = m_chute->currentData().toString();
    const QSignalBlocker blocker(m_chute);
    while (m_chute->count() > 1)
        m_chute->removeItem(1);
    for (const QString &chute : chutes)
        m_chute->addItem(chute, chute);
    m_chute->setCurrentIndex(std::max(0, m_chute->findData(current)));
}

void EventLogPanel::applyFilter()
{
    Core::EventFilter filter;
    filter.phases = chosen<Core::Phase>(m_phase);
    filter.statuses = chosen<Core::StepStatus>(m_status);
    filter.chute = m_chute->currentData().toString();
    filter.text = m_text->text();
    m_filter->setFilter(filter);
}

void EventLogPanel::retranslateUi()
{
    const QSignalBlocker phaseBlocker(m_phase);
    const QSignalBlocker statusBlocker(m_status);
    const QSignalBlocker chuteBlocker(m_chute);
    const int phase = m_phase->currentIndex();
    m_phase->clear();
    m_phase->addItem(tr("All phases"), 0);
    m_phase->addItem(tr("Steps"), int(Core::Phase::Todo) + 1);
    m_phase->addItem(tr("Undo steps"), int(Core::Phase::Abort) + 1);
    m_phase->setCurrentIndex(std::max(0, phase));

    const int status = m_status->currentIndex();
    m_status->clear();
    m_status->addItem(tr("Any status"), 0);
    for (const Core::StepStatus value : {Core::StepStatus::Running, Core::StepStatus::Done,
                                         Core::StepStatus::Failed, Core::StepStatus::Skipped})
        m_status->addItem(Core::stepStatusName(value), int(value) + 1);
    m_status->setCurrentIndex(std::max(0, status));

    if (m_chute->count() == 0)
        m_chute->addItem(QString(), QString());
    m_chute->setItemText(0, tr("Any chute"));
    m_text->setPlaceholderText(tr("Filter by step, message or output…"));
    m_phase->setAccessibleName(tr("Phase filter"));
    m_status->setAccessibleName(tr("Status filter"));
    m_chute->setAccessibleName(tr("Chute filter"));
    m_text->setAccessibleName(tr("Text filter"));
    m_view->setAccessibleName(tr("Events"));
}

void EventLogPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace ChuteDeck::Ui
