#include "ui/widgets/preferencesdialog.h"

#include "ui/models/routermodel.h"
#include "ui/widgets/appearance.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <array>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

PreferencesDialog::PreferencesDialog(const Preferences &preferences, RouterModel *routers,
                                     QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox)
    , m_deadline(new QSpinBox)
    , m_router(new QComboBox)
    , m_theme(new QComboBox)
    , m_confirmByHand(new QCheckBox)
    , m_initial(preferences)
{
    setObjectName(u"preferencesDialog"_s);
    m_deadline->setRange(Preferences::kMinConfirmDeadline, Preferences::kMaxConfirmDeadline);
    m_deadline->setValue(preferences.confirmDeadlineSeconds);
    m_confirmByHand->setChecked(preferences.confirmByHand);
    m_router->setModel(routers);
    m_router->setModelColumn(RouterModel::NameColumn);
    m_router->setCurrentIndex(std::max(0, routers->rowOf(preferences.defaultRouter)));

    auto *form = new QFormLayout;
    for (QWidget *field : {static_cast<QWidget *>(m_language), static_cast<QWidget *>(m_deadline),
                           static_cast<QWidget *>(m_router), static_cast<QWidget *>(m_theme)}) {
        auto *label = new QLabel;
        label->setBuddy(field); // Alt+letter reaches the field
        m_labels.append(label);
        form->addRow(label, field);
    }
    form->addRow(QString(), m_confirmByHand);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    retranslateUi();
}

Preferences PreferencesDialog::preferences() const
{
    Preferences chosen = m_initial;
    chosen.language = m_language->currentData().toString();
    chosen.confirmDeadlineSeconds = m_deadline->value();
    chosen.confirmByHand = m_confirmByHand->isChecked();
    chosen.defaultRouter = m_router->currentIndex() <= 0
                               ? QString()
                               : m_router->currentData(RouterModel::UrlRole).toString();
    chosen.theme = Preferences::Theme(m_theme->currentData().toInt());
    return chosen;
}

void PreferencesDialog::retranslateUi()
{
    setWindowTitle(tr("Preferences"));
    const std::array labels{tr("&Language:"), tr("&Confirmation deadline:"), tr("&Default router:"),
                            tr("&Theme:")};
    for (size_t i = 0; i < labels.size(); ++i)
        m_labels[qsizetype(i)]->setText(labels[i]);
    m_deadline->setSuffix(tr(" s"));
    m_deadline->setToolTip(tr("How long a router waits for the confirmation of a change to its "
                              "network before it reverts it"));
    m_confirmByHand->setText(tr("Confirm network changes &by hand"));
    m_confirmByHand->setToolTip(
        tr("Off: once a change to a router's network succeeded, ChuteDeck confirms it as soon as "
           "a new connection to the router works. On: the countdown waits for you."));

    const QString language
        = m_language->count() ? m_language->currentData().toString() : m_initial.language;
    m_language->clear();
    m_language->addItem(tr("System language"), QString());
    for (const QString &code : availableLanguages())
        m_language->addItem(languageName(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));

    const int theme = m_theme->count() ? m_theme->currentData().toInt() : int(m_initial.theme);
    m_theme->clear();
    m_theme->addItem(tr("Follow the system"), int(Preferences::Theme::System));
    m_theme->addItem(tr("Light"), int(Preferences::Theme::Light));
    m_theme->addItem(tr("Dark"), int(Preferences::Theme::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(theme)));
}

void PreferencesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace ChuteDeck::Ui
