#include "app/chutedeck-cli/commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chutedeck-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("ChuteDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHUTEDECK_VERSION));
    return ChuteDeck::Cli::run(QCoreApplication::arguments());
}
