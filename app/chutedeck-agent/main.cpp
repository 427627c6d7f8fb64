#include "app/chutedeck-agent/agentcommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chutedeck-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("ChuteDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHUTEDECK_VERSION));
    return ChuteDeck::Agent::run(QCoreApplication::arguments());
}
