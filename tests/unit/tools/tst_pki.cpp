// The exchange CA: what bwx_pki writes must verify with OpenSSL itself, carry exactly the
// identity bwxd maps to a member, and never replace an existing key by accident.
// moc needs <QTest> before the other headers.
// clang-format off
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "bwx/pki/pki.h"
// clang-format on

using namespace bwx;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct X509Deleter
{
    void operator()(X509 *x) const { X509_free(x); }
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Cert = std::unique_ptr<X509, X509Deleter>;
using Key = std::unique_ptr<EVP_PKEY, X509Deleter>;

Cert loadCert(const fs::path &p)
{
    FILE *f = std::fopen(p.c_str(), "r");
    if (!f)
        return nullptr;
    Cert c(PEM_read_X509(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    return c;
}

Key loadKey(const fs::path &p)
{
    FILE *f = std::fopen(p.c_str(), "r");
    if (!f)
        return nullptr;
    Key k(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    return k;
}

unsigned modeOf(const fs::path &p)
{
    struct stat st
    {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

// X509_verify_cert against the CA with the TLS purpose the certificate is meant for.
QString verifyChain(X509 *ca, X509 *leaf, int purpose)
{
    X509_STORE *store = X509_STORE_new();
    X509_STORE_add_cert(store, ca);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf, nullptr);
    X509_STORE_CTX_set_purpose(ctx, purpose);
    const int ok = X509_verify_cert(ctx);
    const QString result
        = ok == 1
              ? QString()
              : QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    return result;
}

QStringList sans(const pki::IssuedCertificate &c)
{
    QStringList l;
    for (const auto &s : c.subjectAltNames)
        l << QString::fromStdString(s);
    return l;
}

} // namespace

class TestPki : public QObject
{
    Q_OBJECT

private slots:
    void createCa();
    void createCaRefusesOverwrite();
    void issue_data();
    void issue();
    void serialsAreRandom();
    void certificateOfAnotherCaDoesNotVerify();
    void badNames_data();
    void badNames();
    void badServerHosts_data();
    void badServerHosts();
    void issueRefusesOverwrite();
    void issueRefusesForeignCaCopy();
    void issueErrors_data();
    void issueErrors();
};

void TestPki::createCa()
{
    QTemporaryDir tmp;
    const fs::path dir = fs::path(tmp.path().toStdString()) / "ca";
    auto files = pki::createCa(dir, "BWX Test CA");
    QVERIFY2(files.hasValue(), files.hasValue() ? "" : files.error().c_str());
    QCOMPARE(files->key, dir / "ca.key");
    QCOMPARE(modeOf(files->key), 0600u);
    QCOMPARE(modeOf(dir), 0700u);

    Key key = loadKey(files->key);
    QVERIFY(key);
    char group[64] = {};
    QVERIFY(EVP_PKEY_get_group_name(key.get(), group, sizeof group, nullptr) == 1);
    QCOMPARE(QByteArray(group), QByteArray("prime256v1"));

    Cert ca = loadCert(files->certificate);
    QVERIFY(ca);
    QVERIFY(X509_check_ca(ca.get()) >= 1);
    QVERIFY(X509_get_key_usage(ca.get()) & KU_KEY_CERT_SIGN);
    QCOMPARE(X509_check_private_key(ca.get(), key.get()), 1);
    // Self-signed: it verifies against itself.
    QCOMPARE(verifyChain(ca.get(), ca.get(), X509_PURPOSE_ANY), QString());
    // 10 years, give or take the backdating and leap days.
    const std::int64_t lifetime = files->notAfter.seconds() - std::time(nullptr);
    QVERIFY(lifetime > 3649LL * 86400 && lifetime <= 3650LL * 86400);
    QCOMPARE(files->serial.size(), std::size_t(32));
}

void TestPki::createCaRefusesOverwrite()
{
    QTemporaryDir tmp;
    const fs::path dir(tmp.path().toStdString());
    QVERIFY(pki::createCa(dir, "First").hasValue());
    const std::string keyBefore = readAll(dir / "ca.key");

    auto again = pki::createCa(dir, "Second");
    QVERIFY(!again.hasValue());
    QVERIFY2(again.error().find("refusing to overwrite existing") != std::string::npos,
             again.error().c_str());
    QCOMPARE(readAll(dir / "ca.key"), keyBefore);

    auto forced = pki::createCa(dir, "Second", true);
    QVERIFY(forced.hasValue());
    QVERIFY(readAll(dir / "ca.key") != keyBefore);
    QCOMPARE(modeOf(dir / "ca.key"), 0600u);
    // No temporary files are left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(dir))
        ++entries;
    QCOMPARE(entries, 2);
}

void TestPki::issue_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<QStringList>("expectedSans");
    QTest::addColumn<QString>("expectedFile");

    QTest::newRow("member: one URI") << int(pki::Kind::Member) << "alice" << QStringList()
                                     << QStringList{"URI:urn:bwx:member:alice"} << "member";
    QTest::newRow("admin: one URI") << int(pki::Kind::Admin) << "ops-1" << QStringList()
                                    << QStringList{"URI:urn:bwx:admin:ops-1"} << "admin";
    QTest::newRow("server: DNS and IPs")
        << int(pki::Kind::Server) << "localhost" << QStringList{"localhost", "127.0.0.1", "::1"}
        << QStringList{"DNS:localhost", "IP:127.0.0.1", "IP:::1"} << "server";
    QTest::newRow("server: name alone, duplicates dropped")
        << int(pki::Kind::Server) << "bwx.example.net"
        << QStringList{"bwx.example.net", "bwx.example.net"} << QStringList{"DNS:bwx.example.net"}
        << "server";
}

void TestPki::issue()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QStringList, hosts);
    QFETCH(QStringList, expectedSans);
    QFETCH(QString, expectedFile);

    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca", "BWX Test CA").hasValue());
    std::vector<std::string> hostList;
    for (const auto &h : hosts)
        hostList.push_back(h.toStdString());
    const auto k = static_cast<pki::Kind>(kind);
    auto issued
        = pki::issueCertificate(root / "ca", k, name.toStdString(), root / "out", 30, hostList);
    QVERIFY2(issued.hasValue(), issued.hasValue() ? "" : issued.error().c_str());
    QCOMPARE(issued->key, root / "out" / (expectedFile.toStdString() + ".key"));
    QCOMPARE(issued->certificate, root / "out" / (expectedFile.toStdString() + ".crt"));
    QCOMPARE(modeOf(issued->key), 0600u);
    QCOMPARE(readAll(issued->caCertificate), readAll(root / "ca" / "ca.crt"));
    QCOMPARE(sans(*issued), expectedSans);

    Cert ca = loadCert(root / "ca" / "ca.crt");
    Cert leaf = loadCert(issued->certificate);
    Key key = loadKey(issued->key);
    QVERIFY(ca && leaf && key);
    QCOMPARE(X509_check_private_key(leaf.get(), key.get()), 1);
    QCOMPARE(X509_check_ca(leaf.get()), 0);

    // The SAN read back independently of bwx_pki: exactly the expected entries.
    auto *gens = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(leaf.get(), NID_subject_alt_name, nullptr, nullptr));
    QVERIFY(gens);
    QCOMPARE(sk_GENERAL_NAME_num(gens), int(expectedSans.size()));
    if (k != pki::Kind::Server) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(gens, 0);
        QCOMPARE(gn->type, GEN_URI);
        const QByteArray uri(
            reinterpret_cast<const char *>(ASN1_STRING_get0_data(gn->d.uniformResourceIdentifier)),
            ASN1_STRING_length(gn->d.uniformResourceIdentifier));
        QCOMPARE(uri, QByteArray("urn:bwx:") + expectedFile.toLatin1() + ":" + name.toLatin1());
    }
    GENERAL_NAMES_free(gens);

    QVERIFY(X509_get_key_usage(leaf.get()) & KU_DIGITAL_SIGNATURE);
    QVERIFY(!(X509_get_key_usage(leaf.get()) & KU_KEY_CERT_SIGN));
    const uint32_t xku = X509_get_extended_key_usage(leaf.get());
    if (k == pki::Kind::Server) {
        QCOMPARE(xku, uint32_t(XKU_SSL_SERVER));
        QCOMPARE(verifyChain(ca.get(), leaf.get(), X509_PURPOSE_SSL_SERVER), QString());
        QVERIFY(!verifyChain(ca.get(), leaf.get(), X509_PURPOSE_SSL_CLIENT).isEmpty());
    } else {
        QCOMPARE(xku, uint32_t(XKU_SSL_CLIENT));
        QCOMPARE(verifyChain(ca.get(), leaf.get(), X509_PURPOSE_SSL_CLIENT), QString());
        QVERIFY(!verifyChain(ca.get(), leaf.get(), X509_PURPOSE_SSL_SERVER).isEmpty());
    }
    const std::int64_t lifetime = issued->notAfter.seconds() - issued->notBefore.seconds();
    QCOMPARE(lifetime, 30LL * 86400 + 300);
}

