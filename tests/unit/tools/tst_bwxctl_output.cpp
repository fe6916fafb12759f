// What bwxctl prints: exact decimal strings for money, prices and bandwidth, the documented
// JSON shapes, aligned tables, and the command line's exit codes and error documents.
// moc needs <QTest> before the other headers.
// clang-format off
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <sstream>

#include "bwx/net/prefix.h"
#include "cli.h"
#include "json_views.h"
#include "table.h"
// clang-format on

using namespace bwx;
using namespace bwx::ctl;

namespace {

Timestamp at(const char *iso)
{
    return parseTimestamp(iso).value();
}

proto::OrderView sampleOrder()
{
    proto::OrderView o;
    o.orderId = OrderId(42);
    o.member = MemberId(3);
    o.params.clientOrderId = ClientOrderId(7);
    o.params.side = Side::Buy;
    o.params.destination = Destination::ofPrefix(net::Prefix::parse("203.0.113.0/24").value());
    o.params.price = Price(12'500'000);
    o.params.capacity = Bandwidth(1'500);
    o.params.minBlock = Bandwidth(500);
    o.params.deliveryStart = at("2026-12-01T00:00:00Z");
    o.params.deliveryEnd = at("2026-12-31T00:00:00Z");
    o.params.limits.maxLatencyUs = 20'000;
    o.status = OrderStatus::PartiallyFilled;
    o.filled = Bandwidth(500);
    o.remaining = Bandwidth(1'000);
    o.createdAt = at("2026-11-26T06:52:05.000000123Z");
    o.updatedAt = at("2026-11-26T06:52:06Z");
    return o;
}

struct Captured
{
    int code = -1;
    std::string out;
    std::string err;
};

Captured runCli(const std::vector<std::string> &args)
{
    std::ostringstream out, err;
    const EnvLookup noEnv = [](const char *) {
        return std::optional<std::string>();
    };
    Captured c;
    c.code = run(args, out, err, noEnv, [] { return Timestamp::fromSeconds(1'795'675'925); });
    c.out = out.str();
    c.err = err.str();
    return c;
}

} // namespace

class TestBwxctlOutput : public QObject
{
    Q_OBJECT

private slots:
    void decimals_data();
    void decimals();
    void mbps_data();
    void mbps();
    void orderJson();
    void tradeJson();
    void watchRowJsonMarksMissingSides();
    void table();
    void usageErrors_data();
    void usageErrors();
    void jsonErrorDocument();
    void helpExitsZero();
    void offlineCommands();
};

void TestBwxctlOutput::decimals_data()
{
    QTest::addColumn<qint64>("micro");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole") << qint64(12'000'000) << "12.000000";
    QTest::newRow("fraction") << qint64(12'500'000) << "12.500000";
    QTest::newRow("one micro") << qint64(1) << "0.000001";
    QTest::newRow("zero") << qint64(0) << "0.000000";
    QTest::newRow("negative") << qint64(-3'250'000) << "-3.250000";
    QTest::newRow("int64 min") << std::numeric_limits<qint64>::min() << "-9223372036854.775808";
}

void TestBwxctlOutput::decimals()
{
    QFETCH(qint64, micro);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(decimal6(micro)), text);
}

void TestBwxctlOutput::mbps_data()
{
    QTest::addColumn<qint64>("kbps");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole") << qint64(10'000'000) << "10000";
    QTest::newRow("half") << qint64(1'500) << "1.5";
    QTest::newRow("kbps only") << qint64(250) << "0.25";
    QTest::newRow("one kbps") << qint64(1) << "0.001";
    QTest::newRow("zero") << qint64(0) << "0";
}

void TestBwxctlOutput::mbps()
{
    QFETCH(qint64, kbps);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(mbpsText(Bandwidth(kbps))), text);
}

void TestBwxctlOutput::orderJson()
{
    const Json expected = Json::parse(R"({
        "order_id": 42, "client_order_id": 7, "member_id": 3, "side": "buy", "type": "limit",
        "time_in_force": "gtc", "destination": "203.0.113.0/24", "price": "12.500000",
        "capacity_kbps": 1500, "capacity_mbps": "1.5",
        "min_block_kbps": 500, "min_block_mbps": "0.5",
        "filled_kbps": 500, "filled_mbps": "0.5", "remaining_kbps": 1000, "remaining_mbps": "1",
        "status": "partially_filled", "reason": "ok", "expire_at": null,
        "delivery_start": "2026-12-01T00:00:00Z", "delivery_end": "2026-12-31T00:00:00Z",
        "traffic_type": "best_effort",
        "limits": {"max_latency_us": 20000, "max_loss_ppm": 0, "max_distance": 0},
        "ranking": "price", "created_at": "2026-11-26T06:52:05.000000123Z",
        "updated_at": "2026-11-26T06:52:06Z"})");
    const Json actual = toJson(sampleOrder());
    QCOMPARE(QString::fromStdString(actual.dump()), QString::fromStdString(expected.dump()));
}

void TestBwxctlOutput::tradeJson()
{
    proto::TradeView t;
    t.tradeId = TradeId(9);
    t.buyOrderId = OrderId(42);
    t.sellOrderId = OrderId(41);
    t.buyer = MemberId(3);
    t.seller = MemberId(2);
    t.destination = Destination::ofPrefix(net::Prefix::parse("203.0.113.0/24").value());
    t.sellDestination = Destination::ofPrefix(net::Prefix::parse("203.0.0.0/16").value());
    t.price = Price(10'000'000);
    t.capacity = Bandwidth(100'000);
    t.deliveryStart = at("2026-12-01T00:00:00Z");
    t.deliveryEnd = at("2026-12-31T00:00:00Z");
    t.amount = *amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart);
    t.executedAt = at("2026-11-26T06:52:06Z");
    t.state = proto::TradeState::Scheduled;
    const Json expected = Json::parse(R"({
        "trade_id": 9, "buy_order_id": 42, "sell_order_id": 41, "buyer_id": 3, "seller_id": 2,
        "destination": "203.0.113.0/24", "sell_destination": "203.0.0.0/16", "price": "10.000000",
        "capacity_kbps": 100000, "capacity_mbps": "100", "delivery_start": "2026-12-01T00:00:00Z",
        "delivery_end": "2026-12-31T00:00:00Z", "amount": "1000.000000",
        "executed_at": "2026-11-26T06:52:06Z", "state": "scheduled"})");
    QCOMPARE(QString::fromStdString(toJson(t).dump()), QString::fromStdString(expected.dump()));

    proto::Fill f;
    f.trade = t;
    f.side = Side::Sell;
    f.orderId = OrderId(41);
    f.clientOrderId = ClientOrderId(5);
    f.counterpartyName = "bob";
    f.seq = Seq(77);
    const Json fill = toJson(f);
    QCOMPARE(QString::fromStdString(fill["trade"].dump()),
             QString::fromStdString(toJson(t).dump()));
    QCOMPARE(fill["side"].get<std::string>(), std::string("sell"));
    QCOMPARE(fill["counterparty"].get<std::string>(), std::string("bob"));
    QCOMPARE(fill["seq"].get<std::uint64_t>(), std::uint64_t(77));
}

void TestBwxctlOutput::watchRowJsonMarksMissingSides()
{
    proto::WatchRow r;
    r.prefix = net::Prefix::parse("2001:db8::/32").value();
    r.bestAsk = Price(9'990'000);
    r.askDepth = Bandwidth(1'000'000);
    r.askOrders = 2;
    const Json j = toJson(r);
    QVERIFY(j["best_bid"].is_null());
    QCOMPARE(j["best_ask"].get<std::string>(), std::string("9.990000"));
    QCOMPARE(j["ask_depth_mbps"].get<std::string>(), std::string("1000"));
    QVERIFY(j["last_price"].is_null());
    QVERIFY(j["last_trade_at"].is_null());
}

void TestBwxctlOutput::table()
{
    Table t({{"ID", Table::Align::Right}, {"NAME"}, {"PRICE", Table::Align::Right}});
    t.addRow({"1", "älpha", "12.50"});
    t.addRow({"100", "b", "9.00"});
    QCOMPARE(QString::fromStdString(t.render()), QString::fromUtf8(" ID  NAME   PRICE\n"
                                                                   "  1  älpha  12.50\n"
                                                                   "100  b       9.00\n"));
}

void TestBwxctlOutput::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << "A subcommand is required";
    QTest::newRow("unknown command") << QStringList{"fly"} << "unknown command 'fly'";
    QTest::newRow("host bits")
        << QStringList{"order", "buy", "203.0.113.1/24", "--mbps", "1", "--price", "1"}
        << "invalid destination: host bits set in 203.0.113.1/24 (did you mean 203.0.113.0/24?)";
    QTest::newRow("price precision")
        << QStringList{"order", "sell", "203.0.0.0/16", "--mbps", "1", "--price", "12.3456789"}
        << "invalid price '12.3456789': more than 6 decimal places";
    QTest::newRow("missing server after valid input")
        << QStringList{"order", "sell", "203.0.0.0/16", "--mbps", "1", "--price", "1"}
        << "no server given";
    QTest::newRow("cancel needs an id")
        << QStringList{"cancel"} << "give either ORDER_ID or --client-id N";
    QTest::newRow("amend needs a change") << QStringList{"amend", "5"} << "nothing to amend";
    QTest::newRow("bad member name")
        << QStringList{"member", "add", "Alice", "--asn", "64500", "--port-capacity", "10G"}
        << "must start with a letter a-z";
    QTest::newRow("bad book prefix")
        << QStringList{"book", "10.0.0.1/8"} << "invalid prefix: host bits set";
    QTest::newRow("cert kind missing")
        << QStringList{"cert", "issue", "--ca-dir", "x", "--out", "y"} << "give exactly one of";
}

void TestBwxctlOutput::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    std::vector<std::string> a;
    for (const auto &s : args)
        a.push_back(s.toStdString());
    const Captured c = runCli(a);
    QCOMPARE(c.code, 1);
    QVERIFY2(QString::fromStdString(c.err).contains(message), c.err.c_str());
    QVERIFY(c.out.empty());
}

