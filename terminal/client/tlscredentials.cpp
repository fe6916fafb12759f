#include "client/tlscredentials.h"

#include "client/connectionprofile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>

namespace bwx::terminal {

namespace {

class CredentialText
{
    Q_DECLARE_TR_FUNCTIONS(TlsCredentials)
public:
    static QString noFile(const QString &what) { return tr("No %1 file given").arg(what); }
    static QString unreadable(const QString &what, const QString &file, const QString &why)
    {
        return tr("Cannot read the %1 file %2: %3").arg(what, file, why);
    }
    static QString notPem(const QString &what, const QString &file)
    {
        return tr("The %1 file %2 holds no PEM certificate").arg(what, file);
    }
    static QString badKey(const QString &file)
    {
        return tr("The key file %1 holds no unencrypted PEM private key (RSA, EC or DSA)")
            .arg(file);
    }
    static QString expired(const QString &file, const QString &when)
    {
        return tr("The certificate in %1 expired on %2").arg(file, when);
    }
    static QString certificate() { return tr("certificate"); }
    static QString key() { return tr("key"); }
    static QString ca() { return tr("CA"); }
};

std::optional<QByteArray> readFile(const QString &fileName, const QString &what, QString *error)
{
    if (fileName.isEmpty()) {
        *error = CredentialText::noFile(what);
        return std::nullopt;
    }
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = CredentialText::unreadable(what, fileName, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

std::optional<TlsCredentials> loadTlsCredentials(const ConnectionProfile &profile, QString *error)
{
    TlsCredentials credentials;

    const auto certPem = readFile(profile.certificateFile, CredentialText::certificate(), error);
    if (!certPem)
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = CredentialText::notPem(CredentialText::certificate(), profile.certificateFile);
        return std::nullopt;
    }
    credentials.certificate = chain.first();
    if (credentials.certificate.expiryDate() < QDateTime::currentDateTimeUtc()) {
        *error = CredentialText::expired(
            profile.certificateFile, credentials.certificate.expiryDate().toString(Qt::ISODate));
        return std::nullopt;
    }

    const auto keyPem = readFile(profile.keyFile, CredentialText::key(), error);
    if (!keyPem)
        return std::nullopt;
    // QSslKey needs the algorithm up front; a PKCS#8 file does not say which one it holds.
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        QSslKey key(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            credentials.privateKey = key;
            break;
        }
    }
    if (credentials.privateKey.isNull()) {
        *error = CredentialText::badKey(profile.keyFile);
        return std::nullopt;
    }

    const auto caPem = readFile(profile.caFile, CredentialText::ca(), error);
    if (!caPem)
        return std::nullopt;
    credentials.caCertificates = QSslCertificate::fromData(*caPem, QSsl::Pem);
    if (credentials.caCertificates.isEmpty()) {
        *error = CredentialText::notPem(CredentialText::ca(), profile.caFile);
        return std::nullopt;
    }
    return credentials;
}

} // namespace bwx::terminal
