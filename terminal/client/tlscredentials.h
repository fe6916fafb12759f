#pragma once
// The member's certificate, key and the exchange CA, loaded and checked before connecting so a
// wrong file is reported by name instead of as an anonymous handshake failure.
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <optional>

namespace bwx::terminal {

struct ConnectionProfile;

struct TlsCredentials
{
    QSslCertificate certificate;
    QSslKey privateKey;
    QList<QSslCertificate> caCertificates;
};

// Returns nullopt and a message naming the file and the problem.
std::optional<TlsCredentials> loadTlsCredentials(const ConnectionProfile &profile, QString *error);

} // namespace bwx::terminal
