#include "ui/widgets/connectdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;
using Kind = ConnectionProfile::Kind;
using SshAuth = ConnectionProfile::SshAuth;

ConnectDialog::ConnectDialog(const ConnectionProfile &initial, QWidget *parent)
    : QDialog(parent)
    , m_kind(new QComboBox)
    , m_host(new QLineEdit(initial.host))
    , m_port(new QSpinBox)
    , m_user(new QLineEdit(initial.user))
    , m_rootPath(new QLineEdit(initial.rootPath))
    , m_auth(new QComboBox)
    , m_keyFile(new QLineEdit(initial.keyFile))
    , m_browse(new QPushButton)
    , m_keyRow(new QWidget)
    , m_password(new QLineEdit)
    , m_remember(new QCheckBox)
    , m_address(new QLabel)
    , m_problem(new QLabel)
    , m_form(new QFormLayout)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
    , m_lastKind(initial.kind)
{
    setObjectName(u"connectDialog"_s);
    setMinimumWidth(520); // room for an address with a root path
    createFields();
    m_kind->setCurrentIndex(int(initial.kind));
    m_auth->setCurrentIndex(int(initial.auth));
    m_port->setValue(initial.port);
    m_remember->setChecked(initial.rememberPassword);
    retranslateUi();
    onKindChanged();
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectDialog::onKindChanged);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateState);
    for (QLineEdit *edit : {m_host, m_user, m_rootPath, m_keyFile, m_password})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::chooseKeyFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ConnectDialog::createFields()
{
    const QList<std::pair<QString, QWidget *>> fields{
        {u"kind"_s, m_kind},      {u"host"_s, m_host},         {u"port"_s, m_port},
        {u"user"_s, m_user},      {u"rootPath"_s, m_rootPath}, {u"auth"_s, m_auth},
        {u"keyFile"_s, m_keyRow}, {u"password"_s, m_password},
    };
    m_kind->addItems({QString(), QString(), QString()});
    m_auth->addItems({QString(), QString(), QString()});
    m_port->setRange(1, 65535);
    m_password->setEchoMode(QLineEdit::Password);
    auto *keyLayout = new QHBoxLayout(m_keyRow);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->addWidget(m_keyFile);
    keyLayout->addWidget(m_browse);
    for (const auto &[name, field] : fields) {
        field->setObjectName(name);
        auto *label = new QLabel;
        label->setBuddy(field == m_keyRow ? static_cast<QWidget *>(m_keyFile) : field);
        m_labels.append(label);
        m_form->addRow(label, field);
    }
    m_remember->setObjectName(u"rememberPassword"_s);
    m_form->addRow(QString(), m_remember);
    m_address->setObjectName(u"address"_s);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_address);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
}

Kind ConnectDialog::kind() const
{
    return Kind(m_kind->currentIndex());
}

SshAuth ConnectDialog::auth() const
{
    return SshAuth(m_auth->currentIndex());
}

ConnectionProfile ConnectDialog::profile() const
{
    ConnectionProfile profile;
    profile.kind = kind();
    profile.host = m_host->text().trimmed();
    profile.port = m_port->value();
    profile.user = m_user->text().trimmed();
    const bool ssh = profile.kind == Kind::Ssh;
    profile.rootPath = ssh ? m_rootPath->text().trimmed() : u"/"_s;
    if (profile.rootPath.isEmpty())
        profile.rootPath = u"/"_s;
    profile.auth = ssh ? auth() : SshAuth::Password;
    profile.keyFile
        = ssh && profile.auth == SshAuth::KeyFile ? m_keyFile->text().trimmed() : QString();
    profile.rememberPassword = profile.needsPassword() && m_remember->isChecked();
    return profile;
}

QByteArray ConnectDialog::password() const
{
    return profile().needsPassword() ? m_password->text().toUtf8() : QByteArray();
}

// A port left at the old kind's default follows the new kind's default.
void ConnectDialog::onKindChanged()
{
    if (m_port->value() == ConnectionProfile::defaultPort(m_lastKind))
        m_port->setValue(ConnectionProfile::defaultPort(kind()));
    m_lastKind = kind();
    updateState();
}

void ConnectDialog::updateState()
{
    const ConnectionProfile chosen = profile();
    const bool ssh = chosen.kind == Kind::Ssh;
    const auto showRow
        = [this](QWidget *field, bool visible) { m_form->setRowVisible(field, visible); };
    showRow(m_rootPath, ssh);
    showRow(m_auth, ssh);
    showRow(m_keyRow, ssh && chosen.auth == SshAuth::KeyFile);
    showRow(m_password, chosen.needsPassword());
    m_remember->setVisible(chosen.needsPassword());
    m_address->setText(
        tr("Address: %1").arg(chosen.host.isEmpty() ? u"—"_s : chosen.url())); // none yet
    const QString problem = chosen.problem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void ConnectDialog::chooseKeyFile()
{
    const QString start
        = m_keyFile->text().isEmpty() ? QDir::homePath() + u"/.ssh"_s : m_keyFile->text();
    const QString file = QFileDialog::getOpenFileName(this, tr("Private key"), start);
    if (!file.isEmpty())
        m_keyFile->setText(file);
}

void ConnectDialog::retranslateUi()
{
    setWindowTitle(tr("Connect to router"));
    const QStringList labels{tr("&Kind:"),     tr("&Host:"),      tr("&Port:"),
                             tr("&User:"),     tr("&Root path:"), tr("&Log in with:"),
                             tr("&Key file:"), tr("Pass&word:")};
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels[i]->setText(labels.at(i));
    m_kind->setItemText(int(Kind::Ssh), tr("SSH (OpenWrt or Linux router)"));
    m_kind->setItemText(int(Kind::Http), tr("HTTP (chutedeck-agent)"));
    m_kind->setItemText(int(Kind::Https), tr("HTTPS (chutedeck-agent)"));
    m_auth->setItemText(int(SshAuth::Agent), tr("SSH agent and default keys"));
    m_auth->setItemText(int(SshAuth::KeyFile), tr("Key file"));
    m_auth->setItemText(int(SshAuth::Password), tr("Password"));
    m_browse->setText(tr("&Browse…"));
    m_remember->setText(tr("R&emember the password in the keyring"));
    m_user->setPlaceholderText(tr("root"));
    m_rootPath->setToolTip(tr("The folder on the router that holds its configuration: / on a "
                              "real router"));
    updateState();
}

void ConnectDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace ChuteDeck::Ui
