#pragma once

#include "core/chute/chutespec.h"
#include "core/chute/yamlfield.h"

#include <QHash>

namespace ChuteDeck::Core {

// Letters, digits, '-' and '_' (and '.' where allowed), not starting with '-': such names are
// safe in file names, UCI section names, container names and command arguments.
bool isSafeName(const QString &name, qsizetype maxLength, bool allowDot);

// Reads one chute configuration (paradrop.yaml, or the `config` of a chute store entry) from its
// YAML tree: the services form, or the older single-service form when there is no `services` key.
// Unknown keys are ignored, as ParaDrop did. Throws FieldFailure.
class ChuteReader
{
public:
    ChuteSpec read(const YamlField &root);

private:
    void readServicesForm(const YamlField &root, ChuteSpec &chute);
    void readSingleServiceForm(const YamlField &root, ChuteSpec &chute);
    ServiceSpec readService(const QString &name, const YamlField &field);
    void readRequests(const YamlField &requests, ServiceSpec &service);
    InterfaceSpec readInterface(const QString &name, const YamlField &nameField,
                                const YamlField &field, bool singleServiceForm);
    PortBinding bind(const YamlField &external, int internal);
    WebSpec readWeb(const YamlField &web, const ChuteSpec &chute);

    // Where each external port was first bound: two services (or two bindings) of one chute
    // cannot listen on the same router port.
    QHash<int, QString> m_boundPorts;
};

} // namespace ChuteDeck::Core
