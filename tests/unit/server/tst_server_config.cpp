// bwxd's configuration file: each row is a file's text and either acceptance or the error
// message it must produce. TLS material for the --check-config rows is made with openssl.
#include "bwx/app/config.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void table_data();
    void table();
    void defaults();
    void everyKey();
    void relativePathsFollowTheConfigFile();
    void listenAddresses_data();
    void listenAddresses();

private:
    void openssl(const QStringList &args);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

namespace {

const char *kTls = "[tls]\nca = \"ca.crt\"\ncert = \"server.crt\"\nkey = \"server.key\"\n";
const char *kStore = "[store]\ndata_dir = \"data\"\n";

QString minimal(const QString &extra = {})
{
    return QString(kTls) + kStore + extra;
}

} // namespace

void TestServerConfig::openssl(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start("openssl", args);
    QVERIFY2(process.waitForFinished(30'000) && process.exitCode() == 0,
             process.readAllStandardError().constData());
}

void TestServerConfig::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QStringList ec{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"};
    openssl(QStringList{"req", "-x509"} + ec
            + QStringList{"-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=ca"});
    openssl(QStringList{"req", "-x509"} + ec
            + QStringList{"-keyout", "server.key", "-out", "server.crt", "-days", "2", "-subj",
                          "/CN=server"});
    openssl(QStringList{"req", "-x509"} + ec
            + QStringList{"-keyout", "other.key", "-out", "other.crt", "-days", "2", "-subj",
                          "/CN=other"});
    QFile garbage(path("garbage.pem"));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("this is not PEM\n");
}

void TestServerConfig::table_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("deepCheck"); // also run --check-config's checks
    QTest::addColumn<QString>("error");  // empty: accepted

    QTest::newRow("minimal file") << minimal() << true << "";
    QTest::newRow("port 0 and IPv6") << minimal("[server]\nlisten = \"[::1]:0\"\n") << true << "";
    QTest::newRow("comments and blank lines") << "# bwxd\n\n" + minimal("\n# end\n") << false << "";

    QTest::newRow("bad TOML: unterminated table header") << "[server\nlisten = \"127.0.0.1:1\"\n"
                                                         << false << "bwxd.toml:1:";
    QTest::newRow("bad TOML: missing value reports line 3") << QString(kTls) + "listen =\n"
                                                            << false << "bwxd.toml:5:";
    QTest::newRow("bad TOML: duplicate key")
        << minimal("[server]\nio_threads = 1\nio_threads = 2\n") << false << "TOML syntax error";
    QTest::newRow("unknown key with its position")
        << "[server]\nlisten_port = 7700\n" + minimal() << false
        << "bwxd.toml:2:1: [server] listen_port: unknown key";
    QTest::newRow("unknown section")
        << minimal("[database]\nurl = \"x\"\n") << false << "[database]: unknown section";
    QTest::newRow("section written as a value")
        << "server = 1\n" + minimal() << false << "must be a table";
    QTest::newRow("listen without a port")
        << minimal("[server]\nlisten = \"127.0.0.1\"\n") << false << "has no port";
    QTest::newRow("listen on a host name") << minimal("[server]\nlisten = \"localhost:7700\"\n")
                                           << false << "'localhost' is not an IP address";
    QTest::newRow("IPv6 without brackets") << minimal("[server]\nlisten = \"::1:7700\"\n") << false
                                           << "put an IPv6 address in brackets";
    QTest::newRow("port above 65535")
        << minimal("[server]\nlisten = \"127.0.0.1:70000\"\n") << false << "is above 65535";
    QTest::newRow("port not a number")
        << minimal("[server]\nlisten = \"127.0.0.1:http\"\n") << false << "is not a number";
    QTest::newRow("listen not a string")
        << minimal("[server]\nlisten = 7700\n") << false << "[server] listen: must be a string";
    QTest::newRow("negative connection limit")
        << minimal("[server]\nmax_connections = -1\n") << false
        << "[server] max_connections: must not be negative, got -1";
    QTest::newRow("negative rate limit") << minimal("[server]\nrate_limit_per_s = -5\n") << false
                                         << "rate_limit_per_s: must not be negative";
    QTest::newRow("zero io threads")
        << minimal("[server]\nio_threads = 0\n") << false << "must be between 1 and 64, got 0";
    QTest::newRow("tiny frame size") << minimal("[server]\nmax_frame_size = 100\n") << false
                                     << "max_frame_size: must be between 4096";
    QTest::newRow("number as a string") << minimal("[server]\nidle_timeout_s = \"60\"\n") << false
                                        << "idle_timeout_s: must be an integer";
    QTest::newRow("heartbeat not below idle timeout")
        << minimal("[server]\nidle_timeout_s = 10\nheartbeat_s = 10\n") << false
        << "heartbeat_s: must be below idle_timeout_s";
    QTest::newRow("outbound queue smaller than two frames")
        << minimal("[server]\nmax_frame_size = 1048576\nmax_outbound_bytes = 1048576\n") << false
        << "max_outbound_bytes: must be at least twice max_frame_size";
    QTest::newRow("per-address cap above the total")
        << minimal("[server]\nmax_connections = 10\nmax_connections_per_ip = 11\n") << false
        << "must not exceed max_connections";
    QTest::newRow("missing certificate file")
        << "[tls]\nca = \"ca.crt\"\ncert = \"nope.crt\"\nkey = \"server.key\"\n" + QString(kStore)
        << false << "[tls] cert: file " + path("nope.crt") + " does not exist";
    QTest::newRow("tls section missing")
        << QString(kStore) << false << "[tls] ca, cert, key: required key is missing";
    QTest::newRow("tls key missing")
        << "[tls]\nca = \"ca.crt\"\ncert = \"server.crt\"\n" + QString(kStore) << false
        << "[tls] key: required key is missing";
    QTest::newRow("data_dir missing") << QString(kTls) + "[store]\nsync = \"full\"\n"
                                      << false << "[store] data_dir: required key is missing";
    QTest::newRow("unknown sync mode") << QString(kTls) + kStore + "sync = \"normal\"\n"
                                       << false << "must be \"full\" or \"off\", got \"normal\"";
    QTest::newRow("negative snapshot interval") << QString(kTls) + kStore + "snapshot_every = -1\n"
                                                << false << "snapshot_every: must not be negative";
    QTest::newRow("tick interval too short") << minimal("[market]\ntick_interval_ms = 1\n") << false
                                             << "tick_interval_ms: must be between 10";
    QTest::newRow("admin allow-list with a bad name")
        << minimal("[admin]\nallow = [\"root\", \"bad name\"]\n") << false
        << "'bad name' is not a valid admin name";
    QTest::newRow("admin allow-list not an array")
        << minimal("[admin]\nallow = \"root\"\n") << false << "must be an array of admin names";
    QTest::newRow("several errors reported at once")
        << minimal("[server]\nio_threads = 0\nbogus = 1\n") << false << "io_threads";

    // --check-config: the TLS material must load and fit together.
    QTest::newRow("key does not match the certificate")
        << "[tls]\nca = \"ca.crt\"\ncert = \"server.crt\"\nkey = \"other.key\"\n" + QString(kStore)
        << true << "does not match the certificate";
    QTest::newRow("CA file is not a certificate")
        << "[tls]\nca = \"garbage.pem\"\ncert = \"server.crt\"\nkey = \"server.key\"\n"
               + QString(kStore)
        << true << "cannot load the CA";
    QTest::newRow("certificate file holds a key")
        << "[tls]\nca = \"ca.crt\"\ncert = \"server.key\"\nkey = \"server.key\"\n" + QString(kStore)
        << true << "cannot load the certificate";
    QTest::newRow("data_dir under a missing directory")
        << QString(kTls) + "[store]\ndata_dir = \"no/such/dir\"\n"
        << true << "does not exist and neither does its parent";
    QTest::newRow("data_dir is a file") << QString(kTls) + "[store]\ndata_dir = \"ca.crt\"\n"
                                        << true << "is not a directory";
}

