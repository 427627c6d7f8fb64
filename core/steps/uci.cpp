#include "core/steps/uci.h"

#include "core/router/router.h"
#include "core/steps/stepsupport.h"

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t';
}

bool isNameCharacter(QChar c, bool allowDash)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
           || c == u'_' || (allowDash && c == u'-');
}

// Types and section names as routers have them: libuci's letters, digits and '_', and '-' (found
// in types such as wifi-iface).
bool isUciWord(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return isNameCharacter(c, true);
    });
}

// Splits one line into its words, as libuci's parser does; a '#' that starts a word starts a
// comment. Returns the error text on failure.
std::variant<QStringList, QString> splitLine(QStringView line)
{
    QStringList words;
    qsizetype i = 0;
    const qsizetype size = line.size();
    while (true) {
        while (i < size && isSpace(line[i]))
            ++i;
        if (i == size || line[i] == u'#')
            return words;
        QString word;
        while (i < size && !isSpace(line[i])) {
            const QChar c = line[i++];
            if (c == u'\'') {
                const qsizetype end = line.indexOf(u'\'', i);
                if (end < 0)
                    return u"unterminated single quote"_s;
                word += line.mid(i, end - i);
                i = end + 1;
            } else if (c == u'"') {
                while (i < size && line[i] != u'"') {
                    if (line[i] == u'\\' && i + 1 < size)
                        ++i;
                    word += line[i++];
                }
                if (i == size)
                    return u"unterminated double quote"_s;
                ++i;
            } else if (c == u'\\') {
                if (i == size)
                    return u"a backslash at the end of the line (values cannot span lines)"_s;
                word += line[i++];
            } else {
                word += c;
            }
        }
        words.append(word);
    }
}

class Parser
{
public:
    explicit Parser(const QString &fileName)
        : m_fileName(fileName)
    {}

    Result<UciConfig> parse(const QByteArray &text)
    {
        const QString content = QString::fromUtf8(text);
        const QList<QStringView> lines = QStringView(content).split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QStringView line = lines[i];
            if (line.endsWith(u'\r'))
                line.chop(1);
            const auto words = splitLine(line);
            const QString error = std::holds_alternative<QString>(words)
                                      ? std::get<QString>(words)
                                      : statement(std::get<QStringList>(words));
            if (!error.isEmpty()) {
                return Error{ErrorCode::StepFailed,
                             u"%1:%2: %3"_s.arg(m_fileName).arg(i + 1).arg(error)};
            }
        }
        return m_config;
    }

private:
    QString statement(const QStringList &words)
    {
        if (words.isEmpty())
            return {};
        const QString &keyword = words.first();
        if (keyword == u"package")
            return words.size() == 2 ? QString() : u"package takes one name"_s;
        if (keyword == u"config")
            return section(words);
        if (keyword == u"option" || keyword == u"list")
            return option(words, keyword == u"list");
        return u"unknown keyword '%1' (expected config, option or list)"_s.arg(keyword);
    }

    QString section(const QStringList &words)
    {
        if (words.size() < 2 || words.size() > 3)
            return u"config takes a type and an optional name"_s;
        if (!isUciWord(words[1]))
            return u"invalid section type '%1'"_s.arg(words[1]);
        if (words.size() == 3 && !isUciWord(words[2]))
            return u"invalid section name '%1'"_s.arg(words[2]);
        m_config.sections.append({words[1], words.value(2), {}});
        return {};
    }

    QString option(const QStringList &words, bool isList)
    {
        const QString &keyword = words.first();
        if (m_config.sections.isEmpty())
            return u"%1 outside a section"_s.arg(keyword);
        if (words.size() != 3)
            return u"%1 takes a name and a value"_s.arg(keyword);
        if (!isUciWord(words[1]))
            return u"invalid %1 name '%2'"_s.arg(keyword, words[1]);
        m_config.sections.last().options.append({words[1], words[2], isList});
        return {};
    }

    const QString &m_fileName;
    UciConfig m_config;
};

} // namespace

