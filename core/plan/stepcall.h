#pragma once

#include "core/base/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace ChuteDeck::Core {

// Which chute a per-service argument refers to: an update has remove_image(main) for the new and
// for the old chute, with different image names, so the service name alone is ambiguous.
enum class ServiceOf : quint8 { None, New, Old };

QString serviceOfName(ServiceOf which); // "", "new", "old"

// The arguments of a step function, positional as in ParaDrop's (func, *args) tuples. A step that
// acts on one service carries the service name as its only value and says whose service it is.
class StepArgs
{
public:
    StepArgs() = default;
    StepArgs(std::initializer_list<QString> values)
        : m_values(values)
    {}
    explicit StepArgs(QStringList values)
        : m_values(std::move(values))
    {}

    static StepArgs service(QString name, ServiceOf which);

    const QStringList &values() const { return m_values; }
    ServiceOf serviceOf() const { return m_serviceOf; }
    bool isEmpty() const { return m_values.isEmpty(); }
    QString value(qsizetype index) const { return m_values.value(index); }

    QJsonArray toJson() const;
    QString toDisplayString() const; // "main", "a, b", or empty

    friend bool operator==(const StepArgs &, const StepArgs &) = default;

private:
    QStringList m_values;
    ServiceOf m_serviceOf = ServiceOf::None;
};

// One call of a step function: its registered name ("dockerapi.start_container") and arguments.
// Todo steps and undo steps are both calls.
struct StepCall
{
    QString function;
    StepArgs args;

    // The name without its module ("start_container"): ParaDrop's progress text uses it.
    QString bareName() const;
    QString toDisplayString() const; // "dockerapi.remove_image(main)"

    friend bool operator==(const StepCall &, const StepCall &) = default;
};

// A call from its JSON form {"name", "args", "serviceOf"} (events, plans); errors name the field.
Result<StepCall> stepCallFromJson(const QJsonObject &json);

// Router-wide steps act on the whole router, not on one chute: when plans of several updates are
// combined, or undo steps are de-duplicated, they count as the same step whatever the update.
bool isRouterWide(const QString &function);

// Step identity for de-duplication: (function, arguments, update), ignoring the update for
// router-wide steps.
QString identityKey(const StepCall &call, const QString &update);

} // namespace ChuteDeck::Core
