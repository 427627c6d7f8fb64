#include "core/chute/paradropapi.h"

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

QJsonObject chuteListEntry(const ChuteSpec &chute)
{
    QJsonObject environment;
    for (const auto &[key, value] : chute.environment)
        environment.insert(key, value);
    QJsonObject services;
    for (const ServiceSpec &service : chute.services) {
        QJsonObject allocation;
        if (service.cpuFraction)
            allocation.insert(u"cpu_fraction"_s, *service.cpuFraction);
        services.insert(service.name, QJsonObject{{u"name"_s, service.name},
                                                  {u"state"_s, chuteStateName(chute.state)},
                                                  {u"allocation"_s, allocation}});
    }
    return QJsonObject{{u"name"_s, chute.name},
                       {u"owner"_s, chute.owner},
                       {u"state"_s, chuteStateName(chute.state)},
                       {u"version"_s, chute.version},
                       {u"environment"_s, environment},
                       {u"resources"_s, QJsonObject()},
                       {u"services"_s, services}};
}

} // namespace ChuteDeck::Core
