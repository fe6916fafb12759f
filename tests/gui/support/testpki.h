#pragma once
// A throw-away PKI for TLS tests, made with the openssl command line: an exchange CA, a server
// certificate for localhost/127.0.0.1, a member certificate, and a member certificate from a
// different CA that the server must refuse.
#include <QString>

namespace bwx::terminal::test {

struct TestPki
{
    QString caCert;
    QString caKey;
    QString serverCert;
    QString serverKey;
    QString clientCert; // CN=isp-a
    QString clientKey;
    QString rogueCaCert;
    QString rogueClientCert;
    QString rogueClientKey;

    // Creates every file in `directory`; false and *error on failure.
    bool create(const QString &directory, QString *error);
};

} // namespace bwx::terminal::test
