#include "ui/widgets/mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ChuteDeck"));
    QApplication::setOrganizationName(QStringLiteral("ChuteDeck"));
    QApplication::setOrganizationDomain(QStringLiteral("chutedeck.github.io"));
    QApplication::setApplicationVersion(QStringLiteral(CHUTEDECK_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.chutedeck.ChuteDeck"));

    ChuteDeck::Ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
