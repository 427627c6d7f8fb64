#include "core/chute/chutestore.h"

#include "core/chute/chutereader.h"
#include "core/chute/chutetree.h"
#include "core/chute/yamlfield.h"
#include "core/chute/yamlwriter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

// The entry's name and version repeat the config's so that a person reading the file, or a shell
// script, sees them at once; they must agree.
void checkSame(const YamlField &field, const QString &entryValue, const QString &configValue)
{
    if (entryValue != configValue)
        field.fail(u"'%1' differs from the config's '%2'"_s.arg(entryValue, configValue));
}

ChuteSpec readEntry(const YamlField &entry)
{
    if (!entry.isMap())
        entry.fail(u"must be a map with name, state, version, owner and config"_s);
    const YamlField config = entry["config"];
    if (!config.isMap())
        config.fail(u"must be a map (the chute's configuration)"_s);
    ChuteSpec chute = ChuteReader().read(config);
    checkSame(entry["name"], entry["name"].text(), chute.name);
    checkSame(entry["version"], entry["version"].textOr({}), chute.version);
    const YamlField state = entry["state"];
    const std::optional<ChuteState> known = chuteStateFromName(state.text());
    if (!known)
        state.fail(u"unknown chute state '%1'"_s.arg(state.text()));
    chute.state = *known;
    chute.owner = entry["owner"].textOr({});
    return chute;
}

} // namespace

QByteArray chuteStoreToYaml(const QList<ChuteSpec> &chutes)
{
    nlohmann::ordered_json store = nlohmann::ordered_json::array();
    for (const ChuteSpec &chute : chutes) {
        store.push_back(nlohmann::ordered_json{
            {"name", chute.name.toStdString()},
            {"state", chuteStateName(chute.state).toStdString()},
            {"version", chute.version.toStdString()},
            {"owner", chute.owner.toStdString()},
            {"config", chuteTree(chute)},
        });
    }
    return treeToYaml(store);
}

Result<QList<ChuteSpec>> parseChuteStore(const QByteArray &text, const QString &fileName)
{
    return readYamlDocument<QList<ChuteSpec>>(
        text, fileName, ErrorCode::InvalidChute, [](const YamlField &root) {
            if (!root.isAbsent() && !root.node().IsSequence())
                root.fail(u"the chute store must be a list of chutes"_s);
            QList<ChuteSpec> chutes;
            for (const YamlField &entry : root.items()) {
                ChuteSpec chute = readEntry(entry);
                const bool twice
                    = std::any_of(chutes.cbegin(), chutes.cend(),
                                  [&](const ChuteSpec &c) { return c.name == chute.name; });
                if (twice)
                    entry["name"].fail(u"chute %1 is installed twice"_s.arg(chute.name));
                chutes.append(std::move(chute));
            }
            return chutes;
        });
}

} // namespace ChuteDeck::Core
