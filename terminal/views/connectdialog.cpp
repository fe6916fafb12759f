#include "views/connectdialog.h"

#include "client/tlscredentials.h"
#include "models/colors.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace bwx::terminal {

ConnectDialog::ConnectDialog(const ConnectionProfile &initial, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to the exchange"));

    auto *intro = new QLabel(tr("The exchange gives each member a client certificate and its "
                                "private key, and the CA certificate that signed the server's."),
                             this);
    intro->setWordWrap(true);

    auto *form = new QFormLayout;
    m_server = new QLineEdit(initial.port != 0 ? initial.serverText() : initial.host, this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setPlaceholderText(tr("host:port, e.g. exchange.example.net:7400"));
    m_server->setAccessibleName(tr("Server address"));
    form->addRow(tr("&Server:"), m_server);

    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    m_certificate = addFileRow(form, tr("&Certificate:"), initial.certificateFile,
                               tr("Client certificate file"), pem);
    m_key = addFileRow(form, tr("&Key:"), initial.keyFile, tr("Private key file"), pem);
    m_ca = addFileRow(form, tr("C&A:"), initial.caFile, tr("Exchange CA certificate file"), pem);

    auto *fromProfile = new QPushButton(tr("From a profile &directory…"), this);
    fromProfile->setObjectName(QStringLiteral("profileDirectoryButton"));
    fromProfile->setToolTip(tr("Fill in member.crt, member.key and ca.crt from the directory "
                               "`bwxctl cert issue --out` wrote"));
    fromProfile->setAutoDefault(false);
    connect(fromProfile, &QPushButton::clicked, this, [this] {
        const QString directory = QFileDialog::getExistingDirectory(
            this, tr("Member profile directory"), QFileInfo(m_certificate->text()).absolutePath());
        if (!directory.isEmpty())
            useProfileDirectory(directory);
    });
    form->addRow(QString(), fromProfile);

    m_serverName = new QLineEdit(initial.serverName, this);
    m_serverName->setObjectName(QStringLiteral("serverNameEdit"));
    m_serverName->setPlaceholderText(tr("optional: the name in the server's certificate"));
    m_serverName->setAccessibleName(tr("Server certificate name"));
    form->addRow(tr("Server &name:"), m_serverName);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(colors::ask().name()));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *connectButton = buttons->addButton(tr("C&onnect"), QDialogButtonBox::AcceptRole);
    connectButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

QLineEdit *ConnectDialog::addFileRow(QFormLayout *form,
                                     const QString &label,
                                     const QString &value,
                                     const QString &accessibleName,
                                     const QString &filter)
{
    auto *edit = new QLineEdit(value, this);
    edit->setAccessibleName(accessibleName);
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a file"));
    browse->setAccessibleName(tr("Choose %1").arg(accessibleName));
    connect(browse, &QToolButton::clicked, this, [this, edit, accessibleName, filter] {
        const QString file
            = QFileDialog::getOpenFileName(this, accessibleName, edit->text(), filter);
        if (!file.isEmpty())
            edit->setText(file);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit);
    row->addWidget(browse);
    // With a layout as the field QFormLayout sets no buddy, and the '&' would show literally.
    auto *labelWidget = new QLabel(label, this);
    labelWidget->setBuddy(edit);
    form->addRow(labelWidget, row);
    return edit;
}

void ConnectDialog::useProfileDirectory(const QString &directory)
{
    const ProfileFiles files = profileFiles(directory);
    m_certificate->setText(files.certificate);
    m_key->setText(files.key);
    m_ca->setText(files.ca);
}

ConnectionProfile ConnectDialog::profile() const
{
    ConnectionProfile p;
    QString ignored;
    if (const auto address = parseServerAddress(m_server->text(), &ignored)) {
        p.host = address->host;
        p.port = address->port;
    }
    p.certificateFile = m_certificate->text().trimmed();
    p.keyFile = m_key->text().trimmed();
    p.caFile = m_ca->text().trimmed();
    p.serverName = m_serverName->text().trimmed();
    return p;
}

QString ConnectDialog::check()
{
    QString error;
    if (!parseServerAddress(m_server->text(), &error)) {
        m_server->setFocus();
    } else if (!loadTlsCredentials(profile(), &error)) {
        // Point at the field the message is about.
        const ConnectionProfile p = profile();
        if (error.contains(p.keyFile) && !p.keyFile.isEmpty())
            m_key->setFocus();
        else if (error.contains(p.caFile) && !p.caFile.isEmpty())
            m_ca->setFocus();
        else
            m_certificate->setFocus();
    } else {
        error.clear();
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    return error;
}

QString ConnectDialog::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void ConnectDialog::accept()
{
    if (check().isEmpty())
        QDialog::accept();
}

} // namespace bwx::terminal