QString UciSection::option(QStringView key) const
{
    for (const UciOption &option : options) {
        if (!option.isList && option.key == key)
            return option.value;
    }
    return {};
}

bool UciSection::hasOption(QStringView key) const
{
    return std::any_of(options.cbegin(), options.cend(), [key](const UciOption &option) {
        return !option.isList && option.key == key;
    });
}

QStringList UciSection::list(QStringView key) const
{
    QStringList values;
    for (const UciOption &option : options) {
        if (option.isList && option.key == key)
            values.append(option.value);
    }
    return values;
}

void UciSection::setOption(const QString &key, const QString &value)
{
    for (UciOption &option : options) {
        if (!option.isList && option.key == key) {
            option.value = value;
            return;
        }
    }
    addOption(key, value);
}

void UciSection::removeOption(QStringView key)
{
    options.removeIf([key](const UciOption &option) { return option.key == key; });
}

void UciSection::addOption(const QString &key, const QString &value)
{
    options.append({key, value, false});
}

void UciSection::addList(const QString &key, const QString &value)
{
    options.append({key, value, true});
}

Result<UciConfig> UciConfig::parse(const QByteArray &text, const QString &fileName)
{
    return Parser(fileName).parse(text);
}

QByteArray UciConfig::toText() const
{
    QString text;
    for (const UciSection &section : sections) {
        if (!text.isEmpty())
            text += u'\n';
        text += u"config "_s + section.type;
        if (!section.name.isEmpty())
            text += u' ' + uciQuoted(section.name);
        text += u'\n';
        for (const UciOption &option : section.options) {
            text += (option.isList ? u"\tlist "_s : u"\toption "_s) + option.key + u' '
                    + uciQuoted(option.value) + u'\n';
        }
    }
    return text.toUtf8();
}

UciSection *UciConfig::section(QStringView name)
{
    const auto found = std::find_if(sections.begin(), sections.end(),
                                    [name](const UciSection &s) { return s.name == name; });
    return found == sections.end() || name.isEmpty() ? nullptr : &*found;
}

const UciSection *UciConfig::section(QStringView name) const
{
    return const_cast<UciConfig *>(this)->section(name);
}

QString uciQuoted(const QString &value)
{
    QString quoted = value;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

Result<void> checkUciValue(const QString &field, const QString &value)
{
    if (value.contains(u'\n') || value.contains(u'\r'))
        return Result<void>::failure(
            ErrorCode::InvalidChute,
            field + u": UCI values are one line; a line break cannot be written"_s);
    if (value.contains(QChar(0)))
        return Result<void>::failure(ErrorCode::InvalidChute,
                                     field + u": a NUL character cannot be written to UCI"_s);
    return Result<void>::success();
}

QString uciName(const QString &text)
{
    QString name = text;
    for (QChar &c : name) {
        if (!isNameCharacter(c, false))
            c = u'_';
    }
    return name;
}

Result<UciConfig> readUciFile(Router &router, const QString &path)
{
    const Result<QByteArray> text = router.readFile(path);
    if (!text) {
        if (text.error().code == ErrorCode::NotFound)
            return UciConfig{};
        return text.error();
    }
    return UciConfig::parse(text.value(), path);
}

Result<void> editUciFile(StepContext &context, const QString &path,
                         const std::function<Result<void>(UciConfig &)> &edit)
{
    Router &router = routerOf(context);
    const Result<QByteArray> before = router.readFile(path);
    if (!before && before.error().code != ErrorCode::NotFound)
        return before.error();
    const QByteArray text = before ? before.value() : QByteArray();
    const Result<UciConfig> original = UciConfig::parse(text, path);
    if (!original)
        return original.error();
    UciConfig config = original.value();
    if (Result<void> edited = edit(config); !edited)
        return edited;
    // Compared as sections, not text: a file that only differs from its canonical form (comments)
    // is left as it is when the step has nothing to change in it.
    if (config == original.value())
        return Result<void>::success();
    context.appendOutput(u"wrote "_s + path);
    return replaceFile(context, path, config.toText());
}

} // namespace ChuteDeck::Core
