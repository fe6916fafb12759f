// kill -9 while orders stream in: after a restart on the same data directory every order and
// every trade that a client was told about is there, and an offline full replay of the journal
// (bwxd --verify-journal) reaches the same state hash as the restarted exchange.
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QRandomGenerator>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <atomic>
#include <csignal>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <thread>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;

namespace {

struct Ledger
{
    std::map<std::uint64_t, std::uint64_t> acked; // client order id -> order id
    std::set<std::uint64_t> trades;               // trade ids reported in fills
};

// Reads until every id in `pending` is answered; records acknowledgements and fills. Throws
// when the connection ends (that is how the kill shows up).
void drain(client::Connection &connection,
           std::set<std::uint32_t> &pending,
           Ledger &ledger,
           std::atomic<std::size_t> &acknowledged)
{
    while (!pending.empty()) {
        auto incoming = connection.receive(10s);
        if (const auto *fill = as<proto::Fill>(incoming))
            ledger.trades.insert(fill->trade.tradeId.value());
        if (incoming.requestId == 0 || !pending.erase(incoming.requestId))
            continue;
        if (const auto *update = as<proto::OrderUpdate>(incoming)) {
            ledger.acked[update->order.params.clientOrderId.value()]
                = update->order.orderId.value();
            acknowledged.fetch_add(1);
        }
    }
}

std::uint64_t field(const QString &text, const QString &line, const QString &key, int base = 10)
{
    const QRegularExpression re(QRegularExpression::escape(line) + "[^\\n]*\\b" + key
                                + "=([0-9a-f]+)");
    const auto match = re.match(text);
    if (!match.hasMatch())
        throw std::runtime_error("no " + key.toStdString() + " in: " + text.toStdString());
    bool ok = false;
    const std::uint64_t value = match.captured(1).toULongLong(&ok, base);
    if (!ok)
        throw std::runtime_error("bad " + key.toStdString() + " in: " + text.toStdString());
    return value;
}

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT

private slots:
    void killDuringOrderStream();
    void journalFailureFences();
};

