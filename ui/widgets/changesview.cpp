#include "ui/widgets/changesview.h"

#include "core/chute/chutediff.h"
#include "ui/widgets/filediffview.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ChuteDeck::Ui {

namespace {

using namespace Qt::StringLiterals;

QLabel *makeTitle()
{
    auto *title = new QLabel;
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);
    title->setWordWrap(true);
    return title;
}

QWidget *section(QLabel *title, QWidget *content)
{
    auto *widget = new QWidget;
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(content, 1);
    return widget;
}

} // namespace

ChangesView::ChangesView(QWidget *parent)
    : QWidget(parent)
    , m_fieldsTitle(makeTitle())
    , m_fields(new QTreeWidget)
    , m_filesTitle(makeTitle())
    , m_files(new QListWidget)
    , m_diff(new FileDiffView)
{
    m_fields->setColumnCount(3);
    m_fields->setHeaderLabels({tr("Field"), tr("Installed"), tr("New")});
    m_fields->setRootIsDecorated(false);
    m_fields->setUniformRowHeights(true);
    m_fields->setAlternatingRowColors(true);
    m_fields->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_fields->setColumnWidth(0, 280);
    m_fields->setColumnWidth(1, 260);
    m_fields->setAccessibleName(tr("Chute fields, installed and new"));
    m_files->setAccessibleName(tr("Router files the run touched"));
    connect(m_files, &QListWidget::currentRowChanged, this, &ChangesView::showFile);

    auto *files = new QSplitter(Qt::Horizontal);
    files->addWidget(m_files);
    files->addWidget(m_diff);
    files->setStretchFactor(1, 1);
    files->setSizes({260, 700});

    auto *sections = new QSplitter(Qt::Vertical);
    sections->addWidget(section(m_fieldsTitle, m_fields));
    sections->addWidget(section(m_filesTitle, files));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(sections);
    setUpdates({});
    clearFileChanges();
}

void ChangesView::setUpdates(const QList<Core::Update> &updates)
{
    m_fields->clear();
    QStringList compared;
    for (const Core::Update &update : updates) {
        if (!update.newChute)
            continue;
        compared.append(update.name);
        const Core::ChuteSpec before = update.oldChute.value_or(Core::ChuteSpec());
        for (const Core::FieldChange &change : Core::diffChutes(before, *update.newChute)) {
            const QString field
                = updates.size() > 1 ? update.name + u": "_s + change.field : change.field;
            auto *item = new QTreeWidgetItem(m_fields, {field, change.before.value_or(tr("(none)")),
                                                        change.after.value_or(tr("(none)"))});
            // Translucent tints: readable on light and dark palettes.
            const QColor tint = !change.before  ? QColor(60, 170, 90, 60)
                                : !change.after ? QColor(220, 60, 60, 60)
                                                : QColor(230, 170, 40, 60);
            for (int column = 0; column < 3; ++column) {
                item->setBackground(column, tint);
                item->setToolTip(column, item->text(column));
            }
        }
    }
    m_fieldsTitle->setText(compared.isEmpty()
                               ? tr("Chute fields: nothing to compare for this change")
                               : tr("Chute fields that change: %n field(s) in %1", nullptr,
                                    m_fields->topLevelItemCount())
                                     .arg(compared.join(u", "_s)));
}

void ChangesView::setFileChanges(const QList<Core::FileChange> &changes, bool undone)
{
    m_changes = changes;
    m_files->clear();
    m_diff->clear();
    for (const Core::FileChange &change : changes) {
        const QString mark = !change.before ? u"+ "_s : !change.after ? u"− "_s : u"~ "_s;
        m_files->addItem(mark + change.path);
    }
    m_filesTitle->setText(
        undone ? tr("Router files the run changed, all undone by the rollback: "
                    "%n file(s)",
                    nullptr, int(changes.size()))
               : tr("Router files the run changed: %n file(s)", nullptr, int(changes.size())));
    if (!changes.isEmpty())
        m_files->setCurrentRow(0);
}

void ChangesView::showFileError(const QString &message)
{
    clearFileChanges();
    m_filesTitle->setText(tr("The changed files could not be read: %1").arg(message));
}

void ChangesView::clearFileChanges()
{
    m_changes.clear();
    m_files->clear();
    m_diff->clear();
    m_filesTitle->setText(tr("Router files: shown after a run"));
}

void ChangesView::showFile(int row)
{
    if (row < 0 || row >= m_changes.size()) {
        m_diff->clear();
        return;
    }
    const Core::FileChange &change = m_changes.at(row);
    m_diff->setFile(change.path, change.before, change.after);
}

} // namespace ChuteDeck::Ui
