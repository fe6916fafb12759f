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
#include "human_views.h"
#include "json_views.h"
#include "routing_views.h"
#include "settlement_views.h"
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
    void candidateJson();
    void candidatesText();
    void memberJsonCarriesLimits();
    void noticeJson();
    void uptimes_data();
    void uptimes();
    void sessionViews();
    void routeViews();
    void exportViews();
    void emptyRoutingViews();
    void statementMarksCancelledTrades();
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
        "ranking": "price", "weights": {"price": 0, "latency": 0, "loss": 0, "distance": 0},
        "created_at": "2026-11-26T06:52:05.000000123Z",
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
    QTest::newRow("candidates without capacity")
        << QStringList{"candidates", "203.0.113.0/24"} << "missing capacity";
    QTest::newRow("candidates with a bad latency")
        << QStringList{"candidates", "203.0.113.0/24", "--mbps", "100", "--max-latency-ms", "1e3"}
        << "invalid latency (ms) '1e3'";
    QTest::newRow("candidates weighted without weights")
        << QStringList{"candidates", "AS64500", "--mbps", "100", "--rank", "weighted"}
        << "--rank weighted needs --weights";
    QTest::newRow("take needs a destination")
        << QStringList{"take", "12", "--mbps", "100", "--max-price", "5"} << "--destination is required";
    QTest::newRow("take needs a price")
        << QStringList{"take", "12", "--destination", "203.0.113.0/24", "--mbps", "100"}
        << "--max-price is required";
    QTest::newRow("take never rests")
        << QStringList{"take", "12", "--destination", "203.0.113.0/24", "--mbps", "100",
                       "--max-price", "5", "--tif", "gtc"}
        << "a take buys now or not at all";
    QTest::newRow("take order zero")
        << QStringList{"take", "0", "--destination", "peer", "--mbps", "1", "--max-price", "5"}
        << "SELL_ORDER_ID must not be 0";
    QTest::newRow("limits with nothing to change")
        << QStringList{"member", "limits", "alice"} << "nothing to change";
    QTest::newRow("limits with a bad exposure")
        << QStringList{"member", "limits", "alice", "--max-exposure", "12.3456789"}
        << "invalid --max-exposure";
    QTest::newRow("limits with a zero message rate")
        << QStringList{"member", "limits", "alice", "--max-msg-rate", "0"}
        << "at least 1 message per second";
    QTest::newRow("limits with a bad member name")
        << QStringList{"member", "limits", "Alice", "--max-order", "1G"} << "must start with a letter";
    QTest::newRow("routes within a host address")
        << QStringList{"routes", "--within", "10.0.0.1/8"} << "invalid --within: host bits set";
    QTest::newRow("routes limit zero")
        << QStringList{"routes", "--limit", "0"} << "--limit must be between 1 and 2000, got 0";
    QTest::newRow("routes limit not a number")
        << QStringList{"routes", "--limit", "many"} << "--limit";
    QTest::newRow("sessions need a server") << QStringList{"sessions"} << "no server given";
    QTest::newRow("routes of a member need a server")
        << QStringList{"routes", "--member", "alice", "--rejected"} << "no server given";
    QTest::newRow("exports need a server")
        << QStringList{"exports", "--member", "alice"} << "no server given";
    QTest::newRow("cancel-on-disconnect needs on or off")
        << QStringList{"cancel-on-disconnect", "maybe"} << "expected 'on' or 'off'";
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

