#include "ui/widgets/mainwindow.h"

#include <QEvent>
#include <QLabel>
#include <QStatusBar>

namespace ChuteDeck::Ui {

namespace {
constexpr QSize DefaultSize{1280, 800};
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_placeholder(new QLabel(this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    setCentralWidget(m_placeholder);
    resize(DefaultSize);
    retranslateUi();
}

MainWindow::~MainWindow() = default;

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("ChuteDeck"));
    m_placeholder->setText(
        tr("The sandbox router view arrives in a later version.\n"
           "It will show the chutes on the router, the update plan and its execution."));
    statusBar()->showMessage(tr("Sandbox router"));
}

} // namespace ChuteDeck::Ui
