#pragma once

#include <QMainWindow>

class QLabel;

namespace ChuteDeck::Ui {

// The top-level window. For now a placeholder; the sandbox router view replaces its central
// widget in a later issue.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_placeholder = nullptr;
};

} // namespace ChuteDeck::Ui
