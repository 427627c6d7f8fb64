#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"
#include "core/plan/stepregistry.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace ChuteDeck::Core {

class ContainerRuntime;

// Undo by record, for the container and file steps: before a step changes a path it records what
// the path held (content, absence, or a folder the step creates), under the step's id in the
// update's state. The undo step, which runs with the context of the step that recorded it, puts
// back exactly that — so files.delete_chute_files removes only what this run downloaded, and
// dockerapi.start_container(old) as the undo of remove_container(old) restores the container
// file byte for byte. Restored files get mode 0644 (the router transaction keeps exact modes).
Result<void> recordFile(StepContext &context, const QString &path);
Result<void> recordFolderCreation(StepContext &context, const QString &path);
// Restores, newest record first, what the context's step recorded, and forgets it.
Result<void> restoreRecorded(StepContext &context);

// A registered step body that records its changes: in the undo phase it restores what its
// recording step changed; in the todo phase a failure restores what the failing step had already
// changed, so the step is all-or-nothing.
StepFunction recordedStep(StepFunction todo);

// The router's runtime (Router::containerRuntime()); the sandbox's file changes are recorded for
// the context's step, the docker runtime's commands in the router transaction.
std::unique_ptr<ContainerRuntime> runtimeFor(StepContext &context);

// The service a per-service step names, from the update's new or old chute.
struct ServiceRef
{
    const ChuteSpec *chute = nullptr;
    const ServiceSpec *service = nullptr;
};
Result<ServiceRef> serviceOf(StepContext &context);

// The installed chutes as they are once every update of the running plan is applied (a deleted
// chute is gone, the others have their new state and configuration).
Result<QList<ChuteSpec>> chutesAfterChange(StepContext &context);

// CPU shares for every service of the running chutes, keyed by container name:
// {"<container>": {chute, service, cpuFraction, cpuShares}}. A service's cpu-fraction is its share
// of the CPU (requests summing over 1 are scaled down to 1); services without one split what is
// left equally. Shares are out of 1024 (Docker's default), at least 2 (Docker's minimum).
QJsonObject computeResourceAllocation(const QList<ChuteSpec> &chutes);
// resource.getResourceAllocation's result, kept in the update's state for
// dockerapi.setResourceAllocation (worked out now when that step did not run).
Result<QJsonObject> resourceAllocation(StepContext &context, bool recompute = false);

} // namespace ChuteDeck::Core