void TestDurability::killDuringOrderStream()
{
    guarded([&] {
        BwxdFixture fx;
        fx.setOption("store", "snapshot_every", "1000");     // recovery goes through a snapshot
        fx.setOption("server", "max_frame_size", "8388608"); // one reply lists every order
        fx.setOption("server", "max_outbound_bytes", "33554432");
        fx.start();
        fx.addMember("alice", 64500);
        fx.addMember("bob", 64501);

        Ledger sells, buys;
        std::uint64_t nextId = 1;
        // The killer watches the acknowledgements from another thread and sends SIGKILL the
        // moment a random threshold is crossed, while the exchange is busy with the pipeline.
        const std::size_t threshold
            = 1500 + static_cast<std::size_t>(QRandomGenerator::global()->bounded(1500));
        std::atomic<std::size_t> acknowledged{0};
        std::atomic<bool> killed{false};
        std::atomic<bool> streaming{true};
        const auto pid = static_cast<pid_t>(fx.pid());
        std::thread killer([&] {
            while (streaming && acknowledged.load() < threshold)
                std::this_thread::yield();
            if (streaming) {
                ::kill(pid, SIGKILL);
                killed = true;
            }
        });
        bool streamEnded = false;
        {
            auto alice = fx.session(fx.member("alice"), "seller");
            auto bob = fx.session(fx.member("bob"), "buyer");
            try {
                for (int round = 0; round < 40; ++round) {
                    std::vector<proto::Message> sellBatch, buyBatch;
                    for (int i = 0; i < 250; ++i) {
                        const std::int64_t price = 10 + (i % 7);
                        sellBatch.push_back(
                            limitOrder(Side::Sell, "10.0.0.0/8", price, 2, nextId++));
                        buyBatch.push_back(
                            limitOrder(Side::Buy, "10.1.0.0/16", price + 1, 1, nextId++));
                    }
                    const auto sellIds = alice.sendBatch(sellBatch);
                    const auto buyIds = bob.sendBatch(buyBatch);
                    std::set<std::uint32_t> pendingSells(sellIds.begin(), sellIds.end());
                    std::set<std::uint32_t> pendingBuys(buyIds.begin(), buyIds.end());
                    drain(alice, pendingSells, sells, acknowledged);
                    drain(bob, pendingBuys, buys, acknowledged);
                }
            } catch (const client::ClientError &e) {
                streamEnded = true;
                QVERIFY2(killed, e.what()); // only the kill may end the stream
            }
        }
        streaming = false;
        killer.join();
        fx.kill(); // reaps the killed process
        QVERIFY(streamEnded);
        QVERIFY2(killed, "the stream ended before bwxd was killed");
        qInfo("acknowledged before the kill: %zu sells, %zu buys; %zu trades reported",
              sells.acked.size(), buys.acked.size(), sells.trades.size());
        QVERIFY(sells.acked.size() + buys.acked.size() >= threshold);
        QVERIFY2(!sells.trades.empty(), "no trade was reported before the kill");

        fx.start(); // same data directory
        QVERIFY(fx.log().contains("recovered the market at seq"));
        const auto checkOrders = [&](const Credentials &who, const Ledger &ledger) {
            auto session = fx.session(who, "after restart");
            auto reply = session.request(proto::QueryOrders{0}, 30s);
            const auto *list = as<proto::OrderList>(reply);
            QVERIFY2(list, qPrintable(describe(reply)));
            std::map<std::uint64_t, std::uint64_t> present; // client order id -> order id
            for (const auto &order : list->orders)
                present[order.params.clientOrderId.value()] = order.orderId.value();
            for (const auto &[clientId, orderId] : ledger.acked) {
                const auto it = present.find(clientId);
                QVERIFY2(it != present.end(),
                         qPrintable(QString("acknowledged order %1 (client id %2) is lost")
                                        .arg(orderId)
                                        .arg(clientId)));
                QCOMPARE(it->second, orderId);
            }
            reply = session.request(proto::QueryTrades{Timestamp{}, 10'000}, 30s);
            const auto *trades = as<proto::TradeList>(reply);
            QVERIFY2(trades, qPrintable(describe(reply)));
            std::set<std::uint64_t> tradeIds;
            for (const auto &trade : trades->trades)
                tradeIds.insert(trade.tradeId.value());
            for (const auto id : ledger.trades)
                QVERIFY2(tradeIds.count(id),
                         qPrintable(QString("reported trade %1 is lost").arg(id)));
        };
        checkOrders(fx.member("alice"), sells);
        checkOrders(fx.member("bob"), buys);

        auto root = fx.session(fx.admin());
        const auto reply = root.request(proto::QueryStats{});
        const auto *stats = as<proto::Stats>(reply);
        QVERIFY2(stats, qPrintable(describe(reply)));
        root.close();
        qInfo("after restart: seq %llu, state hash %016llx, %llu open orders, %llu trades",
              static_cast<unsigned long long>(stats->lastSeq.value()),
              static_cast<unsigned long long>(stats->stateHash),
              static_cast<unsigned long long>(stats->openOrders),
              static_cast<unsigned long long>(stats->trades));
        QCOMPARE(fx.stop(), 0);

        const auto verify = fx.run({"--verify-journal"});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
        QVERIFY(verify.out.contains("journal OK"));
        QCOMPARE(field(verify.out, "full replay:", "last_seq"), stats->lastSeq.value());
        QCOMPARE(field(verify.out, "full replay:", "state_hash", 16), stats->stateHash);
        QCOMPARE(field(verify.out, "snapshot + tail:", "state_hash", 16), stats->stateHash);
        QVERIFY(field(verify.out, "snapshot + tail:", "snapshot_seq") > 0);
    });
}

void TestDurability::journalFailureFences()
{
    guarded([&] {
        BwxdFixture fx;
        // A data directory on a tiny file system: the journal fails when it is full.
        const QString small = fx.directory() + "/small";
        QDir().mkpath(small);
        if (QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=256k", "tmpfs", small}) != 0)
            QSKIP("mounting a small tmpfs needs root; the journal failure path is not exercised");
        struct Unmount {
            QString path;
            ~Unmount() { QProcess::execute("umount", {"-l", path}); }
        } unmount{small};
        fx.setOption("store", "data_dir", "\"" + small + "/data\"");
        fx.start();
        fx.addMember("alice");
        auto alice = fx.session(fx.member("alice"));
        std::uint64_t nextId = 1;
        std::optional<proto::ResultCode> goodbye;
        int refused = 0;
        try {
            for (int round = 0; round < 200 && !goodbye; ++round) {
                std::vector<proto::Message> batch;
                for (int i = 0; i < 200; ++i)
                    batch.push_back(limitOrder(Side::Buy, "10.0.0.0/8", 1 + i % 5, 1, nextId++));
                for (const auto &reply : alice.awaitReplies(alice.sendBatch(batch), 10s)) {
                    if (const auto *r = as<proto::Result>(reply);
                        r && r->code == proto::ResultCode::JournalUnavailable)
                        ++refused;
                }
            }
        } catch (const client::ClientError &e) {
            QVERIFY2(e.kind() == client::ErrorKind::Goodbye || e.kind() == client::ErrorKind::Closed,
                     e.what());
            if (e.code())
                goodbye = *e.code();
        }
        QVERIFY2(goodbye || refused > 0, "the journal never failed on a full file system");
        qInfo("journal failed after %llu orders: goodbye %s, %d requests refused",
              static_cast<unsigned long long>(nextId - 1),
              goodbye ? proto::name(*goodbye).data() : "none", refused);
        if (goodbye)
            QCOMPARE(*goodbye, proto::ResultCode::JournalUnavailable);
        QCOMPARE(fx.waitForExit(15s), 2);
        QVERIFY(fx.log().contains("journal failure, the exchange is fenced and stops"));
    });
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
