// Identity from a client certificate. The certificates are made here with the openssl command
// line tool, as an operator would, so the test also pins down how its SAN syntax reaches us.
#include "bwx/server/identity.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using bwx::Role;
using bwx::server::Identity;

class TestIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fromCertificate_data();
    void fromCertificate();
    void names_data();
    void names();
    void adminAllowList();
    void notPem();

private:
    QByteArray makeCertificate(const QString &tag, const QString &san);
    QTemporaryDir m_dir;
};

void TestIdentity::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// A self-signed certificate; only its subjectAltName matters here (chain verification is
// OpenSSL's job in the handshake). An empty `san` leaves the extension out.
QByteArray TestIdentity::makeCertificate(const QString &tag, const QString &san)
{
    const QString key = m_dir.filePath(tag + ".key");
    const QString cert = m_dir.filePath(tag + ".crt");
    QStringList args{
        "req",    "-x509",   "-newkey",   "ec",   "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", key,         "-out", cert,       "-days",
        "1",      "-subj",   "/CN=" + tag};
    if (!san.isEmpty())
        args << "-addext"
             << "subjectAltName=" + san;
    QProcess openssl;
    openssl.start("openssl", args);
    if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0)
        qFatal("openssl failed for %s: %s", qPrintable(tag),
               openssl.readAllStandardError().constData());
    QFile file(cert);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(cert));
    return file.readAll();
}

void TestIdentity::fromCertificate_data()
{
    QTest::addColumn<QString>("san");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("nameOrReason");

    const int member = static_cast<int>(Role::Member);
    const int admin = static_cast<int>(Role::Admin);
    QTest::newRow("member URI") << "URI:urn:bwx:member:alice" << true << member << "alice";
    QTest::newRow("admin URI") << "URI:urn:bwx:admin:root" << true << admin << "root";
    QTest::newRow("member URI beside DNS and IP names")
        << "DNS:alice.example,URI:urn:bwx:member:alice-2,IP:192.0.2.1" << true << member
        << "alice-2";
    QTest::newRow("no SAN") << "" << false << 0 << "no subjectAltName extension";
    QTest::newRow("DNS SAN only") << "DNS:alice.example" << false << 0 << "no URI subjectAltName";
    QTest::newRow("two bwx URIs") << "URI:urn:bwx:member:alice,URI:urn:bwx:member:bob" << false << 0
                                  << "2 URI subjectAltNames, exactly one is allowed";
    QTest::newRow("member and admin URI") << "URI:urn:bwx:member:alice,URI:urn:bwx:admin:root"
                                          << false << 0 << "exactly one is allowed";
    QTest::newRow("bwx URI plus a web URI") << "URI:urn:bwx:member:alice,URI:https://alice.example"
                                            << false << 0 << "exactly one is allowed";
    QTest::newRow("wrong scheme") << "URI:https://alice.example/member" << false << 0
                                  << "is neither urn:bwx:member:<name> nor urn:bwx:admin:<name>";
    QTest::newRow("unknown role") << "URI:urn:bwx:operator:alice" << false << 0
                                  << "is neither urn:bwx:member";
    QTest::newRow("case matters") << "URI:URN:BWX:MEMBER:alice" << false << 0 << "is neither";
    QTest::newRow("empty name") << "URI:urn:bwx:member:" << false << 0 << "invalid name";
    QTest::newRow("name with a colon")
        << "URI:urn:bwx:member:alice:x" << false << 0 << "invalid name";
    QTest::newRow("name starting with a dash")
        << "URI:urn:bwx:admin:-root" << false << 0 << "invalid name";
}

void TestIdentity::fromCertificate()
{
    QFETCH(QString, san);
    QFETCH(bool, accepted);
    QFETCH(int, role);
    QFETCH(QString, nameOrReason);

    const QByteArray pem = makeCertificate(QString::fromLatin1(QTest::currentDataTag())
                                               .replace(QRegularExpression("[^A-Za-z0-9]"), "_"),
                                           san);
    const auto identity = bwx::server::identityFromPem(
        std::string_view(pem.constData(), static_cast<std::size_t>(pem.size())));
    if (accepted) {
        QVERIFY2(identity.hasValue(), identity.hasValue() ? "" : identity.error().c_str());
        QCOMPARE(static_cast<int>(identity->role), role);
        QCOMPARE(QString::fromStdString(identity->name), nameOrReason);
    } else {
        QVERIFY2(!identity.hasValue(), "the certificate was accepted");
        QVERIFY2(QString::fromStdString(identity.error()).contains(nameOrReason),
                 identity.error().c_str());
    }
}

void TestIdentity::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "alice" << true;
    QTest::newRow("digits, dash, underscore") << "as64500_noc-1" << true;
    QTest::newRow("starts with a digit") << "1and1" << false;
    QTest::newRow("upper case") << "Alice" << false;
    QTest::newRow("dot") << "noc.example" << false;
    QTest::newRow("32 characters") << QString(32, 'a') << true;
    QTest::newRow("33 characters") << QString(33, 'a') << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("space") << "al ice" << false;
    QTest::newRow("leading dot") << ".alice" << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("non-ASCII") << QString::fromUtf8("müller") << false;
}

void TestIdentity::names()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const QByteArray utf8 = name.toUtf8();
    QCOMPARE(bwx::server::isValidIdentityName(
                 std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size()))),
             valid);
}

void TestIdentity::adminAllowList()
{
    const Identity root{Role::Admin, "root"};
    const Identity ops{Role::Admin, "ops"};
    const Identity member{Role::Member, "root"};
    QVERIFY(bwx::server::adminAllowed(root, {}));
    QVERIFY(bwx::server::adminAllowed(root, {"ops", "root"}));
    QVERIFY(!bwx::server::adminAllowed(ops, {"root"}));
    QVERIFY(!bwx::server::adminAllowed(member, {}));
}

void TestIdentity::notPem()
{
    const auto identity = bwx::server::identityFromPem("-----BEGIN CERTIFICATE-----\nAAAA\n");
    QVERIFY(!identity.hasValue());
    QVERIFY(QString::fromStdString(identity.error()).contains("not a PEM certificate"));
    QVERIFY(!bwx::server::identityFromCertificate(nullptr).hasValue());
}

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