namespace {

proto::Candidate sampleCandidate(std::uint32_t rank, proto::ResultCode reason)
{
    proto::Candidate c;
    c.entry.orderId = OrderId(8);
    c.entry.side = Side::Sell;
    c.entry.prefix = net::Prefix::parse("203.0.0.0/16").value();
    c.entry.price = Price(10'000'000);
    c.entry.remaining = Bandwidth(700'000);
    c.entry.minBlock = Bandwidth(100'000);
    c.entry.deliveryStart = at("2027-01-01T00:00:00Z");
    c.entry.deliveryEnd = at("2027-01-31T00:00:00Z");
    c.entry.latencyUs = 12'500;
    c.entry.lossPpm = 5'000;
    c.entry.distance = 2;
    c.entry.qualityKnown = 1;
    c.entry.createdAt = at("2026-11-26T07:00:00Z");
    c.score = 10'000'000;
    c.rank = rank;
    c.reason = reason;
    if (reason != proto::ResultCode::Ok)
        c.explanation = "latency 12.5 ms is above your limit of 10 ms";
    return c;
}

} // namespace

void TestBwxctlOutput::candidateJson()
{
    const Json expected = Json::parse(R"({
        "rank": 1, "eligible": true, "order_id": 8, "prefix": "203.0.0.0/16", "price": "10.000000",
        "remaining_kbps": 700000, "remaining_mbps": "700",
        "min_block_kbps": 100000, "min_block_mbps": "100",
        "delivery_start": "2027-01-01T00:00:00Z", "delivery_end": "2027-01-31T00:00:00Z",
        "traffic_type": "best_effort",
        "quality": {"latency_us": 12500, "loss_ppm": 5000, "distance": 2},
        "score": 10000000, "reason": "ok", "explanation": ""})");
    QCOMPARE(QString::fromStdString(toJson(sampleCandidate(1, proto::ResultCode::Ok)).dump()),
             QString::fromStdString(expected.dump()));

    proto::Candidate out = sampleCandidate(0, proto::ResultCode::LatencyAboveLimit);
    out.entry.qualityKnown = 0;
    const Json j = toJson(out);
    QVERIFY(j["rank"].is_null());
    QCOMPARE(j["eligible"].get<bool>(), false);
    QVERIFY(j["quality"].is_null());
    QCOMPARE(j["reason"].get<std::string>(), std::string("latency_above_limit"));
    QCOMPARE(j["explanation"].get<std::string>(),
             std::string("latency 12.5 ms is above your limit of 10 ms"));
}

void TestBwxctlOutput::candidatesText()
{
    proto::OrderParams buy;
    buy.destination = Destination::ofPrefix(net::Prefix::parse("203.0.113.0/24").value());
    buy.capacity = Bandwidth(300'000);
    buy.ranking = RankingMode::BestPerformance;
    proto::Candidate unknown = sampleCandidate(0, proto::ResultCode::QualityUnknown);
    unknown.entry.orderId = OrderId(9);
    unknown.entry.qualityKnown = 0;
    unknown.explanation = "the seller's quality toward 203.0.113.0/24 is not measured yet";
    const std::string text = bwx::ctl::candidatesText(
        buy, {sampleCandidate(1, proto::ResultCode::Ok), unknown});
    const QString shown = QString::fromStdString(text);
    QVERIFY2(shown.startsWith("candidates for a buy of 300 Mbps toward 203.0.113.0/24 (ranking: "
                              "performance)\n"),
             text.c_str());
    QVERIFY2(shown.contains("12.5 ms"), text.c_str());
    QVERIFY2(shown.contains("0.5 %"), text.c_str());
    QVERIFY2(shown.contains("eligible"), text.c_str());
    QVERIFY2(shown.contains("quality_unknown"), text.c_str());
    QVERIFY2(shown.contains("not eligible:\n  order 9: the seller's quality toward 203.0.113.0/24 "
                            "is not measured yet\n"),
             text.c_str());
    QCOMPARE(bwx::ctl::candidatesText(buy, {}),
             std::string("candidates for a buy of 300 Mbps toward 203.0.113.0/24 (ranking: "
                         "performance)\nno sell order covers it\n"));
}

void TestBwxctlOutput::memberJsonCarriesLimits()
{
    proto::MemberView m;
    m.id = MemberId(2);
    m.name = "bob";
    m.displayName = "Bob";
    m.asn = 64502;
    m.portCapacity = Bandwidth(10'000'000);
    m.portUsed = Bandwidth(300'000);
    m.limits.maxOrderCapacity = Bandwidth(1'000'000);
    m.limits.maxOpenExposure = Money(50'000'000'000);
    m.limits.maxMessagesPerSecond = 200;
    m.limits.cancelOnDisconnect = 1;
    const Json expected = Json::parse(R"({
        "member_id": 2, "name": "bob", "display_name": "Bob", "asn": 64502,
        "port_capacity_kbps": 10000000, "port_capacity_mbps": "10000", "status": "active",
        "port_used_kbps": 300000, "port_used_mbps": "300",
        "limits": {"max_order_capacity_kbps": 1000000, "max_order_capacity_mbps": "1000",
                   "max_open_exposure": "50000.000000", "max_messages_per_second": 200,
                   "cancel_on_disconnect": true}})");
    QCOMPARE(QString::fromStdString(toJson(m).dump()), QString::fromStdString(expected.dump()));
    const QString text = QString::fromStdString(memberLimitsText(m));
    QVERIFY2(text.contains("port used             300 Mbps"), qPrintable(text));
    QVERIFY2(text.contains("cancel on disconnect  on"), qPrintable(text));
    m.limits = {};
    QVERIFY(QString::fromStdString(memberLimitsText(m)).contains("max messages/s        exchange default"));
}

void TestBwxctlOutput::noticeJson()
{
    proto::Notice n{proto::ResultCode::PortCapacityExceeded,
                    "your port has 0 Mbps left for trade 4", at("2026-11-26T07:00:00Z"),
                    OrderId(12), TradeId{}};
    const Json expected = Json::parse(R"({"code": "port_capacity_exceeded",
        "text": "your port has 0 Mbps left for trade 4", "time": "2026-11-26T07:00:00Z",
        "order_id": 12, "trade_id": null})");
    QCOMPARE(QString::fromStdString(toJson(n).dump()), QString::fromStdString(expected.dump()));
    QCOMPARE(noticeText(n), std::string("notice port_capacity_exceeded (order 12): your port has "
                                        "0 Mbps left for trade 4"));
}

namespace {

const MemberNames kNames{{MemberId(1), "alice"}, {MemberId(2), "bob"}};

proto::RouteView route(const char *prefix, MemberId member)
{
    proto::RouteView r;
    r.member = member;
    r.peerAddress = "192.0.2.1";
    r.prefix = net::Prefix::parse(prefix).value();
    r.nextHop = "192.0.2.1";
    r.asPath = {64500, 64510};
    r.routeClass = RouteClass::Customer;
    return r;
}

} // namespace

void TestBwxctlOutput::uptimes_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("text");
    const qint64 t = 1'795'675'925;
    QTest::newRow("unknown") << qint64(0) << t << "-";
    QTest::newRow("just now") << t << t << "00:00:00";
    QTest::newRow("seconds") << t << t + 42 << "00:00:42";
    QTest::newRow("hours") << t << t + 3 * 3600 + 4 * 60 + 5 << "03:04:05";
    QTest::newRow("days") << t << t + 2 * 86'400 + 59 << "2d 00:00:59";
    QTest::newRow("clock behind the exchange's") << t + 10 << t << "00:00:00";
}

void TestBwxctlOutput::uptimes()
{
    QFETCH(qint64, since);
    QFETCH(qint64, now);
    QFETCH(QString, text);
    const Timestamp sinceAt = since == 0 ? Timestamp{} : Timestamp::fromSeconds(since);
    QCOMPARE(QString::fromStdString(uptimeText(sinceAt, Timestamp::fromSeconds(now))), text);
}

void TestBwxctlOutput::sessionViews()
{
    proto::SessionList list;
    proto::BgpSessionView up;
    up.member = MemberId(1);
    up.peerAddress = "192.0.2.1";
    up.peerAsn = 64500;
    up.state = proto::BgpState::Established;
    up.stateSince = at("2026-11-26T06:00:00Z");
    up.prefixesReceived = 12;
    up.prefixesAccepted = 10;
    up.prefixesRejected = 2;
    up.updatesIn = 30;
    up.updatesOut = 4;
    proto::BgpSessionView down;
    down.member = MemberId(7); // not in the member list: shown by id
    down.peerAddress = "2001:db8::7";
    down.peerAsn = 64507;
    down.state = proto::BgpState::Active;
    down.lastError = "hold timer expired";
    list.sessions = {up, down};
    const Timestamp now = at("2026-11-27T07:02:03Z");

    const Json j = toJson(list, kNames, now);
    QCOMPARE(j["sessions"].size(), std::size_t(2));
    const Json &first = j["sessions"][0];
    QCOMPARE(first["member_name"].get<std::string>(), std::string("alice"));
    QCOMPARE(first["state"].get<std::string>(), std::string("established"));
    QCOMPARE(first["state_since"].get<std::string>(), std::string("2026-11-26T06:00:00Z"));
    QCOMPARE(first["uptime_s"].get<std::int64_t>(), std::int64_t(90'123));
    QCOMPARE(first["prefixes_received"].get<int>(), 12);
    QCOMPARE(first["prefixes_accepted"].get<int>(), 10);
    QCOMPARE(first["prefixes_rejected"].get<int>(), 2);
    QVERIFY(first["last_error"].is_null());
    const Json &second = j["sessions"][1];
    QVERIFY(second["member_name"].is_null());
    QVERIFY(second["uptime_s"].is_null());
    QCOMPARE(second["state"].get<std::string>(), std::string("active"));
    QCOMPARE(second["last_error"].get<std::string>(), std::string("hold timer expired"));

    QCOMPARE(QString::fromStdString(sessionsText(list, kNames, now)),
             QString("MEMBER  PEER           ASN  STATE             UPTIME  RECEIVED  ACCEPTED  "
                     "REJECTED  UPDATES-IN  UPDATES-OUT\n"
                     "alice   192.0.2.1    64500  established  1d 01:02:03        12        10  "
                     "       2          30            4\n"
                     "#7      2001:db8::7  64507  active                 -         0         0  "
                     "       0           0            0\n"
                     "\n"
                     "2001:db8::7 (#7) last error: hold timer expired\n"));
}

void TestBwxctlOutput::routeViews()
{
    proto::RouteList list;
    proto::RouteView good = route("203.0.113.0/24", MemberId(1));
    good.valid = 1;
    good.sellable = 1;
    good.rpki = proto::ValidationState::Valid;
    good.irr = proto::ValidationState::NotFound;
    good.communities = {(64500u << 16) | 100u};
    good.largeCommunities = {{64496, 1, 2}};
    proto::RouteView bad = route("10.0.0.0/8", MemberId(2));
    bad.routeClass = RouteClass::Transit;
    bad.reasonCode = 1;
    bad.reason = "bogon: 10.0.0.0/8 is private address space (RFC 1918)";
    list.routes = {good, bad};
    list.truncated = 1;

    const Json j = toJson(list, kNames);
    QVERIFY(j["truncated"].get<bool>());
    const Json &g = j["routes"][0];
    QCOMPARE(g["prefix"].get<std::string>(), std::string("203.0.113.0/24"));
    QCOMPARE(g["route_class"].get<std::string>(), std::string("customer"));
    QVERIFY(g["valid"].get<bool>());
    QVERIFY(g["sellable"].get<bool>());
    QVERIFY(g["reason"].is_null());
    QCOMPARE(g["rpki"].get<std::string>(), std::string("valid"));
    QCOMPARE(g["irr"].get<std::string>(), std::string("not_found"));
    QCOMPARE(g["as_path"].dump(), std::string("[64500,64510]"));
    QCOMPARE(g["communities"].dump(), std::string("[\"64500:100\"]"));
    QCOMPARE(g["large_communities"].dump(), std::string("[\"64496:1:2\"]"));
    const Json &b = j["routes"][1];
    QVERIFY(!b["valid"].get<bool>());
    QCOMPARE(b["member_name"].get<std::string>(), std::string("bob"));
    QCOMPARE(b["reason_code"].get<int>(), 1);
    QCOMPARE(b["reason"].get<std::string>(), bad.reason);
    QCOMPARE(b["rpki"].get<std::string>(), std::string("not_checked"));

    const QString text = QString::fromStdString(routesText(list, kNames));
    const QStringList lines = text.split('\n');
    QVERIFY2(lines.size() == 8, qPrintable(text));
    QVERIFY(lines[0].startsWith("MEMBER  PREFIX          PEER       NEXT-HOP   AS-PATH      CLASS"));
    QVERIFY2(lines[1].endsWith("customer  valid     valid        not_found    yes"), qPrintable(text));
    QVERIFY2(lines[2].endsWith("transit   rejected  not_checked  not_checked  no"), qPrintable(text));
    QCOMPARE(lines[4], QString("10.0.0.0/8 (bob): ") + QString::fromStdString(bad.reason));
    QVERIFY2(lines[6].startsWith("only the first 2 routes are shown"), qPrintable(text));
}

void TestBwxctlOutput::exportViews()
{
    proto::ExportView toBuyer;
    toBuyer.receiver = MemberId(2);
    toBuyer.role = proto::ExportRole::SellerRouteToBuyer;
    toBuyer.prefix = net::Prefix::parse("203.0.113.0/24").value();
    toBuyer.nextHop = "192.0.2.1";
    toBuyer.asPath = {64500};
    toBuyer.largeCommunities = {{64496, 10, 7}};
    toBuyer.trade = TradeId(7);
    toBuyer.counterparty = MemberId(1);
    proto::ExportView toSeller;
    toSeller.receiver = MemberId(1);
    toSeller.role = proto::ExportRole::BuyerPrefixToSeller;
    toSeller.prefix = net::Prefix::parse("198.51.100.0/24").value();
    toSeller.trade = TradeId(7);
    toSeller.counterparty = MemberId(2);
    proto::ExportList list;
    list.exports = {toBuyer, toSeller};

    const Json j = toJson(list, kNames);
    const Json &e = j["exports"][0];
    QCOMPARE(e["receiver_name"].get<std::string>(), std::string("bob"));
    QCOMPARE(e["role"].get<std::string>(), std::string("route_to_buyer"));
    QCOMPARE(e["trade_id"].get<std::uint64_t>(), std::uint64_t(7));
    QCOMPARE(e["counterparty_name"].get<std::string>(), std::string("alice"));
    QCOMPARE(e["large_communities"].dump(), std::string("[\"64496:10:7\"]"));
    QVERIFY(j["exports"][1]["next_hop"].is_null());
    QCOMPARE(j["exports"][1]["role"].get<std::string>(), std::string("prefix_to_seller"));

    // Grouped by receiver, in member order.
    QCOMPARE(QString::fromStdString(exportsText(list, kNames)),
             QString("to alice (1 route):\n"
                     "ROLE              PREFIX           NEXT-HOP  AS-PATH  TRADE  COUNTERPARTY\n"
                     "prefix_to_seller  198.51.100.0/24  -         -            7  bob\n"
                     "\n"
                     "to bob (1 route):\n"
                     "ROLE            PREFIX          NEXT-HOP   AS-PATH  TRADE  COUNTERPARTY\n"
                     "route_to_buyer  203.0.113.0/24  192.0.2.1  64500        7  alice\n"));
}

void TestBwxctlOutput::emptyRoutingViews()
{
    const Timestamp now = at("2026-11-26T06:00:00Z");
    QCOMPARE(sessionsText({}, kNames, now), std::string("no BGP sessions\n"));
    QCOMPARE(routesText({}, kNames), std::string("no routes\n"));
    QCOMPARE(exportsText({}, kNames), std::string("no exports\n"));
    QCOMPARE(toJson(proto::SessionList{}, kNames, now).dump(), std::string("{\"sessions\":[]}"));
    QCOMPARE(toJson(proto::RouteList{}, kNames).dump(),
             std::string("{\"routes\":[],\"truncated\":false}"));
    QCOMPARE(toJson(proto::ExportList{}, kNames).dump(), std::string("{\"exports\":[]}"));
}

void TestBwxctlOutput::statementMarksCancelledTrades()
{
    proto::Statement s;
    s.member = MemberId(2);
    s.memberName = "bob";
    s.periodStart = at("2026-11-01T00:00:00Z");
    s.periodEnd = at("2026-12-01T00:00:00Z");
    proto::StatementLine running;
    running.trade = TradeId(11);
    running.role = Side::Buy;
    running.destination = Destination::ofPrefix(net::Prefix::parse("203.0.113.0/24").value());
    running.counterparty = MemberId(1);
    running.counterpartyName = "alice";
    running.periodStart = s.periodStart;
    running.periodEnd = s.periodEnd;
    running.committed = Bandwidth(300'000);
    running.price = Price(10'000'000);
    running.amount = Money(3'000'000'000);
    running.total = running.amount;
    // Cancelled mid-month: billed up to the cancellation, which the line carries.
    proto::StatementLine cancelled = running;
    cancelled.trade = TradeId(12);
    cancelled.destination = Destination::ofPrefix(net::Prefix::parse("198.51.100.0/24").value());
    cancelled.periodEnd = at("2026-11-16T12:30:00Z");
    cancelled.cancelledAt = cancelled.periodEnd;
    cancelled.amount = Money(1'550'000'000);
    cancelled.total = cancelled.amount;
    s.lines = {running, cancelled};
    s.totalPayable = Money(4'550'000'000);
    s.net = Money(-4'550'000'000);

    const Json j = toJson(s);
    QVERIFY2(j["lines"][0].contains("cancelled_at") && j["lines"][1].contains("cancelled_at"),
             j.dump().c_str());
    QVERIFY2(j["lines"][0]["cancelled_at"].is_null(), j.dump().c_str());
    QCOMPARE(j["lines"][1]["cancelled_at"].get<std::string>(),
             std::string("2026-11-16T12:30:00Z"));
    QCOMPARE(j["lines"][1]["billed_to"].get<std::string>(), std::string("2026-11-16T12:30:00Z"));
    // The JSON destination stays a plain destination that programs can parse.
    QCOMPARE(j["lines"][1]["destination"].get<std::string>(), std::string("198.51.100.0/24"));

    const std::string text = statementText(s);
    const QString shown = QString::fromStdString(text);
    QVERIFY2(shown.contains("198.51.100.0/24 (cancelled)"), text.c_str());
    QVERIFY2(shown.contains("203.0.113.0/24"), text.c_str());
    QVERIFY2(!shown.contains("203.0.113.0/24 (cancelled)"), text.c_str());
    QCOMPARE(shown.count("(cancelled)"), 1);
}

QTEST_APPLESS_MAIN(TestBwxctlOutput)
#include "tst_bwxctl_output.moc"
