// bwxctl end to end against a real bwxd whose whole PKI (CA, server certificate, admin and
// member certificates) was made by `bwxctl ca init` / `bwxctl cert issue`: an admin registers
// alice, bob and carol; alice sells a /16, bob buys a /24 inside it and both receive their
// fill; carol can neither see nor cancel their orders; clients without a valid certificate are
// refused; bad input is refused before anything reaches the exchange.
// moc needs <QTest> before the other headers.
// clang-format off
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include <nlohmann/json.hpp>

#include "bwxd_fixture.h"
#include "test_support.h"
// clang-format on

using bwx::test::BwxdFixture;
using bwx::test::guarded;
using Json = nlohmann::json;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
    Json json() const
    {
        try {
            return Json::parse(out.toStdString());
        } catch (const std::exception &e) {
            throw std::runtime_error("bwxctl printed no JSON document (" + std::string(e.what())
                                     + "):\n" + out.toStdString() + err.toStdString());
        }
    }
};

QString describe(const QStringList &args, const Run &r)
{
    return "bwxctl " + args.join(' ') + " -> exit " + QString::number(r.code) + "\nstdout: " + r.out
           + "\nstderr: " + r.err;
}

// The environment without BWX_* variables, so only what a test passes counts.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        if (key.startsWith("BWX_"))
            env.remove(key);
    return env;
}

} // namespace

class TestBwxctlTrading : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void membersAdded();
    void crossingOrdersFillBoth();
    void othersCannotSeeOrCancel();
    void marketData();
    void badInputSendsNothing_data();
    void badInputSendsNothing();
    void refusedWithoutValidCertificate();
    void adminOnlyCommands();
    void suspendedMemberIsRefused();
    void amendAndCancelAll();
    void tradeCancel();
    void cleanupTestCase();

private:
    Run bwxctl(const QStringList &args, int timeoutMs = 30'000) const;
    // `bwxctl --json` with a profile; fails the test (by throwing) on an unexpected exit code.
    Json as(const QString &who, const QStringList &args, int expectedCode = 0) const;
    QString dir(const QString &name) const { return m_fixture->directory() + "/" + name; }
    QString server() const { return "127.0.0.1:" + QString::number(m_fixture->port()); }
    Json stats() const { return as("ops", {"stats"}); }

    std::unique_ptr<BwxdFixture> m_fixture;
    Json m_aliceOrder;
    Json m_bobFill;
};

