#pragma once

#include <QByteArray>

#include <nlohmann/json.hpp>

namespace ChuteDeck::Core {

// Block YAML for a JSON tree, in the tree's order, ending with a newline. Text is always
// double-quoted, so that "true", "~", "8000", quotes and newlines read back as the same text;
// numbers, booleans and null are plain; keys are plain where that reads back the same. The same
// tree always gives the same bytes.
QByteArray treeToYaml(const nlohmann::ordered_json &tree);

} // namespace ChuteDeck::Core
