#include "ui/widgets/hostconfigview.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ChuteDeck::Ui {

namespace {

using namespace Qt::StringLiterals;

// How errors name the editors' text: "hostconfig:7: system.chutePrefixSize: ...".
const QString kYamlName = u"hostconfig"_s;
const QString kPatchName = u"patch"_s;

QPlainTextEdit *makeEditor()
{
    auto *editor = new QPlainTextEdit;
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setTabChangesFocus(true); // keyboard users can leave the editor
    return editor;
}

void addJson(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = new QTreeWidgetItem(parent, {key});
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addJson(item, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            addJson(item, u"[%1]"_s.arg(i), array.at(i));
    } else {
        item->setText(1, value.isString() ? value.toString() : value.toVariant().toString());
    }
}

// The line an error names ("hostconfig:7: ..."), or 0.
int errorLine(const QString &message)
{
    static const QRegularExpression line(u"^[^:]+:(\\d+):"_s);
    const QRegularExpressionMatch match = line.match(message);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

HostConfigView::HostConfigView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget)
    , m_yaml(makeEditor())
    , m_yamlVerdict(new QLabel)
    , m_previewYaml(new QPushButton(tr("Preview the sethostconfig plan")))
    , m_patch(makeEditor())
    , m_patchVerdict(new QLabel)
    , m_previewPatch(new QPushButton(tr("Preview the patchhostconfig plan")))
{
    m_tree->setHeaderLabels({tr("Setting"), tr("Value")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAccessibleName(tr("Host configuration"));
    m_yaml->setAccessibleName(tr("Host configuration as YAML"));
    m_patch->setAccessibleName(tr("JSON Patch"));
    m_patch->setPlaceholderText(uR"([{"op": "replace", "path": "/wifi/0/channel", "value": 6}])"_s);
    for (QLabel *verdict : {m_yamlVerdict, m_patchVerdict}) {
        verdict->setWordWrap(true);
        verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }

    auto *editors = new QWidget;
    auto *layout = new QGridLayout(editors);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Edit as YAML:")), 0, 0);
    layout->addWidget(m_yaml, 1, 0);
    layout->addWidget(m_yamlVerdict, 2, 0);
    layout->addWidget(m_previewYaml, 3, 0, Qt::AlignLeft);
    layout->addWidget(new QLabel(tr("Or change it with a JSON Patch (RFC 6902):")), 4, 0);
    layout->addWidget(m_patch, 5, 0);
    layout->addWidget(m_patchVerdict, 6, 0);
    layout->addWidget(m_previewPatch, 7, 0, Qt::AlignLeft);
    layout->setRowStretch(1, 3);
    layout->setRowStretch(5, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_tree);
    splitter->addWidget(editors);
    splitter->setSizes({420, 600});
    auto *main = new QVBoxLayout(this);
    main->setContentsMargins(4, 4, 4, 4);
    main->addWidget(splitter);

    // Validation as you type, once typing pauses.
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(250);
    connect(&m_typingPause, &QTimer::timeout, this, &HostConfigView::validateNow);
    for (QPlainTextEdit *editor : {m_yaml, m_patch})
        connect(editor, &QPlainTextEdit::textChanged, &m_typingPause, qOverload<>(&QTimer::start));
    connect(m_previewYaml, &QPushButton::clicked, this, [this] {
        Core::ChangeRequest request;
        request.type = Core::UpdateType::SetHostConfig;
        request.hostConfigText = m_yaml->toPlainText().toUtf8();
        request.textName = kYamlName;
        Q_EMIT previewRequested(request);
    });
    connect(m_previewPatch, &QPushButton::clicked, this, [this] {
        Core::ChangeRequest request;
        request.type = Core::UpdateType::PatchHostConfig;
        request.patchText = m_patch->toPlainText().toUtf8();
        request.textName = kPatchName;
        Q_EMIT previewRequested(request);
    });
    validateNow();
}

void HostConfigView::setHostConfig(const Core::HostConfig &config)
{
    m_current = config;
    fillTree(config);
    m_yaml->setPlainText(QString::fromUtf8(config.toYaml()));
    m_patch->clear();
    validateNow();
}

void HostConfigView::showReadError(const QString &message)
{
    m_tree->clear();
    m_yamlVerdict->setText(tr("The router's host configuration cannot be read: %1").arg(message));
}

void HostConfigView::fillTree(const Core::HostConfig &config)
{
    m_tree->clear();
    const QJsonObject &tree = config.tree();
    for (auto it = tree.begin(); it != tree.end(); ++it)
        addJson(m_tree->invisibleRootItem(), it.key(), it.value());
    m_tree->expandAll();
}

void HostConfigView::validateNow()
{
    m_typingPause.stop();
    validateYaml();
    validatePatch();
}

void HostConfigView::validateYaml()
{
    const QByteArray text = m_yaml->toPlainText().toUtf8();
    const Core::Result<Core::HostConfig> parsed = Core::HostConfig::parse(text, kYamlName);
    showVerdict(m_yamlVerdict, m_yaml, parsed ? Core::Result<void>() : parsed.error());
    const bool changed = parsed && !(parsed.value() == m_current);
    m_previewYaml->setEnabled(changed);
    if (parsed && !changed)
        m_yamlVerdict->setText(tr("Valid; the same as the router's."));
}

void HostConfigView::validatePatch()
{
    const QByteArray text = m_patch->toPlainText().toUtf8();
    if (text.trimmed().isEmpty()) {
        m_patchVerdict->clear();
        m_patch->setExtraSelections({});
        m_previewPatch->setEnabled(false);
        return;
    }
    const Core::Result<Core::HostConfig> patched = m_current.patched(text, kPatchName);
    showVerdict(m_patchVerdict, m_patch, patched ? Core::Result<void>() : patched.error());
    m_previewPatch->setEnabled(patched.ok());
}

void HostConfigView::showVerdict(QLabel *label, QPlainTextEdit *editor,
                                 const Core::Result<void> &result)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (result) {
        label->setText(tr("Valid."));
        label->setStyleSheet(QString());
    } else {
        label->setText(result.error().message);
        // Red text works on light and dark palettes alike.
        label->setStyleSheet(u"color: #d03030;"_s);
        if (const int line = errorLine(result.error().message); line > 0) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(editor->document()->findBlockByNumber(line - 1));
            mark.format.setBackground(QColor(220, 60, 60, 70));
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            marks.append(mark);
        }
    }
    editor->setExtraSelections(marks);
}

QString HostConfigView::yamlVerdict() const
{
    return m_yamlVerdict->text();
}

QString HostConfigView::patchVerdict() const
{
    return m_patchVerdict->text();
}

} // namespace ChuteDeck::Ui
