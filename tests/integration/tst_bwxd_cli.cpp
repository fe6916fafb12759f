// bwxd as an operator runs it: --version, --check-config, start-up failures, IPv6 listening,
// --verify-journal on a healthy and on a damaged journal.
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <memory>
#include <sqlite3.h>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runBwxd(const QStringList &args)
{
    QProcess process;
    process.start(BwxdFixture::bwxdPath(), args);
    Result result;
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
        throw std::runtime_error("bwxd " + args.join(' ').toStdString() + " did not finish");
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        throw std::runtime_error("cannot write " + path.toStdString());
}

// Flips one byte in the middle of the second journal batch, the way a bad disk block would.
void damageJournal(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path.toStdString());
    sqlite3_stmt *select = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT first_seq, bytes FROM journal ORDER BY first_seq LIMIT 1 OFFSET 1",
                       -1, &select, nullptr);
    if (sqlite3_step(select) != SQLITE_ROW) {
        sqlite3_finalize(select);
        sqlite3_close(db);
        throw std::runtime_error("the journal has fewer than two batches");
    }
    const sqlite3_int64 firstSeq = sqlite3_column_int64(select, 0);
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(select, 1));
    QByteArray blob(bytes, sqlite3_column_bytes(select, 1));
    sqlite3_finalize(select);
    blob[blob.size() / 2] = static_cast<char>(blob[blob.size() / 2] ^ 0x5a);
    sqlite3_stmt *update = nullptr;
    sqlite3_prepare_v2(db, "UPDATE journal SET bytes = ? WHERE first_seq = ?", -1, &update,
                       nullptr);
    sqlite3_bind_blob(update, 1, blob.constData(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(update, 2, firstSeq);
    const int rc = sqlite3_step(update);
    sqlite3_finalize(update);
    sqlite3_close(db);
    if (rc != SQLITE_DONE)
        throw std::runtime_error("cannot rewrite the journal batch");
}

} // namespace

class TestBwxdCli : public QObject
{
    Q_OBJECT

private slots:
    void version();
    void checkConfigOk();
    void checkConfigReportsEveryError();
    void checkConfigLoadsTlsMaterial();
    void startFailsOnBadConfiguration();
    void startFailsWhenTheAddressIsTaken();
    void listensOnIpv6();
    void verifyHealthyJournal();
    void verifyWithoutJournal();
    void damagedJournalIsRefused();
};

