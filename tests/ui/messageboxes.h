#pragma once

#include <QString>

class QMessageBox;
class QObject;

namespace ChuteDeck::Tests {

// The message box on screen (with `objectName`, when given); nullptr when none shows.
QMessageBox *visibleBox(const QString &objectName = {});
// Clicks Yes (or No) in the question `objectName` once it shows, and keeps its text in `text`;
// the watch belongs to `context`.
void answerQuestion(QObject *context, const QString &objectName, bool accept, QString *text);
// The text of the next message box that shows within `timeoutMs`, which is closed; empty when
// none showed.
QString takeBoxText(int timeoutMs);

} // namespace ChuteDeck::Tests
