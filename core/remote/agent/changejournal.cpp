#include "core/remote/agent/changejournal.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

ChangeJournal::ChangeJournal(QString folder)
    : m_folder(std::move(folder))
{}

QString ChangeJournal::fileOf(int change) const
{
    return QDir(m_folder).filePath(u"%1.jsonl"_s.arg(change));
}

Result<void> ChangeJournal::append(int change, const QJsonObject &line) const
{
    if (!isEnabled())
        return {};
    QFile file(fileOf(change));
    if (!file.exists())
        QDir().mkpath(m_folder);
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    // One write() of the whole line: a kill cuts it short at worst, never interleaves it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)
        || file.write(bytes) != bytes.size()) {
        return Result<void>::failure(
            ErrorCode::RouterIo,
            u"%1: cannot journal the change: %2"_s.arg(file.fileName(), file.errorString()));
    }
    return {};
}

Result<ChangeJournal::Entry> ChangeJournal::loadFile(const QString &path, int id) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(path, file.errorString())};
    Entry entry{id, path, {}};
    QList<QByteArray> lines = file.readAll().split('\n');
    lines.removeLast(); // after the last line end: empty, or a line the kill cut short
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QJsonParseError error{};
        const QJsonDocument json = QJsonDocument::fromJson(lines.at(i), &error);
        if (error.error != QJsonParseError::NoError || !json.isObject())
            return Error{
                ErrorCode::RouterIo,
                u"%1:%2: not a JSON object: %3"_s.arg(path).arg(i + 1).arg(error.errorString())};
        entry.lines.append(json.object());
    }
    return entry;
}

Result<QList<ChangeJournal::Entry>> ChangeJournal::load() const
{
    QList<Entry> entries;
    if (!isEnabled())
        return entries;
    const QStringList files = QDir(m_folder).entryList({u"*.jsonl"_s}, QDir::Files);
    for (const QString &name : files) {
        bool ok = false;
        const int id = name.chopped(6).toInt(&ok);
        if (!ok || id <= 0)
            continue; // not a change's journal
        Result<Entry> entry = loadFile(QDir(m_folder).filePath(name), id);
        if (!entry)
            return entry.error();
        entries.append(std::move(entry).value());
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.id < b.id; });
    return entries;
}

} // namespace ChuteDeck::Core
