// bwxctl's argument rules: every bad input is refused with a precise message before anything
// is sent, and good input becomes exactly the order / connection the user meant.
// moc needs <QTest> before the other headers.
// clang-format off
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <map>

#include "connection_settings.h"
#include "endpoint.h"
#include "order_arguments.h"
#include "quality_arguments.h"
#include "routing_arguments.h"
#include "time_argument.h"
// clang-format on

using namespace bwx;
using namespace bwx::ctl;

namespace {

// 2026-11-26T06:52:05.123Z: not a whole second, so rounding of defaults is visible.
const Timestamp kNow = Timestamp(1'795'675'925'123'000'000);

} // namespace

class TestBwxctlArguments : public QObject
{
    Q_OBJECT

private slots:
    void endpoints_data();
    void endpoints();
    void times_data();
    void times();
    void orderErrors_data();
    void orderErrors();
    void orderDefaults();
    void orderFields_data();
    void orderFields();
    void clientOrderIds();
    void connectionSettings();
    void qualityLimits_data();
    void qualityLimits();
    void qualityTexts();
    void messageRates_data();
    void messageRates();
    void routeQueries_data();
    void routeQueries();
};

void TestBwxctlArguments::endpoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("error");
    QTest::newRow("name") << "bwx.example.net:7400"
                          << "bwx.example.net" << 7400 << "";
    QTest::newRow("IPv4") << "127.0.0.1:1"
                          << "127.0.0.1" << 1 << "";
    QTest::newRow("IPv6 in brackets") << "[::1]:65535"
                                      << "::1" << 65535 << "";
    QTest::newRow("empty") << ""
                           << "" << 0 << "no server given";
    QTest::newRow("no port") << "localhost"
                             << "" << 0 << "expected HOST:PORT";
    QTest::newRow("empty port") << "localhost:"
                                << "" << 0 << "missing port after ':'";
    QTest::newRow("port zero") << "localhost:0"
                               << "" << 0 << "port out of range 1-65535";
    QTest::newRow("port too big") << "localhost:65536"
                                  << "" << 0 << "port out of range 1-65535";
    QTest::newRow("port not a number") << "localhost:http"
                                       << "" << 0 << "port 'http' is not a number";
    QTest::newRow("bare IPv6") << "::1:7400"
                               << "" << 0 << "write an IPv6 address in brackets";
    QTest::newRow("unclosed bracket") << "[::1:7400"
                                      << "" << 0 << "missing ']'";
    QTest::newRow("no host") << ":7400"
                             << "" << 0 << "missing host";
}

void TestBwxctlArguments::endpoints()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, error);
    auto e = parseEndpoint(text.toStdString());
    if (error.isEmpty()) {
        QVERIFY2(e.hasValue(), e.hasValue() ? "" : e.error().c_str());
        QCOMPARE(QString::fromStdString(e->host), host);
        QCOMPARE(int(e->port), port);
    } else {
        QVERIFY(!e.hasValue());
        QVERIFY2(QString::fromStdString(e.error()).contains(error), e.error().c_str());
    }
}

void TestBwxctlArguments::times_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // nanoseconds
    QTest::addColumn<QString>("error");
    const qint64 now = kNow.value();
    QTest::newRow("now") << "now" << now << "";
    QTest::newRow("+30d") << "+30d" << now + 30LL * 86400 * 1'000'000'000 << "";
    QTest::newRow("-1h") << "-1h" << now - 3600LL * 1'000'000'000 << "";
    QTest::newRow("+90m") << "+90m" << now + 5400LL * 1'000'000'000 << "";
    QTest::newRow("+45s") << "+45s" << now + 45LL * 1'000'000'000 << "";
    QTest::newRow("date") << "2026-12-01" << qint64(1'796'083'200) * 1'000'000'000 << "";
    QTest::newRow("date and time")
        << "2026-12-01T08:00:00Z" << qint64(1'796'083'200 + 8 * 3600) * 1'000'000'000 << "";
    QTest::newRow("no unit") << "+30" << qint64(0) << "unit must be s, m, h or d";
    QTest::newRow("bad unit") << "+3w" << qint64(0) << "unit must be s, m, h or d";
    QTest::newRow("sign only") << "+" << qint64(0) << "expected +N or -N";
    QTest::newRow("not a number") << "+1.5d" << qint64(0) << "'1.5' is not a whole number";
    QTest::newRow("absurd offset") << "+999999999d" << qint64(0) << "more than 100 years away";
    QTest::newRow("local time refused") << "2026-12-01T08:00:00" << qint64(0) << "must end in 'Z'";
    QTest::newRow("garbage") << "tomorrow" << qint64(0) << "invalid time 'tomorrow'";
}

void TestBwxctlArguments::times()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    QFETCH(QString, error);
    auto t = parseTimeArgument(text.toStdString(), kNow);
    if (error.isEmpty()) {
        QVERIFY2(t.hasValue(), t.hasValue() ? "" : t.error().c_str());
        QCOMPARE(t->value(), expected);
    } else {
        QVERIFY(!t.hasValue());
        QVERIFY2(QString::fromStdString(t.error()).contains(error), t.error().c_str());
    }
}

