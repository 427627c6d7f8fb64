#include "ui/widgets/filediffview.h"

#include "core/base/textdiff.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace ChuteDeck::Ui {

namespace {

using namespace Qt::StringLiterals;

QPlainTextEdit *makeSide()
{
    auto *side = new QPlainTextEdit;
    side->setReadOnly(true);
    side->setLineWrapMode(QPlainTextEdit::NoWrap);
    side->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return side;
}

// Binary files are not shown line by line.
bool isText(const QByteArray &bytes)
{
    return !bytes.contains('\0');
}

QStringList linesOf(const std::optional<QByteArray> &bytes)
{
    if (!bytes || bytes->isEmpty())
        return {};
    QString text = QString::fromUtf8(*bytes);
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text.split(u'\n');
}

// Blank filler lines on the shorter side, opposite the other side's removed or added lines.
void padToSameLength(QStringList &left, QStringList &right)
{
    const qsizetype lines = std::max(left.size(), right.size());
    left.resize(lines);
    right.resize(lines);
}

// Tints whole lines: translucent, so the text stays readable on light and dark palettes.
void tint(QPlainTextEdit *side, const QList<int> &blocks, const QColor &colour)
{
    QList<QTextEdit::ExtraSelection> selections;
    for (const int block : blocks) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(side->document()->findBlockByNumber(block));
        selection.format.setBackground(colour);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(selection);
    }
    side->setExtraSelections(selections);
}

} // namespace

FileDiffView::FileDiffView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_before(makeSide())
    , m_after(makeSide())
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_before->setAccessibleName(tr("Before"));
    m_after->setAccessibleName(tr("After"));
    auto *sides = new QHBoxLayout;
    sides->addWidget(m_before);
    sides->addWidget(m_after);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(sides, 1);
    for (const auto &[from, to] : {std::pair{m_before, m_after}, std::pair{m_after, m_before}}) {
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, to->verticalScrollBar(),
                &QScrollBar::setValue);
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, to->horizontalScrollBar(),
                &QScrollBar::setValue);
    }
}

void FileDiffView::setFile(const QString &path, const std::optional<QByteArray> &before,
                           const std::optional<QByteArray> &after)
{
    const QString state = !before ? tr("created") : !after ? tr("removed") : tr("changed");
    m_title->setText(u"<b>%1</b> — %2"_s.arg(path.toHtmlEscaped(), state));
    if ((before && !isText(*before)) || (after && !isText(*after))) {
        m_before->setPlainText(before ? tr("(binary, %n byte(s))", nullptr, int(before->size()))
                                      : QString());
        m_after->setPlainText(after ? tr("(binary, %n byte(s))", nullptr, int(after->size()))
                                    : QString());
        m_changedLines = 1;
        return;
    }
    QStringList left;
    QStringList right;
    QList<int> removed;
    QList<int> added;
    for (const Core::DiffLine &line : Core::diffLines(linesOf(before), linesOf(after))) {
        switch (line.kind) {
        case Core::DiffLine::Kind::Same:
            // Pad the shorter side first, so that kept lines face each other.
            padToSameLength(left, right);
            left.append(line.text);
            right.append(line.text);
            break;
        case Core::DiffLine::Kind::Removed:
            removed.append(int(left.size()));
            left.append(line.text);
            break;
        case Core::DiffLine::Kind::Added:
            added.append(int(right.size()));
            right.append(line.text);
            break;
        }
    }
    padToSameLength(left, right);
    m_before->setPlainText(left.join(u'\n'));
    m_after->setPlainText(right.join(u'\n'));
    tint(m_before, removed, QColor(220, 60, 60, 70));
    tint(m_after, added, QColor(60, 170, 90, 70));
    m_changedLines = int(removed.size() + added.size());
}

void FileDiffView::clear()
{
    m_title->clear();
    m_before->clear();
    m_after->clear();
    m_changedLines = 0;
}

QString FileDiffView::beforeText() const
{
    return m_before->toPlainText();
}

QString FileDiffView::afterText() const
{
    return m_after->toPlainText();
}

} // namespace ChuteDeck::Ui
