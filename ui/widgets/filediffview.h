#pragma once

#include <QByteArray>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;

namespace ChuteDeck::Ui {

// One file before and after, side by side, lines aligned: removed lines tinted red on the left,
// added lines green on the right, blank filler opposite them; both sides scroll together.
class FileDiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDiffView)

public:
    explicit FileDiffView(QWidget *parent = nullptr);
    ~FileDiffView() override = default;

    void setFile(const QString &path, const std::optional<QByteArray> &before,
                 const std::optional<QByteArray> &after);
    void clear();

    // For tests: the text of each side as shown, filler lines included.
    QString beforeText() const;
    QString afterText() const;
    int changedLineCount() const { return m_changedLines; }

private:
    QLabel *m_title;
    QPlainTextEdit *m_before;
    QPlainTextEdit *m_after;
    int m_changedLines = 0;
};

} // namespace ChuteDeck::Ui