void TestBwxctlArguments::orderErrors_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QStringList>("options"); // name=value pairs
    QTest::addColumn<QString>("error");
    const QStringList ok{"mbps=100", "price=12.50"};
    QTest::newRow("host bits")
        << "203.0.113.1/24" << ok
        << "invalid destination: host bits set in 203.0.113.1/24 (did you mean 203.0.113.0/24?)";
    QTest::newRow("not a destination") << "nowhere" << ok << "invalid destination";
    QTest::newRow("seven decimals")
        << "203.0.113.0/24" << QStringList{"mbps=100", "price=12.3456789"}
        << "invalid price '12.3456789': more than 6 decimal places";
    QTest::newRow("price with comma")
        << "203.0.113.0/24" << QStringList{"mbps=100", "price=12,5"} << "unexpected character ','";
    QTest::newRow("zero price") << "203.0.113.0/24" << QStringList{"mbps=100", "price=0"}
                                << "price must be more than 0";
    QTest::newRow("negative price")
        << "203.0.113.0/24" << QStringList{"mbps=100", "price=-1"} << "price must be more than 0";
    QTest::newRow("limit without price")
        << "203.0.113.0/24" << QStringList{"mbps=100"} << "a limit order needs --price";
    QTest::newRow("market with price")
        << "203.0.113.0/24" << QStringList{"mbps=100", "price=1", "type=market"}
        << "a market order takes no --price";
    QTest::newRow("market gtc") << "203.0.113.0/24"
                                << QStringList{"mbps=100", "type=market", "tif=gtc"}
                                << "a market order never rests";
    QTest::newRow("no capacity") << "203.0.113.0/24" << QStringList{"price=1"}
                                 << "missing capacity: give --mbps N or --capacity 10G";
    QTest::newRow("both capacities")
        << "203.0.113.0/24" << QStringList{"mbps=100", "capacity=1G", "price=1"}
        << "give either --mbps or --capacity, not both";
    QTest::newRow("mbps with unit")
        << "203.0.113.0/24" << QStringList{"mbps=10G", "price=1"} << "invalid --mbps '10G'";
    QTest::newRow("zero capacity")
        << "203.0.113.0/24" << QStringList{"mbps=0", "price=1"} << "capacity must be more than 0";
    QTest::newRow("sub-kbps capacity") << "203.0.113.0/24" << QStringList{"mbps=0.0005", "price=1"}
                                       << "more than 3 decimal places";
    QTest::newRow("bad type") << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "type=stop"}
                              << "invalid --type 'stop': expected limit or market";
    QTest::newRow("bad tif") << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "tif=day"}
                             << "invalid --tif 'day'";
    QTest::newRow("gtd without expiry")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "tif=gtd"}
        << "--tif gtd needs --expire TIME";
    QTest::newRow("expiry in the past")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "expire=-1h"}
        << "is not in the future";
    QTest::newRow("expiry without gtd")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "tif=ioc", "expire=+1d"}
        << "--expire is only for --tif gtd";
    QTest::newRow("end before start")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "start=+2d", "end=+1d"}
        << "is not after its start";
    QTest::newRow("block above capacity")
        << "203.0.113.0/24" << QStringList{"mbps=100", "price=1", "min-block=200M"}
        << "minimum block 200 Mbps is larger than the capacity 100 Mbps";
    QTest::newRow("capacity not whole blocks")
        << "203.0.113.0/24" << QStringList{"mbps=100", "price=1", "min-block=30M"}
        << "capacity 100 Mbps is not a whole number of 30 Mbps blocks";
    QTest::newRow("bad traffic") << "203.0.113.0/24"
                                 << QStringList{"mbps=1", "price=1", "traffic=gold"}
                                 << "invalid --traffic 'gold'";
    QTest::newRow("sell any traffic")
        << "sell:203.0.113.0/24" << QStringList{"mbps=1", "price=1", "traffic=any"}
        << "--traffic any is only valid on a buy";
    QTest::newRow("sell with ranking")
        << "sell:203.0.113.0/24" << QStringList{"mbps=1", "price=1", "ranking=performance"}
        << "quality limits and --ranking are for buy orders";
    QTest::newRow("client id zero")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "client-id=0"}
        << "--client-id must not be 0";
    QTest::newRow("distance above 255")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-distance=256"}
        << "--max-distance 256 is above 255 AS hops";
    QTest::newRow("latency in ms and us")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-latency-ms=5", "max-latency-us=5000"}
        << "give either --max-latency-ms or --max-latency-us, not both";
    QTest::newRow("latency below a microsecond")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-latency-ms=0.0005"}
        << "--max-latency-ms: invalid latency (ms) '0.0005': more than 3 decimal places";
    QTest::newRow("latency not a number")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-latency-ms=fast"}
        << "expected a number such as 12 or 12.5";
    QTest::newRow("loss above 100 %")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-loss-pct=100.5"}
        << "above 100 %";
    QTest::newRow("loss in pct and ppm")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-loss-pct=1", "max-loss-ppm=5"}
        << "give either --max-loss-pct or --max-loss-ppm, not both";
    QTest::newRow("loss with 5 decimals")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-loss-pct=0.00001"}
        << "more than 4 decimal places";
    QTest::newRow("weighted without weights")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "ranking=weighted"}
        << "--rank weighted needs --weights";
    QTest::newRow("weights without weighted")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "weights=1,1,1,1"}
        << "--weights is for --rank weighted";
    QTest::newRow("three weights")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "ranking=weighted", "weights=1,2,3"}
        << "give four weights";
    QTest::newRow("weight too large")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "ranking=weighted", "weights=1,2,3,70000"}
        << "each weight is a whole number from 0 to 65535";
    QTest::newRow("all weights zero")
        << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "ranking=weighted", "weights=0,0,0,0"}
        << "at least one weight must be above 0";
    QTest::newRow("bad rank") << "203.0.113.0/24" << QStringList{"mbps=1", "price=1", "ranking=fast"}
                              << "invalid --rank 'fast'";
    QTest::newRow("sell with weights")
        << "sell:203.0.113.0/24" << QStringList{"mbps=1", "price=1", "weights=1,1,1,1"}
        << "quality limits and --ranking are for buy orders";
    QTest::newRow("sell with latency limit")
        << "sell:203.0.113.0/24" << QStringList{"mbps=1", "price=1", "max-latency-ms=10"}
        << "quality limits and --ranking are for buy orders";
}

