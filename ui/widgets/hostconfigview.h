#pragma once

#include "core/chute/hostconfig.h"
#include "core/update/changerequest.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace ChuteDeck::Ui {

// The router's host configuration: as a tree, and as YAML to edit with validation as you type
// (the error names its line and field, and the line is marked); a valid edit previews the
// sethostconfig plan. A JSON Patch (RFC 6902) editor previews patchhostconfig the same way.
class HostConfigView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostConfigView)

public:
    explicit HostConfigView(QWidget *parent = nullptr);
    ~HostConfigView() override = default;

    // The router's configuration as it is now; resets both editors.
    void setHostConfig(const Core::HostConfig &config);
    void showReadError(const QString &message);

    // For tests: the editors, the verdicts and the preview buttons.
    QPlainTextEdit *yamlEditor() const { return m_yaml; }
    QPlainTextEdit *patchEditor() const { return m_patch; }
    QString yamlVerdict() const;
    QString patchVerdict() const;
    QPushButton *previewYamlButton() const { return m_previewYaml; }
    QPushButton *previewPatchButton() const { return m_previewPatch; }
    // Validates now rather than after the typing pause.
    void validateNow();

Q_SIGNALS:
    void previewRequested(const ChuteDeck::Core::ChangeRequest &request);

private:
    void fillTree(const Core::HostConfig &config);
    void validateYaml();
    void validatePatch();
    void showVerdict(QLabel *label, QPlainTextEdit *editor, const Core::Result<void> &result);

    Core::HostConfig m_current;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_yaml;
    QLabel *m_yamlVerdict;
    QPushButton *m_previewYaml;
    QPlainTextEdit *m_patch;
    QLabel *m_patchVerdict;
    QPushButton *m_previewPatch;
    QTimer m_typingPause;
};

} // namespace ChuteDeck::Ui
