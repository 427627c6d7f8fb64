#include "core/chute/yamlwriter.h"

#include <QLocale>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

using Tree = nlohmann::ordered_json;

void writeKey(YAML::Emitter &out, const std::string &key)
{
    static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_-]*$"_s);
    const QString text = QString::fromStdString(key);
    const bool readsAsNull = text.compare(u"null"_s, Qt::CaseInsensitive) == 0;
    if (plain.match(text).hasMatch() && !readsAsNull)
        out << key;
    else
        out << YAML::DoubleQuoted << key;
}

void writeNumber(YAML::Emitter &out, double value)
{
    // The shortest text that reads back as the same double (yaml-cpp would print 17 digits).
    out << QByteArray::number(value, 'g', QLocale::FloatingPointShortest).toStdString();
}

void write(YAML::Emitter &out, const Tree &value)
{
    // Empty containers in flow style ("{}", "[]") stay on their key's line.
    if (value.is_structured() && value.empty())
        out << YAML::Flow;
    switch (value.type()) {
    case Tree::value_t::object:
        out << YAML::BeginMap;
        for (const auto &[key, member] : value.items()) {
            out << YAML::Key;
            writeKey(out, key);
            out << YAML::Value;
            write(out, member);
        }
        out << YAML::EndMap;
        break;
    case Tree::value_t::array:
        out << YAML::BeginSeq;
        for (const Tree &item : value)
            write(out, item);
        out << YAML::EndSeq;
        break;
    case Tree::value_t::string:
        out << YAML::DoubleQuoted << value.get_ref<const std::string &>();
        break;
    case Tree::value_t::boolean:
        out << value.get<bool>();
        break;
    case Tree::value_t::number_integer:
        out << value.get<std::int64_t>();
        break;
    case Tree::value_t::number_unsigned:
        out << value.get<std::uint64_t>();
        break;
    case Tree::value_t::number_float:
        writeNumber(out, value.get<double>());
        break;
    case Tree::value_t::null:
    case Tree::value_t::binary:
    case Tree::value_t::discarded:
        out << YAML::Null;
        break;
    }
}

} // namespace

QByteArray treeToYaml(const Tree &tree)
{
    YAML::Emitter out;
    write(out, tree);
    return QByteArray(out.c_str(), qsizetype(out.size())) + '\n';
}

} // namespace ChuteDeck::Core