namespace {

OrderArguments argumentsFrom(QString destination, const QStringList &options)
{
    OrderArguments a;
    if (destination.startsWith("sell:")) {
        a.side = Side::Sell;
        destination = destination.mid(5);
    }
    a.destination = destination.toStdString();
    for (const auto &o : options) {
        const auto name = o.section('=', 0, 0);
        const auto value = o.section('=', 1).toStdString();
        if (name == "mbps")
            a.mbps = value;
        else if (name == "capacity")
            a.capacity = value;
        else if (name == "price")
            a.price = value;
        else if (name == "min-block")
            a.minBlock = value;
        else if (name == "type")
            a.type = value;
        else if (name == "tif")
            a.timeInForce = value;
        else if (name == "expire")
            a.expire = value;
        else if (name == "start")
            a.start = value;
        else if (name == "end")
            a.end = value;
        else if (name == "traffic")
            a.traffic = value;
        else if (name == "ranking")
            a.ranking = value;
        else if (name == "client-id")
            a.clientId = std::stoull(value);
        else if (name == "max-distance")
            a.maxDistance = static_cast<std::uint32_t>(std::stoul(value));
        else if (name == "max-latency-us")
            a.maxLatencyUs = static_cast<std::uint32_t>(std::stoul(value));
        else if (name == "max-loss-ppm")
            a.maxLossPpm = static_cast<std::uint32_t>(std::stoul(value));
        else if (name == "max-latency-ms")
            a.maxLatencyMs = value;
        else if (name == "max-loss-pct")
            a.maxLossPct = value;
        else if (name == "weights")
            a.weights = value;
        else
            qFatal("unknown option %s in test table", qPrintable(name));
    }
    return a;
}

} // namespace

