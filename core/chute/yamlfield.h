#pragma once

#include "core/base/result.h"
#include "core/chute/fieldfailure.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace ChuteDeck::Core {

// Parses YAML (or JSON) text; a syntax error names the file and line:
// "paradrop.yaml:3: invalid YAML: illegal map value".
Result<YAML::Node> loadYamlDocument(const QByteArray &text, const QString &fileName,
                                    ErrorCode code);

// One value of a YAML document with the dotted path and the line that error messages name. Its
// checks throw FieldFailure ("FILE:LINE: FIELD: what"). A missing key and an explicit null read
// alike ("absent"): `dhcp:` with nothing after it means no DHCP settings.
class YamlField
{
public:
    YamlField(const YAML::Node &node, QString fileName, QString path, int line);
    YamlField(const YamlField &) = default;
    YamlField(YamlField &&) = default;
    // Not assignable: YAML::Node's assignment writes into the node it refers to, which would
    // change the document being read. (Hence std::vector below: QList needs assignable items.)
    YamlField &operator=(const YamlField &) = delete;
    YamlField &operator=(YamlField &&) = delete;
    ~YamlField() = default;
    static YamlField root(const YAML::Node &node, const QString &fileName);

    const QString &path() const { return m_path; }
    int line() const { return m_line; }

    bool isAbsent() const { return !m_node.IsDefined() || m_node.IsNull(); }
    bool isMap() const { return m_node.IsMap(); }
    bool isScalar() const { return m_node.IsScalar(); }
    const YAML::Node &node() const { return m_node; }

    [[noreturn]] void fail(const QString &what) const;

    // A map member (absent when missing) on the line of its key. Fails when this is not a map.
    YamlField operator[](const char *key) const;
    bool has(const char *key) const { return !(*this)[key].isAbsent(); }
    bool containsKey(const char *key) const { return find(key).has_value(); }
    // The members of a map in document order; keys are text and unique. Absent: none.
    std::vector<std::pair<QString, YamlField>> members() const;
    // The items of a sequence. Absent: none.
    std::vector<YamlField> items() const;

    // Scalars are read as written (node.Scalar()): free text keeps every byte.
    QString text() const; // required
    QString textOr(const QString &fallback) const;
    qint64 integer(qint64 min, qint64 max, const QString &rangeMessage) const; // required
    qint64 integerOr(qint64 fallback, qint64 min, qint64 max, const QString &rangeMessage) const;
    bool booleanOr(bool fallback) const;
    QStringList textList() const; // a sequence of scalars; absent: empty

private:
    void requireMap() const;
    std::optional<YamlField> find(const char *key) const;

    YAML::Node m_node;
    QString m_fileName;
    QString m_path;
    int m_line = 0;
};

// Parses a document and reads it with `read(const YamlField &root)`, turning a FieldFailure (or
// anything yaml-cpp throws) into an Error with `code`.
template<typename T, typename Read>
Result<T> readYamlDocument(const QByteArray &text, const QString &fileName, ErrorCode code,
                           Read read)
{
    const Result<YAML::Node> document = loadYamlDocument(text, fileName, code);
    if (!document)
        return document.error();
    try {
        return read(YamlField::root(document.value(), fileName));
    } catch (const FieldFailure &failure) {
        return Error{code, failure.message};
    } catch (const std::exception &error) {
        return Error{code, fieldMessage(fileName, 0, {}, QString::fromUtf8(error.what()))};
    }
}

} // namespace ChuteDeck::Core