void TestPki::serialsAreRandom()
{
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca", "CA").hasValue());
    auto a = pki::issueCertificate(root / "ca", pki::Kind::Member, "alice", root / "a", 10);
    auto b = pki::issueCertificate(root / "ca", pki::Kind::Member, "alice", root / "b", 10);
    QVERIFY(a.hasValue() && b.hasValue());
    QCOMPARE(a->serial.size(), std::size_t(32)); // 128 bits, top bits 01
    QVERIFY(a->serial != b->serial);
    QVERIFY(readAll(a->key) != readAll(b->key));
}

void TestPki::certificateOfAnotherCaDoesNotVerify()
{
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca1", "CA one").hasValue());
    QVERIFY(pki::createCa(root / "ca2", "CA two").hasValue());
    auto issued = pki::issueCertificate(root / "ca2", pki::Kind::Member, "mallory", root / "m", 10);
    QVERIFY(issued.hasValue());
    Cert ca1 = loadCert(root / "ca1" / "ca.crt");
    Cert leaf = loadCert(issued->certificate);
    QCOMPARE(verifyChain(ca1.get(), leaf.get(), X509_PURPOSE_SSL_CLIENT),
             QString("unable to get local issuer certificate"));
}

void TestPki::badNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << ""
                           << "invalid name: empty";
    QTest::newRow("upper case") << "Alice"
                                << "must start with a letter a-z";
    QTest::newRow("starts with digit") << "1alice"
                                       << "must start with a letter a-z";
    QTest::newRow("starts with dash") << "-alice"
                                      << "must start with a letter a-z";
    QTest::newRow("space") << "al ice"
                           << "character ' ' is not one of a-z 0-9 _ -";
    QTest::newRow("SAN injection") << "alice,URI:urn:bwx:admin:root"
                                   << "character ',' is not one of a-z 0-9 _ -";
    QTest::newRow("colon") << "a:b"
                           << "character ':' is not one of a-z 0-9 _ -";
    QTest::newRow("33 characters") << QString(33, 'a') << "longer than 32 characters";
    QTest::newRow("control character") << "al\x01ice"
                                       << "character '?' is not one of";
}