void TestBwxctlArguments::orderErrors()
{
    QFETCH(QString, destination);
    QFETCH(QStringList, options);
    QFETCH(QString, error);
    auto order = buildOrder(argumentsFrom(destination, options), kNow, 12345);
    QVERIFY(!order.hasValue());
    QVERIFY2(QString::fromStdString(order.error()).contains(error), order.error().c_str());
}

void TestBwxctlArguments::orderDefaults()
{
    auto order = buildOrder(argumentsFrom("203.0.113.0/24", {"mbps=1000", "price=12.50"}), kNow, 7);
    QVERIFY2(order.hasValue(), order.hasValue() ? "" : order.error().c_str());
    QCOMPARE(int(order->side), int(Side::Buy));
    QCOMPARE(int(order->type), int(OrderType::Limit));
    QCOMPARE(int(order->timeInForce), int(TimeInForce::GoodTillCancel));
    QCOMPARE(toString(order->destination), std::string("203.0.113.0/24"));
    QCOMPARE(order->price.value(), std::int64_t(12'500'000));
    QCOMPARE(order->capacity.value(), std::int64_t(1'000'000));
    QCOMPARE(order->minBlock, order->capacity);
    // Delivery from now (whole seconds) for 30 days.
    QCOMPARE(order->deliveryStart, Timestamp::fromSeconds(kNow.seconds()));
    QCOMPARE(order->deliveryEnd - order->deliveryStart, seconds(30LL * 86400));
    QCOMPARE(int(order->trafficType), int(TrafficType::BestEffort));
    QCOMPARE(int(order->ranking), int(RankingMode::BestPrice));
    QCOMPARE(order->expireAt, Timestamp{});
    QCOMPARE(order->clientOrderId, generateClientOrderId(kNow, 7));

    // A market order defaults to IOC, --expire alone implies GTD.
    auto market = buildOrder(argumentsFrom("203.0.113.0/24", {"mbps=1", "type=market"}), kNow, 7);
    QVERIFY(market.hasValue());
    QCOMPARE(int(market->timeInForce), int(TimeInForce::ImmediateOrCancel));
    QCOMPARE(market->price.value(), std::int64_t(0));
    auto gtd
        = buildOrder(argumentsFrom("203.0.113.0/24", {"mbps=1", "price=1", "expire=+1d"}), kNow, 7);
    QVERIFY(gtd.hasValue());
    QCOMPARE(int(gtd->timeInForce), int(TimeInForce::GoodTillDate));
    QCOMPARE(gtd->expireAt, kNow + seconds(86400));
}

void TestBwxctlArguments::orderFields_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<qint64>("capacityKbps");
    QTest::addColumn<qint64>("minBlockKbps");
    QTest::addColumn<qint64>("priceMicro");
    QTest::addColumn<QString>("canonicalDestination");
    QTest::newRow("capacity in G, block in M")
        << "203.0.0.0/16" << QStringList{"capacity=10G", "min-block=500M", "price=0.000001"}
        << qint64(10'000'000) << qint64(500'000) << qint64(1) << "203.0.0.0/16";
    QTest::newRow("fractional Mbps")
        << "2001:db8::/32" << QStringList{"mbps=2.5", "price=3"} << qint64(2'500) << qint64(2'500)
        << qint64(3'000'000) << "2001:db8::/32";
    QTest::newRow("origin AS") << "AS64500" << QStringList{"mbps=100", "price=7.25", "min-block=25"}
                               << qint64(100'000) << qint64(25'000) << qint64(7'250'000)
                               << "AS64500";
    QTest::newRow("route class v6")
        << "customer/v6" << QStringList{"capacity=512k", "price=99"} << qint64(512) << qint64(512)
        << qint64(99'000'000) << "customer/v6";
}

