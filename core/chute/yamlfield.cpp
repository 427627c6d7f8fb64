#include "core/chute/yamlfield.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

int lineOf(const YAML::Node &node, int fallback)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? fallback : mark.line + 1;
}

QString scalarText(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

// YAML 1.1 booleans, as PyYAML (and so ParaDrop) read them.
std::optional<bool> booleanValue(const QString &text)
{
    static const QSet<QString> yes{u"true"_s, u"yes"_s, u"on"_s};
    static const QSet<QString> no{u"false"_s, u"no"_s, u"off"_s};
    const bool oneCase = text == text.toLower() || text == text.toUpper()
                         || text == text.left(1).toUpper() + text.mid(1).toLower();
    if (!oneCase)
        return std::nullopt;
    if (yes.contains(text.toLower()))
        return true;
    if (no.contains(text.toLower()))
        return false;
    return std::nullopt;
}

} // namespace

Result<YAML::Node> loadYamlDocument(const QByteArray &text, const QString &fileName, ErrorCode code)
{
    try {
        return YAML::Load(text.toStdString());
    } catch (const YAML::ParserException &error) {
        const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
        return Error{code, fieldMessage(fileName, line, {},
                                        u"invalid YAML: "_s + QString::fromStdString(error.msg))};
    } catch (const std::exception &error) {
        // yaml-cpp reports documents nested too deeply this way, among others.
        return Error{code, fieldMessage(fileName, 0, {},
                                        u"invalid YAML: "_s + QString::fromUtf8(error.what()))};
    }
}

YamlField::YamlField(const YAML::Node &node, QString fileName, QString path, int line)
    : m_node(node)
    , m_fileName(std::move(fileName))
    , m_path(std::move(path))
    , m_line(line)
{}

YamlField YamlField::root(const YAML::Node &node, const QString &fileName)
{
    return {node, fileName, {}, lineOf(node, 1)};
}

void YamlField::fail(const QString &what) const
{
    throwFieldFailure(m_fileName, m_line, m_path, what);
}

void YamlField::requireMap() const
{
    if (!isAbsent() && !m_node.IsMap())
        fail(u"must be a map"_s);
}

std::optional<YamlField> YamlField::find(const char *key) const
{
    requireMap();
    if (!m_node.IsMap())
        return std::nullopt;
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) {
            return YamlField(it->second, m_fileName, memberPath(m_path, QString::fromUtf8(key)),
                             lineOf(it->first, m_line));
        }
    }
    return std::nullopt;
}

YamlField YamlField::operator[](const char *key) const
{
    if (std::optional<YamlField> member = find(key))
        return *member;
    return {YAML::Node(), m_fileName, memberPath(m_path, QString::fromUtf8(key)), m_line};
}

std::vector<std::pair<QString, YamlField>> YamlField::members() const
{
    requireMap();
    std::vector<std::pair<QString, YamlField>> result;
    if (isAbsent())
        return result;
    QSet<QString> seen;
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        const int line = lineOf(it->first, m_line);
        if (!it->first.IsScalar())
            throwFieldFailure(m_fileName, line, m_path, u"keys must be text"_s);
        const QString key = scalarText(it->first);
        const QString path = memberPath(m_path, key);
        if (seen.contains(key))
            throwFieldFailure(m_fileName, line, path, u"duplicate key"_s);
        seen.insert(key);
        result.emplace_back(key, YamlField(it->second, m_fileName, path, line));
    }
    return result;
}

std::vector<YamlField> YamlField::items() const
{
    std::vector<YamlField> result;
    if (isAbsent())
        return result;
    if (!m_node.IsSequence())
        fail(u"must be a list"_s);
    result.reserve(m_node.size());
    qsizetype index = 0;
    for (const YAML::Node &item : m_node) {
        result.emplace_back(item, m_fileName, itemPath(m_path, index), lineOf(item, m_line));
        ++index;
    }
    return result;
}

QString YamlField::text() const
{
    if (isAbsent())
        fail(u"is required"_s);
    if (!m_node.IsScalar())
        fail(u"must be a text value"_s);
    return scalarText(m_node);
}

QString YamlField::textOr(const QString &fallback) const
{
    return isAbsent() ? fallback : text();
}

qint64 YamlField::integer(qint64 min, qint64 max, const QString &rangeMessage) const
{
    if (isAbsent())
        fail(u"is required"_s);
    bool ok = false;
    const qint64 value = m_node.IsScalar() ? scalarText(m_node).toLongLong(&ok, 10) : 0;
    if (!ok || value < min || value > max)
        fail(rangeMessage);
    return value;
}

qint64 YamlField::integerOr(qint64 fallback, qint64 min, qint64 max,
                            const QString &rangeMessage) const
{
    return isAbsent() ? fallback : integer(min, max, rangeMessage);
}

bool YamlField::booleanOr(bool fallback) const
{
    if (isAbsent())
        return fallback;
    const std::optional<bool> value
        = m_node.IsScalar() ? booleanValue(scalarText(m_node)) : std::nullopt;
    if (!value)
        fail(u"must be true or false"_s);
    return *value;
}

QStringList YamlField::textList() const
{
    QStringList result;
    for (const YamlField &item : items())
        result.append(item.text());
    return result;
}

} // namespace ChuteDeck::Core