void TestPki::badNames()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca", "CA").hasValue());
    for (auto kind : {pki::Kind::Member, pki::Kind::Admin}) {
        auto issued
            = pki::issueCertificate(root / "ca", kind, name.toStdString(), root / "out", 10);
        QVERIFY(!issued.hasValue());
        QVERIFY2(QString::fromStdString(issued.error()).contains(error), issued.error().c_str());
    }
    QVERIFY(!fs::exists(root / "out"));
    QVERIFY(pki::validateName("a").hasValue());
    QVERIFY(pki::validateName(std::string(32, 'z')).hasValue());
    QVERIFY(pki::validateName("a0_-").hasValue());
}

void TestPki::badServerHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << ""
                           << "invalid server host: empty";
    QTest::newRow("comma") << "a,DNS:evil"
                           << "character ','";
    QTest::newRow("empty label") << "a..b"
                                 << "empty label";
    QTest::newRow("dash at label start") << "-a.b"
                                         << "starts or ends with '-'";
    QTest::newRow("long label") << QString(64, 'a') + ".net"
                                << "longer than 63";
    QTest::newRow("bad IPv4 is a bad name") << "1.2.3.4:5"
                                            << "character ':'";
}

void TestPki::badServerHosts()
{
    QFETCH(QString, host);
    QFETCH(QString, error);
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca", "CA").hasValue());
    const std::vector<std::string> hosts{host.toStdString()};
    auto issued
        = pki::issueCertificate(root / "ca", pki::Kind::Server, "srv", root / "out", 10, hosts);
    QVERIFY(!issued.hasValue());
    QVERIFY2(QString::fromStdString(issued.error()).contains(error), issued.error().c_str());
    QVERIFY(!fs::exists(root / "out"));
}