void TestBwxctlArguments::orderFields()
{
    QFETCH(QString, destination);
    QFETCH(QStringList, options);
    QFETCH(qint64, capacityKbps);
    QFETCH(qint64, minBlockKbps);
    QFETCH(qint64, priceMicro);
    QFETCH(QString, canonicalDestination);
    auto order = buildOrder(argumentsFrom(destination, options), kNow, 1);
    QVERIFY2(order.hasValue(), order.hasValue() ? "" : order.error().c_str());
    QCOMPARE(order->capacity.value(), capacityKbps);
    QCOMPARE(order->minBlock.value(), minBlockKbps);
    QCOMPARE(order->price.value(), priceMicro);
    QCOMPARE(QString::fromStdString(toString(order->destination)), canonicalDestination);
}

void TestBwxctlArguments::clientOrderIds()
{
    const auto a = generateClientOrderId(kNow, 0);
    const auto b = generateClientOrderId(kNow, 0xABCDE);
    const auto later = generateClientOrderId(kNow + milliseconds(1), 0);
    QVERIFY(a.value() != 0);
    QVERIFY(a != b);
    QVERIFY(later > b); // time dominates the random bits
    QCOMPARE(a.value() >> 20, std::uint64_t(kNow.value() / 1'000'000));
}

void TestBwxctlArguments::connectionSettings()
{
    QTemporaryDir tmp;
    const std::filesystem::path root(tmp.path().toStdString());
    std::filesystem::create_directories(root / "profile");
    std::filesystem::create_directories(root / "adminprofile");
    for (const char *f : {"profile/member.crt", "profile/member.key", "profile/ca.crt",
                          "adminprofile/admin.crt", "adminprofile/admin.key", "adminprofile/ca.crt",
                          "env.crt", "env.key", "env-ca.crt", "flag.crt", "flag.key"})
        std::ofstream(root / f) << "x";
    std::map<std::string, std::string> envVars{{"BWX_SERVER", "env.example:1"},
                                               {"BWX_CERT", (root / "env.crt").string()},
                                               {"BWX_KEY", (root / "env.key").string()},
                                               {"BWX_CA", (root / "env-ca.crt").string()}};
    const EnvLookup env = [&](const char *name) -> std::optional<std::string> {
        auto it = envVars.find(name);
        return it == envVars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };

    // Environment alone.
    ConnectionFlags flags;
    auto fromEnv = resolveConnection(flags, env);
    QVERIFY2(fromEnv.hasValue(), fromEnv.hasValue() ? "" : fromEnv.error().c_str());
    QCOMPARE(fromEnv->host, std::string("env.example"));
    QCOMPARE(fromEnv->certFile, (root / "env.crt").string());
    QCOMPARE(fromEnv->keyFile, (root / "env.key").string());

    // A profile beats the environment, a flag beats the profile.
    flags.profile = (root / "profile").string();
    auto fromProfile = resolveConnection(flags, env);
    QVERIFY(fromProfile.hasValue());
    QCOMPARE(fromProfile->certFile, (root / "profile/member.crt").string());
    QCOMPARE(fromProfile->keyFile, (root / "profile/member.key").string());
    QCOMPARE(fromProfile->caFile, (root / "profile/ca.crt").string());
    flags.cert = (root / "flag.crt").string();
    flags.key = (root / "flag.key").string();
    flags.server = "[::1]:7400";
    auto fromFlags = resolveConnection(flags, env);
    QVERIFY(fromFlags.hasValue());
    QCOMPARE(fromFlags->certFile, (root / "flag.crt").string());
    QCOMPARE(fromFlags->keyFile, (root / "flag.key").string());
    QCOMPARE(fromFlags->caFile, (root / "profile/ca.crt").string());
    QCOMPARE(fromFlags->host, std::string("::1"));

    // An admin profile.
    ConnectionFlags admin;
    admin.profile = (root / "adminprofile").string();
    auto fromAdmin = resolveConnection(admin, env);
    QVERIFY(fromAdmin.hasValue());
    QCOMPARE(fromAdmin->certFile, (root / "adminprofile/admin.crt").string());

    // Errors.
    ConnectionFlags bad;
    bad.profile = (root / "missing").string();
    QVERIFY(!resolveConnection(bad, env).hasValue());
    bad = {};
    bad.cert = (root / "flag.crt").string();
    auto noKey = resolveConnection(bad, env);
    QVERIFY(!noKey.hasValue());
    QVERIFY2(noKey.error().find("given without its key") != std::string::npos,
             noKey.error().c_str());
    bad.key = (root / "nope.key").string();
    auto missingKey = resolveConnection(bad, env);
    QVERIFY(!missingKey.hasValue());
    QVERIFY2(missingKey.error().find("key file '") != std::string::npos
                 && missingKey.error().find("does not exist") != std::string::npos,
             missingKey.error().c_str());
    envVars.erase("BWX_CA");
    auto noCa = resolveConnection(ConnectionFlags{}, env);
    QVERIFY(!noCa.hasValue());
    QVERIFY2(noCa.error().find("no CA certificate") != std::string::npos, noCa.error().c_str());
    envVars.erase("BWX_SERVER");
    auto noServer = resolveConnection(ConnectionFlags{}, env);
    QVERIFY(!noServer.hasValue());
    QVERIFY2(noServer.error().find("no server given") != std::string::npos,
             noServer.error().c_str());
}