void TestBwxdCli::version()
{
    guarded([&] {
        const auto result = runBwxd({"--version"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("bwxd 0.1"), qPrintable(result.out));
    });
}

void TestBwxdCli::checkConfigOk()
{
    guarded([&] {
        BwxdFixture fx;
        const auto result = fx.run({"--check-config"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QString("configuration OK\n"));
    });
}

void TestBwxdCli::checkConfigReportsEveryError()
{
    guarded([&] {
        BwxdFixture fx;
        const QString bad = fx.directory() + "/bad.toml";
        writeFile(bad, "[server]\nlisten = \"127.0.0.1\"\nbogus = 1\nmax_connections = -2\n"
                       "[tls]\nca = \"missing-ca.crt\"\n");
        const auto result = runBwxd({"--config", bad, "--check-config"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(
                     bad + ":2:10: [server] listen: listen address '127.0.0.1' has no port"),
                 qPrintable(result.err));
        QVERIFY(result.err.contains(bad + ":3:1: [server] bogus: unknown key"));
        QVERIFY(result.err.contains("[server] max_connections: must not be negative, got -2"));
        QVERIFY(result.err.contains("[tls] ca: file " + fx.directory()
                                    + "/missing-ca.crt does not exist"));
        QVERIFY(result.err.contains("[tls] cert: required key is missing"));
        QVERIFY(result.err.contains("[store] data_dir: required key is missing"));
        QVERIFY(result.err.endsWith("configuration has errors\n"));
        QVERIFY(result.out.isEmpty());

        writeFile(bad, "[server\n");
        const auto syntax = runBwxd({"--config", bad, "--check-config"});
        QCOMPARE(syntax.exitCode, 1);
        QVERIFY2(syntax.err.contains(bad + ":1:") && syntax.err.contains("TOML syntax error"),
                 qPrintable(syntax.err));
    });
}

void TestBwxdCli::checkConfigLoadsTlsMaterial()
{
    guarded([&] {
        BwxdFixture fx;
        // The key of another certificate: parses, but --check-config must catch it.
        const auto other = fx.member("someone");
        fx.setOption("tls", "key", "\"" + other.key + "\"");
        const auto result = fx.run({"--check-config"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("does not match the certificate"), qPrintable(result.err));
    });
}

void TestBwxdCli::startFailsOnBadConfiguration()
{
    guarded([&] {
        BwxdFixture fx;
        fx.setOption("server", "io_threads", "0");
        const auto result = fx.run({});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(!result.out.contains("listening"));
        QVERIFY2(result.err.contains("io_threads: must be between 1 and 64, got 0"),
                 qPrintable(result.err));
    });
}

void TestBwxdCli::startFailsWhenTheAddressIsTaken()
{
    guarded([&] {
        BwxdFixture first;
        first.start();
        BwxdFixture second;
        second.setOption("server", "listen", "\"127.0.0.1:" + QString::number(first.port()) + "\"");
        const auto result = second.run({});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("cannot bind 127.0.0.1:" + QString::number(first.port())),
                 qPrintable(result.err));
        QCOMPARE(first.stop(), 0);
    });
}

void TestBwxdCli::listensOnIpv6()
{
    guarded([&] {
        BwxdFixture fx;
        fx.setOption("server", "listen", "\"[::1]:0\"");
        fx.setClientHost("::1");
        fx.start();
        fx.addMember("alice");
        auto alice = fx.session(fx.member("alice"), "over IPv6");
        QVERIFY(as<proto::Pong>(alice.request(proto::Ping{1})));
        QVERIFY(fx.log().contains("listening on [::1]:" + QString::number(fx.port())));
        alice.close();
        QCOMPARE(fx.stop(), 0);
    });
}

void TestBwxdCli::verifyHealthyJournal()
{
    guarded([&] {
        BwxdFixture fx;
        fx.start();
        fx.addMember("alice");
        auto alice = fx.session(fx.member("alice"));
        for (std::uint64_t i = 1; i <= 20; ++i)
            QVERIFY(as<proto::OrderUpdate>(
                alice.request(limitOrder(Side::Buy, "192.0.2.0/24", 5, 1, i))));
        alice.close();
        QCOMPARE(fx.stop(), 0);
        const auto result = fx.run({"--verify-journal"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("full replay: last_seq=21 "), qPrintable(result.out));
        QVERIFY(result.out.contains("snapshot + tail: snapshot_seq=0 last_seq=21 "));
        QVERIFY(result.out.endsWith("journal OK\n"));
    });
}

void TestBwxdCli::verifyWithoutJournal()
{
    guarded([&] {
        BwxdFixture fx;
        const auto result = fx.run({"--verify-journal"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("no journal at " + fx.dataDir() + "/journal.db"),
                 qPrintable(result.err));
    });
}

void TestBwxdCli::damagedJournalIsRefused()
{
    guarded([&] {
        BwxdFixture fx;
        fx.start();
        fx.addMember("alice");
        auto alice = fx.session(fx.member("alice"));
        for (std::uint64_t i = 1; i <= 5; ++i)
            QVERIFY(as<proto::OrderUpdate>(
                alice.request(limitOrder(Side::Sell, "192.0.2.0/24", 5, 1, i))));
        alice.close();
        QCOMPARE(fx.stop(), 0);

        damageJournal(fx.dataDir() + "/journal.db");
        const auto verify = fx.run({"--verify-journal"});
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.err.contains("journal damaged"), qPrintable(verify.err + verify.out));
        // The daemon refuses to serve from a journal it cannot replay.
        const auto start = fx.run({});
        QCOMPARE(start.exitCode, 1);
        QVERIFY(!start.out.contains("listening"));
        QVERIFY2(start.err.contains("recovery failed, not starting"), qPrintable(start.err));
    });
}

QTEST_GUILESS_MAIN(TestBwxdCli)
#include "tst_bwxd_cli.moc"
