#include "tests/ui/messageboxes.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

namespace ChuteDeck::Tests {

QMessageBox *visibleBox(const QString &objectName)
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *box = qobject_cast<QMessageBox *>(widget);
        if (box && box->isVisible() && (objectName.isEmpty() || box->objectName() == objectName))
            return box;
    }
    return nullptr;
}

void answerBox(QObject *context, const QString &objectName, QMessageBox::StandardButton button,
               QString *text)
{
    auto *timer = new QTimer(context);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, objectName, button, text] {
        QMessageBox *box = visibleBox(objectName);
        if (!box)
            return;
        *text = box->text();
        if (!box->informativeText().isEmpty())
            *text += u'\n' + box->informativeText();
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start(20);
}

void answerQuestion(QObject *context, const QString &objectName, bool accept, QString *text)
{
    answerBox(context, objectName, accept ? QMessageBox::Yes : QMessageBox::No, text);
}

QString takeBoxText(int timeoutMs)
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&box] { return (box = visibleBox()) != nullptr; }, timeoutMs))
        return {};
    QString text = box->text();
    box->close();
    return text;
}

} // namespace ChuteDeck::Tests
