#include "testpki.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>

namespace bwx::terminal::test {

namespace {

bool run(const QStringList &arguments, const QString &directory, QString *error)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error
            = QStringLiteral("openssl %1 failed: %2")
                  .arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool makeCa(const QString &dir, const QString &name, const QString &cn, QString *error)
{
    return run({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                name + ".key"},
               dir, error)
           && run({"req", "-x509", "-new", "-key", name + ".key", "-subj", "/CN=" + cn, "-days",
                   "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                   "keyUsage=critical,keyCertSign,cRLSign", "-out", name + ".crt"},
                  dir, error);
}

bool makeLeaf(const QString &dir,
              const QString &name,
              const QString &cn,
              const QString &ca,
              const QByteArray &extensions,
              QString *error)
{
    return writeFile(dir + QLatin1Char('/') + name + ".ext", extensions, error)
           && run({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                   name + ".key"},
                  dir, error)
           && run(
               {"req", "-new", "-key", name + ".key", "-subj", "/CN=" + cn, "-out", name + ".csr"},
               dir, error)
           && run({"x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                   "-CAcreateserial", "-days", "30", "-extfile", name + ".ext", "-out",
                   name + ".crt"},
                  dir, error);
}

} // namespace

bool TestPki::create(const QString &directory, QString *error)
{
    const QString d = QDir(directory).absolutePath();
    const QByteArray serverExt = "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                 "extendedKeyUsage=serverAuth\n"
                                 "keyUsage=critical,digitalSignature\n";
    const QByteArray clientExt = "extendedKeyUsage=clientAuth\n"
                                 "keyUsage=critical,digitalSignature\n";
    if (!makeCa(d, "ca", "BWX Test Exchange CA", error)
        || !makeLeaf(d, "server", "localhost", "ca", serverExt, error)
        || !makeLeaf(d, "client", "isp-a", "ca", clientExt, error)
        || !makeCa(d, "rogue-ca", "Someone Else's CA", error)
        || !makeLeaf(d, "rogue-client", "isp-a", "rogue-ca", clientExt, error))
        return false;
    caCert = d + "/ca.crt";
    caKey = d + "/ca.key";
    serverCert = d + "/server.crt";
    serverKey = d + "/server.key";
    clientCert = d + "/client.crt";
    clientKey = d + "/client.key";
    rogueCaCert = d + "/rogue-ca.crt";
    rogueClientCert = d + "/rogue-client.crt";
    rogueClientKey = d + "/rogue-client.key";
    return true;
}

} // namespace bwx::terminal::test