void TestBwxctlArguments::qualityLimits_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<quint32>("latencyUs");
    QTest::addColumn<quint32>("lossPpm");
    QTest::addColumn<int>("distance");
    QTest::addColumn<int>("ranking");
    QTest::addColumn<QString>("weights");
    const int price = int(RankingMode::BestPrice);
    QTest::newRow("none") << QStringList{} << 0u << 0u << 0 << price << "0,0,0,0";
    QTest::newRow("latency in whole ms") << QStringList{"max-latency-ms=25"} << 25'000u << 0u << 0
                                         << price << "0,0,0,0";
    QTest::newRow("latency in fractional ms")
        << QStringList{"max-latency-ms=12.345"} << 12'345u << 0u << 0 << price << "0,0,0,0";
    QTest::newRow("latency in us") << QStringList{"max-latency-us=800"} << 800u << 0u << 0 << price
                                   << "0,0,0,0";
    QTest::newRow("loss in percent") << QStringList{"max-loss-pct=0.5"} << 0u << 5'000u << 0
                                     << price << "0,0,0,0";
    QTest::newRow("loss of 100 %") << QStringList{"max-loss-pct=100"} << 0u << 1'000'000u << 0
                                   << price << "0,0,0,0";
    QTest::newRow("smallest loss step") << QStringList{"max-loss-pct=0.0001"} << 0u << 1u << 0
                                        << price << "0,0,0,0";
    QTest::newRow("loss in ppm") << QStringList{"max-loss-ppm=250"} << 0u << 250u << 0 << price
                                 << "0,0,0,0";
    QTest::newRow("distance") << QStringList{"max-distance=3"} << 0u << 0u << 3 << price
                              << "0,0,0,0";
    QTest::newRow("performance ranking")
        << QStringList{"ranking=performance"} << 0u << 0u << 0 << int(RankingMode::BestPerformance)
        << "0,0,0,0";
    QTest::newRow("weighted with weights")
        << QStringList{"ranking=weighted", "weights=50,30,20,0", "max-latency-ms=40"} << 40'000u
        << 0u << 0 << int(RankingMode::Weighted) << "50,30,20,0";
}

void TestBwxctlArguments::qualityLimits()
{
    QFETCH(QStringList, options);
    QFETCH(quint32, latencyUs);
    QFETCH(quint32, lossPpm);
    QFETCH(int, distance);
    QFETCH(int, ranking);
    QFETCH(QString, weights);
    options << "mbps=100"
            << "price=1";
    auto order = buildOrder(argumentsFrom("203.0.113.0/24", options), kNow, 1);
    QVERIFY2(order.hasValue(), order.hasValue() ? "" : order.error().c_str());
    QCOMPARE(order->limits.maxLatencyUs, latencyUs);
    QCOMPARE(order->limits.maxLossPpm, lossPpm);
    QCOMPARE(int(order->limits.maxDistance), distance);
    QCOMPARE(int(order->ranking), ranking);
    const auto &w = order->weights;
    QCOMPARE(QString("%1,%2,%3,%4").arg(w.price).arg(w.latency).arg(w.loss).arg(w.distance),
             weights);
}

