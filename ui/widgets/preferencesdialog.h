#pragma once

#include "ui/models/preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace ChuteDeck::Ui {

class RouterModel;

// Language, confirmation deadline, default router and theme. Modeless: it never blocks a run.
// accepted() means preferences() holds the user's choice; the caller saves and applies it.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    PreferencesDialog(const Preferences &preferences, RouterModel *routers,
                      QWidget *parent = nullptr);
    ~PreferencesDialog() override = default;

    Preferences preferences() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QComboBox *m_language;
    QSpinBox *m_deadline;
    QComboBox *m_router;
    QComboBox *m_theme;
    QCheckBox *m_confirmByHand;
    QList<QLabel *> m_labels;
    Preferences m_initial;
};

} // namespace ChuteDeck::Ui