void TestBwxctlOutput::jsonErrorDocument()
{
    const Captured c = runCli(
        {"--json", "order", "buy", "203.0.113.0/24", "--mbps", "1", "--price", "12.3456789"});
    QCOMPARE(c.code, 1);
    const Json doc = Json::parse(c.out);
    QCOMPARE(doc["error"]["kind"].get<std::string>(), std::string("usage"));
    QVERIFY(doc["error"]["code"].is_null());
    QCOMPARE(doc["error"]["message"].get<std::string>(),
             std::string("invalid price '12.3456789': more than 6 decimal places"));
}

void TestBwxctlOutput::helpExitsZero()
{
    const Captured c = runCli({"order", "buy", "--help"});
    QCOMPARE(c.code, 0);
    QVERIFY2(QString::fromStdString(c.out).contains("--min-block"), c.out.c_str());
}

void TestBwxctlOutput::offlineCommands()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    Captured ca = runCli({"--json", "ca", "init", "--dir", root + "/ca", "--name", "Test CA"});
    QCOMPARE(ca.code, 0);
    const Json caDoc = Json::parse(ca.out);
    QCOMPARE(caDoc["certificate"].get<std::string>(), root + "/ca/ca.crt");

    Captured srv = runCli({"--json", "cert", "issue", "--ca-dir", root + "/ca", "--server",
                           "localhost,127.0.0.1,::1", "--out", root + "/srv", "--days", "30"});
    QCOMPARE(srv.code, 0);
    const Json srvDoc = Json::parse(srv.out);
    QCOMPARE(srvDoc["kind"].get<std::string>(), std::string("server"));
    QCOMPARE(QString::fromStdString(srvDoc["subject_alt_names"].dump()),
             QString(R"(["DNS:localhost","IP:127.0.0.1","IP:::1"])"));

    Captured member = runCli(
        {"cert", "issue", "--ca-dir", root + "/ca", "--member", "alice", "--out", root + "/alice"});
    QCOMPARE(member.code, 0);
    QVERIFY2(QString::fromStdString(member.out).contains("URI:urn:bwx:member:alice"),
             member.out.c_str());
    QVERIFY(std::filesystem::exists(root + "/alice/member.key"));

    Captured again = runCli(
        {"cert", "issue", "--ca-dir", root + "/ca", "--member", "alice", "--out", root + "/alice"});
    QCOMPARE(again.code, 1);
    QVERIFY2(QString::fromStdString(again.err).contains("refusing to overwrite existing"),
             again.err.c_str());
}

QTEST_APPLESS_MAIN(TestBwxctlOutput)
#include "tst_bwxctl_output.moc"
