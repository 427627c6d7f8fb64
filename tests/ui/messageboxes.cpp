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

void answerQuestion(QObject *context, const QString &objectName, bool accept, QString *text)
{
    auto *timer = new QTimer(context);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, objectName, accept, text] {
        QMessageBox *box = visibleBox(objectName);
        if (!box)
            return;
        *text = box->text();
        timer->deleteLater();
        box->button(accept ? QMessageBox::Yes : QMessageBox::No)->click();
    });
    timer->start(20);
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