void TestPki::issueRefusesOverwrite()
{
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca", "CA").hasValue());
    auto first = pki::issueCertificate(root / "ca", pki::Kind::Member, "alice", root / "p", 10);
    QVERIFY(first.hasValue());
    const std::string key = readAll(first->key);
    const std::string cert = readAll(first->certificate);

    auto second = pki::issueCertificate(root / "ca", pki::Kind::Member, "bob", root / "p", 10);
    QVERIFY(!second.hasValue());
    QCOMPARE(QString::fromStdString(second.error()),
             QString::fromStdString("refusing to overwrite existing '"
                                    + (root / "p" / "member.key").string()
                                    + "' (use --force to replace it)"));
    QCOMPARE(readAll(first->key), key);
    QCOMPARE(readAll(first->certificate), cert);

    auto forced
        = pki::issueCertificate(root / "ca", pki::Kind::Member, "bob", root / "p", 10, {}, true);
    QVERIFY(forced.hasValue());
    QVERIFY(readAll(forced->key) != key);
    QCOMPARE(sans(*forced), QStringList{"URI:urn:bwx:member:bob"});
}

void TestPki::issueRefusesForeignCaCopy()
{
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca1", "CA one").hasValue());
    QVERIFY(pki::createCa(root / "ca2", "CA two").hasValue());
    QVERIFY(
        pki::issueCertificate(root / "ca1", pki::Kind::Member, "alice", root / "p", 10).hasValue());
    auto admin = pki::issueCertificate(root / "ca2", pki::Kind::Admin, "root", root / "p", 10);
    QVERIFY(!admin.hasValue());
    QVERIFY2(admin.error().find("holds a different CA certificate") != std::string::npos,
             admin.error().c_str());
    QVERIFY(!fs::exists(root / "p" / "admin.key"));
    // The same CA may issue another kind into the same directory.
    QVERIFY(
        pki::issueCertificate(root / "ca1", pki::Kind::Admin, "root", root / "p", 10).hasValue());
}

void TestPki::issueErrors_data()
{
    QTest::addColumn<QString>("caDir");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing CA directory") << "nowhere" << 10 << "cannot read '";
    QTest::newRow("zero days") << "ca" << 0 << "invalid validity 0 days: must be 1-3650";
    QTest::newRow("too many days") << "ca" << 3651 << "invalid validity 3651 days";
    QTest::newRow("key of another CA") << "mixed" << 10 << "is not the key of";
}

void TestPki::issueErrors()
{
    QFETCH(QString, caDir);
    QFETCH(int, days);
    QFETCH(QString, error);
    QTemporaryDir tmp;
    const fs::path root(tmp.path().toStdString());
    QVERIFY(pki::createCa(root / "ca", "CA").hasValue());
    QVERIFY(pki::createCa(root / "other", "Other").hasValue());
    fs::create_directory(root / "mixed");
    fs::copy_file(root / "ca" / "ca.crt", root / "mixed" / "ca.crt");
    fs::copy_file(root / "other" / "ca.key", root / "mixed" / "ca.key");
    auto issued = pki::issueCertificate(root / caDir.toStdString(), pki::Kind::Member, "alice",
                                        root / "out", days);
    QVERIFY(!issued.hasValue());
    QVERIFY2(QString::fromStdString(issued.error()).contains(error), issued.error().c_str());
    QVERIFY(!fs::exists(root / "out" / "member.key"));
}

QTEST_APPLESS_MAIN(TestPki)
#include "tst_pki.moc"
