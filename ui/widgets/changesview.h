#pragma once

#include "core/router/filechanges.h"
#include "core/update/update.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QTreeWidget;

namespace ChuteDeck::Ui {

class FileDiffView;

// What a change changes, as an admin checks it: before a run, each chute's installed and new
// fields side by side (services, interfaces, ports, environment); after a run, every router file
// a step touched, before and after.
class ChangesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesView)

public:
    explicit ChangesView(QWidget *parent = nullptr);
    ~ChangesView() override = default;

    // The planned change: its chutes' fields (nothing to compare for router updates).
    void setUpdates(const QList<Core::Update> &updates);
    // The files a finished run touched; `undone` when the rollback put them back since.
    void setFileChanges(const QList<Core::FileChange> &changes, bool undone);
    void showFileError(const QString &message);
    void clearFileChanges();

    // For tests.
    QTreeWidget *fieldTree() const { return m_fields; }
    QListWidget *fileList() const { return m_files; }
    FileDiffView *fileDiff() const { return m_diff; }

private:
    void showFile(int row);

    QLabel *m_fieldsTitle;
    QTreeWidget *m_fields;
    QLabel *m_filesTitle;
    QListWidget *m_files;
    FileDiffView *m_diff;
    QList<Core::FileChange> m_changes;
};

} // namespace ChuteDeck::Ui
