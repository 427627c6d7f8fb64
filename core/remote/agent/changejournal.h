#pragma once

#include "core/base/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ChuteDeck::Core {

// The agent's journal of its changes, so that they survive a restart (ids, events, outcome): one
// file per change, <folder>/<id>.jsonl, one JSON object a line, appended as the change goes
// ("journal": "queued" | "started" | "events" | "ended" | ...; ChangeQueue writes them). The
// folder is var/lib/chutedeck/agent/changes under the agent's root, beside the router
// transactions it names. A line cut short by a kill (no line end) is ignored on loading.
class ChangeJournal
{
public:
    // An empty folder journals nothing (an agent that keeps its changes in memory only).
    explicit ChangeJournal(QString folder = {});

    bool isEnabled() const { return !m_folder.isEmpty(); }
    const QString &folder() const { return m_folder; }

    Result<void> append(int change, const QJsonObject &line) const;

    struct Entry
    {
        int id = 0;
        QString file;
        QList<QJsonObject> lines;
    };
    // Every journaled change, by ascending id. Errors name the file and line.
    Result<QList<Entry>> load() const;

private:
    QString fileOf(int change) const;
    Result<Entry> loadFile(const QString &path, int id) const;

    QString m_folder;
};

} // namespace ChuteDeck::Core
