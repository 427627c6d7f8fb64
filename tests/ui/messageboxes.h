#pragma once

#include <QMessageBox>
#include <QString>

class QObject;

namespace ChuteDeck::Tests {

// The message box on screen (with `objectName`, when given); nullptr when none shows.
QMessageBox *visibleBox(const QString &objectName = {});
// Clicks `button` in the message box `objectName` once it shows, and keeps its text (and its
// informative text, on a line of its own, when it has one) in `text`; the watch belongs to
// `context`.
void answerBox(QObject *context, const QString &objectName, QMessageBox::StandardButton button,
               QString *text);
// Yes (or No) to the question `objectName`.
void answerQuestion(QObject *context, const QString &objectName, bool accept, QString *text);
// The text of the next message box that shows within `timeoutMs`, which is closed; empty when
// none showed.
QString takeBoxText(int timeoutMs);

} // namespace ChuteDeck::Tests
