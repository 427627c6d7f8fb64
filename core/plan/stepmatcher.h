#pragma once

#include "core/plan/result.h"
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
class StepMatcher
{
public:
    enum class Kind : quint8 { Id, Todo, Abort };

    static Result<StepMatcher> parse(const QString &spec);
    static StepMatcher forId(StepId id);
    static StepMatcher forTodo(QString function);
    static StepMatcher forAbort(QString function);

    Kind kind() const { return m_kind; }
    StepId id() const { return m_id; }
    const QString &function() const { return m_function; }
    QString toString() const; // the spec it parses from

    friend bool operator==(const StepMatcher &, const StepMatcher &) = default;

private:
    StepMatcher(Kind kind, StepId id, QString function);

    QString m_function;
    StepId m_id = 0;
    Kind m_kind = Kind::Id;
};

// A set of matchers, asked once per step: cheap when empty, as it nearly always is.
class StepMatcherSet
{
public:
    void insert(const StepMatcher &matcher) { m_specs.insert(matcher.toString()); }
    void remove(const StepMatcher &matcher) { m_specs.remove(matcher.toString()); }
    bool contains(const StepMatcher &matcher) const { return m_specs.contains(matcher.toString()); }
    bool isEmpty() const { return m_specs.isEmpty(); }

    // An undo step matches by its function only: its id is that of the step that recorded it.
    bool matches(Phase phase, StepId id, const QString &function) const;
    QStringList toStringList() const; // ids ascending, then names sorted

private:
    QSet<QString> m_specs; // canonical specs: StepMatcher::toString()
};

} // namespace ChuteDeck::Core
