#include "ui/widgets/confirmationbar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

ConfirmationBar::ConfirmationBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel)
    , m_progress(new QProgressBar)
    , m_extend(new QPushButton)
    , m_confirm(new QPushButton)
    , m_revert(new QPushButton)
{
    setObjectName(u"confirmationBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    warning.setColor(QPalette::WindowText, QColor(0x3a, 0x2c, 0x00));
    setPalette(warning);
    m_text->setWordWrap(true);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_extend->setObjectName(u"extend"_s);
    m_confirm->setObjectName(u"confirm"_s);
    m_revert->setObjectName(u"revert"_s);
    m_confirm->setDefault(true);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_extend);
    layout->addWidget(m_confirm);
    layout->addWidget(m_revert);
    connect(m_confirm, &QPushButton::clicked, this, &ConfirmationBar::confirmRequested);
    connect(m_revert, &QPushButton::clicked, this, &ConfirmationBar::revertRequested);
    connect(m_extend, &QPushButton::clicked, this,
            [this] { Q_EMIT extendRequested(kExtendSeconds); });
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &ConfirmationBar::tick);
    retranslateUi();
    hide();
}

void ConfirmationBar::start(const QDateTime &deadline)
{
    m_total = std::max<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(deadline));
    setDeadline(deadline);
    show();
    m_timer.start();
}

void ConfirmationBar::setDeadline(const QDateTime &deadline)
{
    m_deadline = deadline;
    m_total = std::max(m_total, secondsLeft());
    tick();
}

qint64 ConfirmationBar::secondsLeft() const
{
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_deadline));
}

QString ConfirmationBar::remainingText() const
{
    const qint64 left = secondsLeft();
    return u"%1:%2"_s.arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'));
}

void ConfirmationBar::tick()
{
    m_progress->setRange(0, int(m_total));
    m_progress->setValue(int(secondsLeft()));
    m_text->setText(tr("The change touched the router's network or host configuration. Confirm "
                       "that the router still works, or it is reverted in %1.")
                        .arg(remainingText()));
    if (isVisible() && secondsLeft() == 0) {
        m_timer.stop();
        Q_EMIT expired();
    }
}

void ConfirmationBar::hideEvent(QHideEvent *event)
{
    m_timer.stop();
    QFrame::hideEvent(event);
}

void ConfirmationBar::retranslateUi()
{
    m_extend->setText(tr("&Extend by a minute"));
    m_confirm->setText(tr("&Confirm"));
    m_revert->setText(tr("Re&vert"));
    tick();
}

void ConfirmationBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

} // namespace ChuteDeck::Ui
