#pragma once
// Where to connect and with which certificate. Checks the address and loads the files before
// accepting, so a wrong path is reported here and not as a failed handshake later.
#include "client/connectionprofile.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace bwx::terminal {

class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(const ConnectionProfile &initial, QWidget *parent = nullptr);

    ConnectionProfile profile() const;
    // Validates and returns the message shown; empty when everything is usable.
    QString check();
    QString errorText() const;
    // Fills the three file fields from a `bwxctl cert issue --out` directory.
    void useProfileDirectory(const QString &directory);

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *certificateEdit() const { return m_certificate; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *caEdit() const { return m_ca; }

    void accept() override;

private:
    QLineEdit *addFileRow(QFormLayout *form,
                          const QString &label,
                          const QString &value,
                          const QString &accessibleName,
                          const QString &filter);

    QLineEdit *m_server = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_ca = nullptr;
    QLineEdit *m_serverName = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace bwx::terminal
