#pragma once

#include "ui/models/connectionprofile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ChuteDeck::Ui {

// File → Connect to router…: the kind of router (SSH, HTTP, HTTPS), where it is and how to log
// in; the address it makes is shown as it is typed, and OK waits until every field makes sense
// (the label under the form names the field at fault). accepted() means profile() and password()
// hold the user's choice; the caller saves, stores the password and connects.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(const ConnectionProfile &initial = {}, QWidget *parent = nullptr);
    ~ConnectDialog() override = default;

    ConnectionProfile profile() const;
    QByteArray password() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void createFields();
    void retranslateUi();
    void onKindChanged();
    void updateState();
    void chooseKeyFile();
    ConnectionProfile::Kind kind() const;
    ConnectionProfile::SshAuth auth() const;

    QComboBox *m_kind;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_rootPath;
    QComboBox *m_auth;
    QLineEdit *m_keyFile;
    QPushButton *m_browse;
    QWidget *m_keyRow;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_address;
    QLabel *m_problem;
    QFormLayout *m_form;
    QDialogButtonBox *m_buttons;
    QList<QLabel *> m_labels; // in the order of the form's rows
    ConnectionProfile::Kind m_lastKind;
};

} // namespace ChuteDeck::Ui