Run TestBwxctlTrading::bwxctl(const QStringList &args, int timeoutMs) const
{
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    p.start(QStringLiteral(BWXCTL_PATH), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        throw std::runtime_error("bwxctl " + args.join(' ').toStdString() + " did not finish");
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Json TestBwxctlTrading::as(const QString &who, const QStringList &args, int expectedCode) const
{
    const QStringList all
        = QStringList{"--json", "--server", server(), "--profile", dir(who)} + args;
    const Run r = bwxctl(all);
    if (r.code != expectedCode)
        throw std::runtime_error(("unexpected exit code: " + describe(all, r)).toStdString());
    return r.json();
}

void TestBwxctlTrading::initTestCase()
{
    guarded([&] {
        m_fixture = std::make_unique<BwxdFixture>();
        // The whole PKI from bwxctl, so bwxd is shown to accept what bwx_pki issues.
        for (const QStringList &args :
             {QStringList{"ca", "init", "--dir", dir("pki"), "--name", "bwxctl test CA"},
              QStringList{"cert", "issue", "--ca-dir", dir("pki"), "--server",
                          "localhost,127.0.0.1,::1", "--out", dir("server"), "--days", "2"},
              QStringList{"cert", "issue", "--ca-dir", dir("pki"), "--admin", "ops", "--out",
                          dir("ops"), "--days", "2"},
              QStringList{"ca", "init", "--dir", dir("other-pki")},
              QStringList{"cert", "issue", "--ca-dir", dir("other-pki"), "--member", "alice",
                          "--out", dir("impostor")}}) {
            const Run r = bwxctl(args);
            QVERIFY2(r.code == 0, qPrintable(describe(args, r)));
        }
        for (const char *name : {"alice", "bob", "carol", "dave"}) {
            const QStringList args{"cert", "issue", "--ca-dir", dir("pki"), "--member",
                                   name,   "--out", dir(name),  "--days",   "2"};
            const Run r = bwxctl(args);
            QVERIFY2(r.code == 0, qPrintable(describe(args, r)));
        }
        m_fixture->setOption("tls", "ca", "\"" + dir("pki/ca.crt") + "\"");
        m_fixture->setOption("tls", "cert", "\"" + dir("server/server.crt") + "\"");
        m_fixture->setOption("tls", "key", "\"" + dir("server/server.key") + "\"");
        m_fixture->start();
    });
}

void TestBwxctlTrading::membersAdded()
{
    guarded([&] {
        const Json alice = as("ops", {"member", "add", "alice", "--asn", "64501", "--port-capacity",
                                      "10G", "--display-name", "Alice Networks"});
        QCOMPARE(alice["member"]["name"].get<std::string>(), std::string("alice"));
        QCOMPARE(alice["member"]["display_name"].get<std::string>(), std::string("Alice Networks"));
        QCOMPARE(alice["member"]["asn"].get<int>(), 64501);
        QCOMPARE(alice["member"]["port_capacity_kbps"].get<std::int64_t>(),
                 std::int64_t(10'000'000));
        QCOMPARE(alice["member"]["status"].get<std::string>(), std::string("active"));
        as("ops", {"member", "add", "bob", "--asn", "64502", "--port-capacity", "10G"});
        as("ops", {"member", "add", "carol", "--asn", "64503", "--port-capacity", "1G"});

        const Json again
            = as("ops", {"member", "add", "bob", "--asn", "64502", "--port-capacity", "1G"}, 3);
        QCOMPARE(again["error"]["code"].get<std::string>(), std::string("member_exists"));

        const Json list = as("ops", {"member", "list"});
        QCOMPARE(list["members"].size(), std::size_t(3));
        QCOMPARE(list["members"][2]["name"].get<std::string>(), std::string("carol"));
        QCOMPARE(list["members"][2]["port_capacity_mbps"].get<std::string>(), std::string("1000"));
    });
}

void TestBwxctlTrading::crossingOrdersFillBoth()
{
    guarded([&] {
        // alice follows her executions in the background while bob trades against her.
        QProcess listener;
        listener.setProcessEnvironment(cleanEnvironment());
        listener.start(QStringLiteral(BWXCTL_PATH), {"--json", "--server", server(), "--profile",
                                                     dir("alice"), "listen", "--fills", "1"});
        QVERIFY(listener.waitForStarted(5000));

        const QStringList period{"--start", "2030-01-01", "--end", "2030-01-31"};
        const Json sell = as("alice", QStringList{"order", "sell", "203.0.0.0/16", "--capacity",
                                                  "1G", "--price", "10.00", "--min-block", "100M",
                                                  "--client-id", "4242"}
                                          + period);
        m_aliceOrder = sell["order"];
        QCOMPARE(m_aliceOrder["status"].get<std::string>(), std::string("working"));
        QCOMPARE(m_aliceOrder["price"].get<std::string>(), std::string("10.000000"));
        QCOMPARE(m_aliceOrder["capacity_mbps"].get<std::string>(), std::string("1000"));
        QCOMPARE(m_aliceOrder["client_order_id"].get<std::uint64_t>(), std::uint64_t(4242));
        QCOMPARE(m_aliceOrder["delivery_start"].get<std::string>(),
                 std::string("2030-01-01T00:00:00Z"));
        QVERIFY(sell["fills"].empty());

        // The session of `listen` must be open before the trade, or its fill goes nowhere.
        // No event loop here: QProcess reads its pipes inside waitFor*().
        listener.setReadChannel(QProcess::StandardError);
        QByteArray listenerErr;
        for (int i = 0; i < 100 && !listenerErr.contains("listening for fills"); ++i) {
            listener.waitForReadyRead(100);
            listenerErr += listener.readAllStandardError();
        }
        QVERIFY2(listenerErr.contains("listening for fills"), listenerErr.constData());
        listener.setReadChannel(QProcess::StandardOutput);

        const Json buy = as("bob", QStringList{"order", "buy", "203.0.113.0/24", "--mbps", "300",
                                               "--price", "12.50", "--min-block", "100M"}
                                       + period);
        QCOMPARE(buy["order"]["status"].get<std::string>(), std::string("filled"));
        QCOMPARE(buy["order"]["filled_mbps"].get<std::string>(), std::string("300"));
        QVERIFY(buy["fills_complete"].get<bool>());
        QCOMPARE(buy["fills"].size(), std::size_t(1));
        m_bobFill = buy["fills"][0];
        QCOMPARE(m_bobFill["side"].get<std::string>(), std::string("buy"));
        QCOMPARE(m_bobFill["counterparty"].get<std::string>(), std::string("alice"));
        const Json &trade = m_bobFill["trade"];
        // At the resting (seller's) price, for 30 days: 10 × 300 Mbit/s × 1 month.
        QCOMPARE(trade["price"].get<std::string>(), std::string("10.000000"));
        QCOMPARE(trade["capacity_mbps"].get<std::string>(), std::string("300"));
        QCOMPARE(trade["amount"].get<std::string>(), std::string("3000.000000"));
        QCOMPARE(trade["destination"].get<std::string>(), std::string("203.0.113.0/24"));
        QCOMPARE(trade["sell_destination"].get<std::string>(), std::string("203.0.0.0/16"));
        QCOMPARE(trade["sell_order_id"].dump(), m_aliceOrder["order_id"].dump());

        // alice's side of the same trade, as `listen` printed it.
        QVERIFY(listener.waitForFinished(10'000));
        QCOMPARE(listener.exitCode(), 0);
        Json aliceFill;
        for (const QByteArray &line : listener.readAllStandardOutput().split('\n')) {
            if (line.isEmpty())
                continue;
            const Json event = Json::parse(line.toStdString());
            if (event.contains("fill"))
                aliceFill = event["fill"];
        }
        QVERIFY2(!aliceFill.is_null(), "alice's listen printed no fill");
        QCOMPARE(aliceFill["side"].get<std::string>(), std::string("sell"));
        QCOMPARE(aliceFill["counterparty"].get<std::string>(), std::string("bob"));
        QCOMPARE(aliceFill["order_id"].dump(), m_aliceOrder["order_id"].dump());
        QCOMPARE(aliceFill["client_order_id"].get<std::uint64_t>(), std::uint64_t(4242));
        QCOMPARE(aliceFill["trade"].dump(), trade.dump());

        // Both see the trade and alice's remaining capacity.
        const Json aliceOrders = as("alice", {"orders"});
        QCOMPARE(aliceOrders["orders"].size(), std::size_t(1));
        QCOMPARE(aliceOrders["orders"][0]["status"].get<std::string>(),
                 std::string("partially_filled"));
        QCOMPARE(aliceOrders["orders"][0]["remaining_mbps"].get<std::string>(), std::string("700"));
        for (const char *who : {"alice", "bob"}) {
            const Json trades = as(who, {"trades"});
            QCOMPARE(trades["trades"].size(), std::size_t(1));
            QCOMPARE(trades["trades"][0]["trade_id"].dump(), trade["trade_id"].dump());
        }
    });
}

void TestBwxctlTrading::othersCannotSeeOrCancel()
{
    guarded([&] {
        QVERIFY(as("carol", {"orders", "--all"})["orders"].empty());
        QVERIFY(as("carol", {"trades"})["trades"].empty());

        const QString orderId = QString::number(m_aliceOrder["order_id"].get<std::uint64_t>());
        for (const QStringList &attempt :
             {QStringList{"cancel", orderId}, QStringList{"cancel", "--client-id", "4242"},
              QStringList{"amend", orderId, "--price", "1"}}) {
            const Json refused = as("carol", attempt, 3);
            QCOMPARE(refused["error"]["kind"].get<std::string>(), std::string("rejected"));
            QCOMPARE(refused["error"]["code"].get<std::string>(), std::string("unknown_order"));
        }
        // A mass cancel by carol touches only carol's orders.
        QVERIFY(as("carol", {"cancel-all"})["cancelled"].empty());

        const Json aliceOrders = as("alice", {"orders"});
        QCOMPARE(aliceOrders["orders"].size(), std::size_t(1));
        QCOMPARE(aliceOrders["orders"][0]["remaining_mbps"].get<std::string>(), std::string("700"));
        QCOMPARE(aliceOrders["orders"][0]["price"].get<std::string>(), std::string("10.000000"));
    });
}

void TestBwxctlTrading::marketData()
{
    guarded([&] {
        // carol sees alice's remaining offer in the effective book of the /24 it covers, without
        // learning who made it.
        const Json book = as("carol", {"book", "203.0.113.0/24"});
        QCOMPARE(book["prefix"].get<std::string>(), std::string("203.0.113.0/24"));
        QVERIFY(book["bids"].empty());
        QCOMPARE(book["asks"].size(), std::size_t(1));
        const Json &ask = book["asks"][0];
        QCOMPARE(ask["prefix"].get<std::string>(), std::string("203.0.0.0/16"));
        QCOMPARE(ask["price"].get<std::string>(), std::string("10.000000"));
        QCOMPARE(ask["remaining_mbps"].get<std::string>(), std::string("700"));
        QVERIFY(!ask.contains("member_id"));

        const Json watch = as("carol", {"watch"});
        bool found = false;
        for (const Json &row : watch["rows"]) {
            if (row["prefix"] == "203.0.0.0/16") {
                found = true;
                QCOMPARE(row["best_ask"].get<std::string>(), std::string("10.000000"));
                QCOMPARE(row["ask_orders"].get<int>(), 1);
                QVERIFY(row["best_bid"].is_null());
            }
        }
        QVERIFY2(found, watch.dump().c_str());

        // A follower gets the snapshot, then updates; one of them shows carol's bid on a new
        // prefix. The watch is conflated on an interval, so an update may also carry earlier
        // changes: read until the bid shows, checking that the sequence has no gap.
        QProcess follower;
        follower.setProcessEnvironment(cleanEnvironment());
        follower.start(QStringLiteral(BWXCTL_PATH), {"--json", "--server", server(), "--profile",
                                                     dir("bob"), "watch", "--follow"});
        QByteArray pending;
        auto nextLine = [&]() -> Json {
            for (int i = 0; i < 100 && !pending.contains('\n'); ++i) {
                follower.waitForReadyRead(100);
                pending += follower.readAllStandardOutput();
            }
            const auto end = pending.indexOf('\n');
            if (end < 0)
                throw std::runtime_error("watch --follow printed no line within 10 s");
            const Json line = Json::parse(pending.left(end).toStdString());
            pending.remove(0, end + 1);
            return line;
        };
        const Json snapshot = nextLine();
        QVERIFY(!snapshot["update"].get<bool>());
        const Json bid = as("carol", {"order", "buy", "192.0.2.0/24", "--mbps", "10", "--price",
                                      "2", "--start", "2030-01-01", "--end", "2030-01-31"});
        std::uint64_t seq = snapshot["watch_seq"].get<std::uint64_t>();
        bool bidSeen = false;
        for (int updates = 0; !bidSeen && updates < 5; ++updates) {
            const Json update = nextLine();
            QVERIFY(update["update"].get<bool>());
            QCOMPARE(update["watch_seq"].get<std::uint64_t>(), seq + 1);
            seq = update["watch_seq"].get<std::uint64_t>();
            for (const Json &row : update["rows"])
                bidSeen
                    = bidSeen || (row["prefix"] == "192.0.2.0/24" && row["best_bid"] == "2.000000");
        }
        follower.kill();
        follower.waitForFinished();
        QVERIFY2(bidSeen, "no market watch update showed carol's bid");
        QCOMPARE(
            as("carol",
               {"cancel",
                QString::number(bid["order"]["order_id"].get<std::uint64_t>())})["order"]["status"]
                .get<std::string>(),
            std::string("cancelled"));

        const Json ping = as("carol", {"ping", "--count", "3"});
        QCOMPARE(ping["rtt_us"].size(), std::size_t(3));
    });
}

void TestBwxctlTrading::badInputSendsNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("seven decimals")
        << QStringList{"order", "buy", "203.0.113.0/24", "--mbps", "100", "--price", "12.3456789"}
        << "bwxctl: invalid price '12.3456789': more than 6 decimal places\n";
    QTest::newRow("host bits") << QStringList{"order", "sell",    "203.0.113.1/24", "--mbps",
                                              "100",   "--price", "12.50"}
                               << "bwxctl: invalid destination: host bits set in 203.0.113.1/24 "
                                  "(did you mean 203.0.113.0/24?)\n";
    QTest::newRow("capacity not whole blocks")
        << QStringList{"order",   "sell", "203.0.113.0/24", "--mbps", "100",
                       "--price", "1",    "--min-block",    "30M"}
        << "bwxctl: capacity 100 Mbps is not a whole number of 30 Mbps blocks\n";
    QTest::newRow("amend with bad price")
        << QStringList{"amend", "1", "--price", "1.2.3"}
        << "bwxctl: invalid price '1.2.3': unexpected character '.'\n";
}

void TestBwxctlTrading::badInputSendsNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    guarded([&] {
        const Json before = stats();
        const Json aliceBefore = as("alice", {"orders", "--all"});
        const QStringList all = QStringList{"--server", server(), "--profile", dir("alice")} + args;
        const Run r = bwxctl(all);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, message);
        QVERIFY(r.out.isEmpty());
        // Clock ticks are off in the fixture: any command that reached the exchange would move
        // the sequence.
        const Json after = stats();
        QCOMPARE(after["last_seq"].dump(), before["last_seq"].dump());
        QCOMPARE(after["state_hash"].dump(), before["state_hash"].dump());
        QCOMPARE(as("alice", {"orders", "--all"}).dump(), aliceBefore.dump());
    });
}

void TestBwxctlTrading::refusedWithoutValidCertificate()
{
    guarded([&] {
        const QString ca = dir("pki/ca.crt");
        struct Case
        {
            const char *what;
            QStringList args;
            int code;
            QString error;
        };
        const Case cases[] = {
            {"no certificate", {"--ca", ca, "ping"}, 2, "certificate required"},
            {"certificate of another CA",
             {"--cert", dir("impostor/member.crt"), "--key", dir("impostor/member.key"), "--ca", ca,
              "ping"},
             2,
             "unknown ca"},
            {"certificate of the fixture's openssl CA",
             {"--cert", m_fixture->member("alice").cert, "--key", m_fixture->member("alice").key,
              "--ca", ca, "ping"},
             2,
             "unknown ca"},
            {"server name not in its certificate",
             {"--profile", dir("alice"), "--server-name", "exchange.example.net", "ping"},
             2,
             "hostname mismatch"},
            {"valid certificate of no member",
             {"--profile", dir("dave"), "ping"},
             3,
             "unknown_member: no member named 'dave'"},
        };
        for (const Case &c : cases) {
            const QStringList args = QStringList{"--server", server()} + c.args;
            const Run r = bwxctl(args);
            QVERIFY2(r.code == c.code, qPrintable(QString(c.what) + ": " + describe(args, r)));
            QVERIFY2(r.err.contains(c.error),
                     qPrintable(QString(c.what) + ": " + describe(args, r)));
        }
        const Json refused = as("impostor", {"--ca", ca, "orders"}, 2);
        QCOMPARE(refused["error"]["kind"].get<std::string>(), std::string("tls"));
        // The exchange still serves everyone else.
        QCOMPARE(as("alice", {"orders"})["orders"].size(), std::size_t(1));
    });
}

void TestBwxctlTrading::adminOnlyCommands()
{
    guarded([&] {
        const Json s = stats();
        QCOMPARE(s["members"].get<int>(), 3);
        QCOMPARE(s["trades"].get<int>(), 1);
        QCOMPARE(s["open_orders"].get<int>(), 1);
        QCOMPARE(s["state_hash"].get<std::string>().size(), std::size_t(16));

        const Json forbidden
            = as("alice", {"member", "add", "eve", "--asn", "1", "--port-capacity", "1G"}, 3);
        QCOMPARE(forbidden["error"]["code"].get<std::string>(), std::string("forbidden"));
        QCOMPARE(as("bob", {"stats"}, 3)["error"]["code"].get<std::string>(),
                 std::string("forbidden"));
        QCOMPARE(as("ops", {"order", "buy", "203.0.113.0/24", "--mbps", "1", "--price", "1"},
                    3)["error"]["code"]
                     .get<std::string>(),
                 std::string("forbidden"));
    });
}

void TestBwxctlTrading::suspendedMemberIsRefused()
{
    guarded([&] {
        const Json suspended = as("ops", {"member", "suspend", "carol"});
        QCOMPARE(suspended["member"]["status"].get<std::string>(), std::string("suspended"));
        const Json refused = as("carol", {"ping"}, 3);
        QCOMPARE(refused["error"]["kind"].get<std::string>(), std::string("goodbye"));
        QCOMPARE(refused["error"]["code"].get<std::string>(), std::string("member_suspended"));

        const Json active = as("ops", {"member", "activate", "carol"});
        QCOMPARE(active["member"]["status"].get<std::string>(), std::string("active"));
        QCOMPARE(as("carol", {"ping"})["count"].get<int>(), 1);
        QCOMPARE(as("ops", {"member", "suspend", "nobody"}, 3)["error"]["code"].get<std::string>(),
                 std::string("unknown_member"));
    });
}

void TestBwxctlTrading::amendAndCancelAll()
{
    guarded([&] {
        const QString orderId = QString::number(m_aliceOrder["order_id"].get<std::uint64_t>());
        const Json amended = as("alice", {"amend", orderId, "--price", "11.25"});
        QCOMPARE(amended["order"]["price"].get<std::string>(), std::string("11.250000"));
        QCOMPARE(amended["order"]["remaining_mbps"].get<std::string>(), std::string("700"));
        QVERIFY(amended["fills"].empty());

        const Json second
            = as("alice", {"order", "sell", "198.51.100.0/24", "--mbps", "50", "--price", "3",
                           "--start", "2030-01-01", "--end", "2030-02-01"});
        const Json cancelled = as("alice", {"cancel-all", "--side", "sell"});
        QCOMPARE(cancelled["cancelled"].size(), std::size_t(2));
        QCOMPARE(cancelled["cancelled"][0].dump(), m_aliceOrder["order_id"].dump());
        QCOMPARE(cancelled["cancelled"][1].dump(), second["order"]["order_id"].dump());
        QVERIFY(as("alice", {"orders"})["orders"].empty());
        const Json all = as("alice", {"orders", "--all"});
        QCOMPARE(all["orders"].size(), std::size_t(2));
        QCOMPARE(all["orders"][0]["status"].get<std::string>(), std::string("cancelled"));

        const Json gone = as("alice", {"cancel", orderId}, 3);
        QCOMPARE(gone["error"]["code"].get<std::string>(), std::string("order_not_active"));
    });
}

void TestBwxctlTrading::tradeCancel()
{
    guarded([&] {
        const QString tradeId
            = QString::number(m_bobFill["trade"]["trade_id"].get<std::uint64_t>());
        const auto refusal = [&](const char *who) {
            return as(who, {"trade", "cancel", tradeId}, 3)["error"]["code"].get<std::string>();
        };
        // Someone else's trade is unknown; the seller never cancels; the buyer only while the
        // seller cannot deliver (this trade is scheduled, its buy order has no quality limits).
        QCOMPARE(refusal("carol"), std::string("unknown_trade"));
        QCOMPARE(refusal("alice"), std::string("trade_not_cancellable"));
        QCOMPARE(refusal("bob"), std::string("trade_not_cancellable"));
        QCOMPARE(bwxctl({"--server", server(), "--profile", dir("ops"), "trade", "cancel", "0"})
                     .code,
                 1);

        // An admin may: cancelled before its start (2030), it delivers and costs nothing.
        const Json cancelled = as("ops", {"trade", "cancel", tradeId});
        QCOMPARE(cancelled["trade"]["state"].get<std::string>(), std::string("cancelled"));
        QCOMPARE(cancelled["trade"]["delivery_end"].get<std::string>(),
                 std::string("2030-01-01T00:00:00Z"));
        QCOMPARE(cancelled["trade"]["amount"].get<std::string>(), std::string("0.000000"));
        QCOMPARE(refusal("ops"), std::string("trade_not_cancellable"));
        for (const char *who : {"alice", "bob"})
            QCOMPARE(as(who, {"trades"})["trades"][0]["state"].get<std::string>(),
                     std::string("cancelled"));
        const Run text = bwxctl({"--server", server(), "--profile", dir("ops"), "trade", "cancel",
                                 tradeId});
        QCOMPARE(text.code, 3);
        QVERIFY2(text.err.contains("trade_not_cancellable"), qPrintable(text.err));
    });
}

void TestBwxctlTrading::cleanupTestCase()
{
    guarded([&] {
        if (m_fixture && m_fixture->running())
            QCOMPARE(m_fixture->stop(), 0);
    });
}

QTEST_APPLESS_MAIN(TestBwxctlTrading)
#include "tst_bwxctl_trading.moc"
