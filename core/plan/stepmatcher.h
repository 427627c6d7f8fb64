#pragma once

#include "core/base/result.h"
#include "core/plan/step.h"
#include "core/plan/stepregistry.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

// Names a step for a breakpoint or an injected failure, in the form users type:
//   "12"                         the step with id 12
//   "dockerapi.start_container"  every todo step of that function
//   "abort:dockerapi.remove_image" every undo step of that function
//   "dockerapi.start_container[main]"  only calls with that argument (likewise after abort:)
class StepMatcher
{
public:
    enum class Kind : quint8 { Id, Todo, Abort };

    static Result<StepMatcher> parse(const QString &spec);
    static StepMatcher forId(StepId id);
    static StepMatcher forTodo(QString function, QString argument = {});
    static StepMatcher forAbort(QString function, QString argument = {});

    Kind kind() const { return m_kind; }
    StepId id() const { return m_id; }
    const QString &function() const { return m_function; }
    const QString &argument() const { return m_argument; } // empty: any arguments
    QString toString() const;                              // the spec it parses from

    friend bool operator==(const StepMatcher &, const StepMatcher &) = default;

private:
    StepMatcher(Kind kind, StepId id, QString function, QString argument);

    QString m_function;
    QString m_argument;
    StepId m_id = 0;
    Kind m_kind = Kind::Id;
};

// A set of matchers, asked once per step: cheap when empty, as it nearly always is.
class StepMatcherSet
{
public:
    void insert(const StepMatcher &matcher) { m_specs.insert(matcher.toString()); }
    void remove(const StepMatcher &matcher) { m_specs.remove(matcher.toString()); }
    void remove(const QString &spec) { m_specs.remove(spec); }
    bool contains(const StepMatcher &matcher) const { return m_specs.contains(matcher.toString()); }
    bool isEmpty() const { return m_specs.isEmpty(); }

    // The spec (StepMatcher::toString()) that matches the call, or an empty string. An undo step
    // matches by function and arguments only: its id is that of the step that recorded it.
    QString match(Phase phase, StepId id, const StepCall &call) const;
    bool matches(Phase phase, StepId id, const StepCall &call) const
    {
        return !match(phase, id, call).isEmpty();
    }
    QStringList toStringList() const; // ids ascending, then names sorted

private:
    QSet<QString> m_specs; // canonical specs: StepMatcher::toString()
};

} // namespace ChuteDeck::Core