void TestBwxctlArguments::qualityTexts()
{
    QCOMPARE(latencyMsText(12'500), std::string("12.5 ms"));
    QCOMPARE(latencyMsText(25'000), std::string("25 ms"));
    QCOMPARE(latencyMsText(7), std::string("0.007 ms"));
    QCOMPARE(lossPercentText(5'000), std::string("0.5 %"));
    QCOMPARE(lossPercentText(1), std::string("0.0001 %"));
    QCOMPARE(lossPercentText(0), std::string("0 %"));
    // What is printed parses back to the same value.
    for (std::uint32_t us : {1u, 999u, 1000u, 12'345u, 4'000'000u}) {
        std::string text = latencyMsText(us);
        text.resize(text.size() - 3);
        QCOMPARE(*parseLatencyMs(text), us);
    }
}

void TestBwxctlArguments::messageRates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint32>("rate");
    QTest::addColumn<QString>("error");
    QTest::newRow("200") << "200" << 200u << "";
    QTest::newRow("one") << "1" << 1u << "";
    QTest::newRow("zero") << "0" << 0u << "at least 1 message per second";
    QTest::newRow("fraction") << "2.5" << 0u << "more than 0 decimal places";
    QTest::newRow("too many") << "200000000" << 0u << "too large";
    QTest::newRow("word") << "lots" << 0u << "expected a number";
}

void TestBwxctlArguments::messageRates()
{
    QFETCH(QString, text);
    QFETCH(quint32, rate);
    QFETCH(QString, error);
    const auto parsed = parseMessageRate(text.toStdString());
    if (error.isEmpty()) {
        QVERIFY2(parsed.hasValue(), parsed.hasValue() ? "" : parsed.error().c_str());
        QCOMPARE(*parsed, rate);
    } else {
        QVERIFY(!parsed.hasValue());
        QVERIFY2(QString::fromStdString(parsed.error()).contains(error), parsed.error().c_str());
    }
}

void TestBwxctlArguments::routeQueries_data()
{
    QTest::addColumn<QString>("within");
    QTest::addColumn<bool>("rejected");
    QTest::addColumn<quint32>("limit");
    QTest::addColumn<QString>("expectedWithin"); // canonical prefix, or "" for every route
    QTest::addColumn<QString>("error");
    QTest::newRow("every route") << "" << false << 1000u << "" << "";
    QTest::newRow("rejected only") << "" << true << 1000u << "" << "";
    QTest::newRow("within IPv4") << "203.0.0.0/16" << false << 50u << "203.0.0.0/16" << "";
    QTest::newRow("within IPv6") << "2001:DB8::/32" << false << 50u << "2001:db8::/32" << "";
    QTest::newRow("a /0") << "::/0" << false << 1u << "::/0" << "";
    QTest::newRow("largest limit") << "" << false << 2000u << "" << "";
    QTest::newRow("host bits")
        << "203.0.113.1/24" << false << 1000u << ""
        << "invalid --within: host bits set in 203.0.113.1/24 (did you mean 203.0.113.0/24?)";
    QTest::newRow("not a prefix") << "alice" << false << 1000u << "" << "invalid --within: ";
    QTest::newRow("limit zero")
        << "" << false << 0u << "" << "--limit must be between 1 and 2000, got 0";
    QTest::newRow("limit above the exchange's")
        << "" << false << 2001u << "" << "--limit must be between 1 and 2000, got 2001";
}

void TestBwxctlArguments::routeQueries()
{
    QFETCH(QString, within);
    QFETCH(bool, rejected);
    QFETCH(quint32, limit);
    QFETCH(QString, expectedWithin);
    QFETCH(QString, error);
    const auto query = routesQuery({within.toStdString(), rejected, limit});
    if (!error.isEmpty()) {
        QVERIFY(!query.hasValue());
        QVERIFY2(QString::fromStdString(query.error()).startsWith(error), query.error().c_str());
        return;
    }
    QVERIFY2(query.hasValue(), query.hasValue() ? "" : query.error().c_str());
    QCOMPARE(query->member, MemberId{});
    QCOMPARE(query->rejectedOnly, std::uint8_t(rejected ? 1 : 0));
    QCOMPARE(query->limit, limit);
    if (expectedWithin.isEmpty())
        QCOMPARE(query->within.length(), 0); // the exchange reads any /0 as both families
    else
        QCOMPARE(QString::fromStdString(query->within.toString()), expectedWithin);
}

QTEST_APPLESS_MAIN(TestBwxctlArguments)
#include "tst_bwxctl_arguments.moc"