void TestServerConfig::table()
{
    QFETCH(QString, text);
    QFETCH(bool, deepCheck);
    QFETCH(QString, error);

    const std::string file = path("bwxd.toml").toStdString();
    const QByteArray utf8 = text.toUtf8();
    auto config = bwx::app::parseConfig(
        std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())), file);
    QStringList problems;
    if (!config) {
        problems = QString::fromStdString(config.error()).split('\n');
    } else if (deepCheck) {
        for (const auto &problem : bwx::app::checkConfig(*config))
            problems << QString::fromStdString(problem);
    }
    if (error.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        return;
    }
    QVERIFY2(!problems.isEmpty(), "the configuration was accepted");
    QVERIFY2(problems.join('\n').contains(error), qPrintable(problems.join('\n')));
    if (QByteArray(QTest::currentDataTag()) == "several errors reported at once")
        QCOMPARE(problems.size(), 2);
}

void TestServerConfig::defaults()
{
    auto config = bwx::app::parseConfig(minimal().toStdString(), path("bwxd.toml").toStdString());
    QVERIFY2(config.hasValue(), config.hasValue() ? "" : config.error().c_str());
    const auto &s = config->server;
    QCOMPARE(QString::fromStdString(s.listenHost), QString("127.0.0.1"));
    QCOMPARE(s.listenPort, 7700);
    QCOMPARE(config->ioThreads, 1u);
    QCOMPARE(s.limits.maxFrameSize, bwx::proto::kDefaultMaxFrameSize);
    QCOMPARE(s.limits.handshakeTimeout.count(), 10'000);
    QCOMPARE(s.limits.idleTimeout.count(), 60);
    QCOMPARE(s.limits.heartbeatSeconds, 20);
    QCOMPARE(s.limits.maxOutboundBytes, std::size_t{16} << 20);
    QCOMPARE(s.maxConnections, 1024u);
    QCOMPARE(s.maxConnectionsPerIp, 64u);
    QCOMPARE(s.limits.rateLimitPerSecond, 50'000u);
    QCOMPARE(s.limits.rateLimitBurst, 100'000u);
    QCOMPARE(s.marketWatchInterval.count(), 250);
    QVERIFY(s.adminAllow.empty());
    QVERIFY(config->store.sync == bwx::app::SyncMode::Full);
    QCOMPARE(config->store.snapshotEvery, 1'000'000u);
    QCOMPARE(config->market.tickInterval.count(), 1000);
    QCOMPARE(config->market.maxOpenOrdersPerMember, 100'000u);
}

void TestServerConfig::everyKey()
{
    const QString text = QString(R"([server]
listen = "0.0.0.0:7800"
io_threads = 2
max_frame_size = 65536
handshake_timeout_ms = 2500
idle_timeout_s = 30
heartbeat_s = 10
max_outbound_bytes = 1000000
max_connections = 100
max_connections_per_ip = 5
rate_limit_per_s = 1000
rate_limit_burst = 2000
market_watch_interval_ms = 500
max_book_subscriptions = 8
[market]
tick_interval_ms = 200
max_open_orders_per_member = 42
[admin]
allow = ["root", "ops"]
[store]
data_dir = "/var/lib/bwx"
sync = "off"
snapshot_every = 0
)") + kTls;
    auto config = bwx::app::parseConfig(text.toStdString(), path("bwxd.toml").toStdString());
    QVERIFY2(config.hasValue(), config.hasValue() ? "" : config.error().c_str());
    const auto &s = config->server;
    QCOMPARE(QString::fromStdString(s.listenHost), QString("0.0.0.0"));
    QCOMPARE(s.listenPort, 7800);
    QCOMPARE(config->ioThreads, 2u);
    QCOMPARE(s.limits.maxFrameSize, 65536u);
    QCOMPARE(s.limits.handshakeTimeout.count(), 2500);
    QCOMPARE(s.limits.idleTimeout.count(), 30);
    QCOMPARE(s.limits.heartbeatSeconds, 10);
    QCOMPARE(s.limits.maxOutboundBytes, std::size_t{1'000'000});
    QCOMPARE(s.maxConnections, 100u);
    QCOMPARE(s.maxConnectionsPerIp, 5u);
    QCOMPARE(s.limits.rateLimitPerSecond, 1000u);
    QCOMPARE(s.limits.rateLimitBurst, 2000u);
    QCOMPARE(s.marketWatchInterval.count(), 500);
    QCOMPARE(s.limits.maxBookSubscriptions, 8u);
    QCOMPARE(config->market.tickInterval.count(), 200);
    QCOMPARE(config->market.maxOpenOrdersPerMember, 42u);
    QCOMPARE(s.adminAllow, (std::vector<std::string>{"root", "ops"}));
    QCOMPARE(QString::fromStdString(config->store.dataDir.string()), QString("/var/lib/bwx"));
    QVERIFY(config->store.sync == bwx::app::SyncMode::Off);
    QCOMPARE(config->store.snapshotEvery, 0u);
}

void TestServerConfig::relativePathsFollowTheConfigFile()
{
    // The same file read from another working directory names the same files.
    const QString old = QDir::currentPath();
    QVERIFY(QDir::setCurrent(QDir::tempPath()));
    auto config = bwx::app::loadConfig(path("missing.toml").toStdString());
    QVERIFY(!config.hasValue());
    QVERIFY(QString::fromStdString(config.error()).contains("cannot be read"));
    QFile file(path("relative.toml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(minimal().toUtf8());
    file.close();
    config = bwx::app::loadConfig(path("relative.toml").toStdString());
    QVERIFY(QDir::setCurrent(old));
    QVERIFY2(config.hasValue(), config.hasValue() ? "" : config.error().c_str());
    QCOMPARE(QString::fromStdString(config->tls.certFile), path("server.crt"));
    QCOMPARE(QString::fromStdString(config->store.journalPath().string()), path("data/journal.db"));
}

void TestServerConfig::listenAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host"); // empty: refused
    QTest::addColumn<int>("port");
    QTest::newRow("IPv4") << "127.0.0.1:7700"
                          << "127.0.0.1" << 7700;
    QTest::newRow("any IPv4, ephemeral") << "0.0.0.0:0"
                                         << "0.0.0.0" << 0;
    QTest::newRow("IPv6 loopback") << "[::1]:7700"
                                   << "::1" << 7700;
    QTest::newRow("IPv6 any") << "[::]:65535"
                              << "::" << 65535;
    QTest::newRow("IPv4 in brackets") << "[127.0.0.1]:7700"
                                      << "" << 0;
    QTest::newRow("missing bracket") << "[::1:7700"
                                     << "" << 0;
    QTest::newRow("empty port") << "127.0.0.1:"
                                << "" << 0;
    QTest::newRow("signed port") << "127.0.0.1:+80"
                                 << "" << 0;
    QTest::newRow("leading-zero octet") << "127.0.0.01:80"
                                        << "" << 0;
    QTest::newRow("empty") << ""
                           << "" << 0;
}

void TestServerConfig::listenAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto parsed = bwx::app::parseListen(text.toStdString());
    if (host.isEmpty()) {
        QVERIFY(!parsed.hasValue());
        return;
    }
    QVERIFY2(parsed.hasValue(), parsed.hasValue() ? "" : parsed.error().c_str());
    QCOMPARE(QString::fromStdString(parsed->first), host);
    QCOMPARE(int(parsed->second), port);
}

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_server_config.moc"
