// The route analyzer inside a real bwxd, end to end. The three impaired sellers of
// ExchangeTopology (s1: +20 ms delay, s2: 20 % random loss, s3: a 1 Mbit/s token bucket kept full)
// are members of the exchange with static routes toward the destination and resting sell orders;
// bwxd's quality thread probes them from the probe host's namespace ([quality] netns). Through
// the protocol the test checks that
// - the figures rank the sellers as the impairments do, agree with them within the tolerances of
//   the library test (fixtures/impairment_checks.h) and with irtt run over the same paths;
// - they reach the market as sequenced events: a buy whose latency limit lies between s2's and
//   s1's figures sees s1 and s3 refused with LatencyAboveLimit and trades with s2 alone, although
//   s2 asks the highest price;
// - a seller's session starting again runs a full analysis of that seller (and only of it);
// - so does its router's BGP session coming back: s1's router is a BIRD 2 whose session with
//   bwxd's route server goes down and up, and End-of-RIB after it starts a full analysis;
// - a destination that never answers is unreachable, not 0 ms; a path that stops answering
//   becomes unreachable at the next round, and the market refuses it;
// - a figure nobody refreshes turns stale after own_stale_after_s, and the market treats it as
//   unmeasured.
// Root only (network namespaces); BIRD 2 for the BGP check; about 50 s.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/irtt_import.h"
#include "bwxd_fixture.h"
#include "interop_support.h"
#include "fixtures/exchange_topology.h"
#include "fixtures/impairment_checks.h"
#include "test_support.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <thread>
// clang-format on

using namespace bwx;
using namespace bwx::test;
using bwx::quality::test::ExchangeTopology;
using bwx::quality::test::PathFigures;
using bwx::quality::test::SellerFigures;
using bwx::quality::test::TopologyOptions;

namespace {

constexpr std::uint16_t kReflectorPort = 7;
constexpr std::uint16_t kIrttPort = 2112;
// As the library test: 400 probes 5 ms apart, so s2's loss has a binomial spread of 2 points.
constexpr int kProbes = 400;
constexpr int kIntervalMs = 5;
// Long enough for the figure, market and reconnect checks to run on fresh figures on a loaded
// machine; short enough that the stale check does not wait long.
constexpr int kOwnStaleAfterS = 40;
constexpr std::uint32_t kExchangeAs = 64511;
// Generous: guards against a hang, not a timing assertion.
constexpr auto kDeadline = std::chrono::seconds(90);

// s1's BGP session. bwxd runs in the host's namespace and only its quality thread enters the
// lab, so the session runs over loopback addresses of this test's own (the control plane), while
// probes still take s1's router on the lab's LAN (the data plane). The route's next hop is the
// router's session address, so that loopback /24 is one of the exchange's LAN prefixes here.
const QString kBgpLan = QStringLiteral("127.0.77.0/24");
const QString kRouteServer = QStringLiteral("127.0.77.254");
const QString kS1Router = QStringLiteral("127.0.77.1");
const QString kBirdProtocol = QStringLiteral("bwx_rs");

constexpr std::int64_t kSellerPrice[] = {0, 10, 12, 11}; // s2 asks the most
constexpr std::int64_t kSellCapacity[] = {0, 100, 200, 100};

QString seller(int n)
{
    return "s" + QString::number(n);
}

QString quoted(const QString &text)
{
    return "\"" + text + "\"";
}

net::Prefix destination()
{
    return prefix(ExchangeTopology::kDestination);
}

net::Prefix silentDestination()
{
    return prefix(ExchangeTopology::kSilentDestination);
}

// Polls `ready` every 200 ms until it holds; false when the deadline passed first.
bool waitUntil(const std::function<bool()> &ready, std::chrono::seconds deadline = kDeadline)
{
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!ready()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return true;
}

// The log lines that mention `text`.
QString linesWith(const QString &log, const QString &text)
{
    QStringList lines = log.split('\n');
    lines = lines.filter(text);
    return lines.join('\n');
}

QString cellText(const proto::QualityCell &c)
{
    return QString("seller %1 %2: state %3, latency %4 us, loss %5 ppm, jitter %6 us")
        .arg(c.seller.value())
        .arg(QString::fromStdString(c.destination.toString()))
        .arg(int(c.state))
        .arg(c.latencyUs)
        .arg(c.lossPpm)
        .arg(c.jitterUs);
}

} // namespace

class TestQualityBwxd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void figuresRankTheSellers();
    void silentDestinationIsUnreachable();
    void figuresReachTheMarket();
    void reconnectRunsFullAnalysis();
    void bgpSessionBackRunsFullAnalysis();
    void blockedPathBecomesUnreachable();
    void unrefreshedFigureGrowsStale();

private:
    void configure();
    void placeSells();
    std::optional<proto::QualityCell> cell(int n, const net::Prefix &prefix);
    std::size_t samples(int n, const net::Prefix &prefix);
    std::vector<proto::Candidate> candidates(std::uint32_t maxLatencyUs, const net::Prefix &prefix);
    const proto::Candidate *candidateOf(const std::vector<proto::Candidate> &list, int n) const;
    int fullAnalyses(int n) const;
    int bgpFullAnalyses(int n) const;
    bool bgpRouteValid(int n, const QString &router);
    QString birdConfig() const;
    QString bgpDiagnostics() const;

    TopologyOptions m_options;
    std::unique_ptr<ExchangeTopology> m_topo;
    std::uint16_t m_bgpPort = 0;
    QTemporaryDir m_birdDir;
    std::unique_ptr<interop::Bird> m_bird;
    std::unique_ptr<BwxdFixture> m_fx;
    std::unique_ptr<client::Connection> m_admin;
    std::map<int, MemberId> m_ids;
    std::map<int, std::future<QString>> m_irtt;
    Timestamp m_started{};
    std::uint64_t m_clientOrderId = 0;
};

void TestQualityBwxd::initTestCase()
{
    QString why;
    if (!quality::test::canBuildNamespaces(&why))
        QSKIP(qPrintable(why));
    m_started = Timestamp::fromSeconds(QDateTime::currentSecsSinceEpoch() - 1);
    guarded([&] {
        m_topo = std::make_unique<ExchangeTopology>(m_options);
        m_topo->startReflector(kReflectorPort);
        m_topo->startIrttServer(kIrttPort);
        // 2 Mbit/s of 1000-byte datagrams into s3's 1 Mbit/s bucket: its queue stays full.
        m_topo->startLoad(3, 2 * std::uint32_t(m_options.tbfRateKbit), 1000);

        m_fx = std::make_unique<BwxdFixture>();
        configure();
        m_fx->start();
        m_admin = std::make_unique<client::Connection>(m_fx->session(m_fx->admin()));
        for (int n = 1; n <= 3; ++n)
            m_ids[n] = m_fx->addMember(seller(n), 64495 + std::uint32_t(n));
        m_fx->addMember("buyer", 64499);
        placeSells();
    });
    if (QTest::currentTestFailed())
        return;
    // irtt over the same three paths while bwxd's first analysis probes them.
    for (int n = 1; n <= 3; ++n)
        m_irtt[n] = std::async(std::launch::async, [this, n] {
            return m_topo->runIrtt(n, kIrttPort, kProbes * kIntervalMs, kIntervalMs);
        });
}

void TestQualityBwxd::cleanupTestCase()
{
    for (auto &[n, run] : m_irtt)
        if (run.valid())
            run.wait();
    if (m_bird)
        m_bird->stop();
    m_bird.reset();
    m_admin.reset();
    if (m_fx && m_fx->running())
        m_fx->stop();
    m_fx.reset();
    m_topo.reset();
}

// The configuration docs/quality.md ("Running the analyzer") walks through, with the test's
// short intervals.
void TestQualityBwxd::configure()
{
    BwxdFixture &fx = *m_fx;
    fx.setOption("registry", "exchange_asn", QString::number(kExchangeAs));
    fx.setOption("registry", "lan_prefixes", "[\"10.77.0.0/24\", " + quoted(kBgpLan) + "]");
    // The lab's ASNs and prefixes are the documentation ones (RFC 5398, RFC 5737).
    fx.setOption("registry", "allow_documentation_asns", "true");
    fx.setOption("registry", "allow_documentation_prefixes", "true");
    fx.setOption("routing", "startup_hold_s", "0");
    fx.setOption("routing", "flush_interval_ms", "50");
    QStringList statics;
    for (int n = 1; n <= 3; ++n)
        statics << QString("{ member = \"%1\", prefix = \"%2\", next_hop = \"%3\" }")
                       .arg(seller(n), ExchangeTopology::kDestination, ExchangeTopology::router(n));
    statics << QString("{ member = \"s2\", prefix = \"%1\", next_hop = \"%2\" }")
                   .arg(ExchangeTopology::kSilentDestination, ExchangeTopology::router(2));
    fx.setOption("routing", "static", "[" + statics.join(", ") + "]");

    m_bgpPort = interop::freePort(kRouteServer);
    fx.setOption("bgp", "local_as", QString::number(kExchangeAs));
    fx.setOption("bgp", "router_id", quoted(kRouteServer));
    fx.setOption("bgp", "listen",
                 "[" + quoted(kRouteServer + ":" + QString::number(m_bgpPort)) + "]");
    fx.setOption(
        "bgp", "peer",
        QString("[{ member = \"%1\", name = \"s1-bird\", address = \"%2\", passive = true, "
                "hold_time = 9, ipv6_unicast = false }]")
            .arg(seller(1), kS1Router));

    fx.setOption("quality", "netns", quoted(QString::fromStdString(m_topo->probeNamespace())));
    fx.setOption("quality", "protocols", "[\"icmp\", \"udp\"]");
    fx.setOption("quality", "udp_port", QString::number(kReflectorPort));
    fx.setOption("quality", "probes_per_train", QString::number(kProbes));
    fx.setOption("quality", "probe_interval_ms", QString::number(kIntervalMs));
    fx.setOption("quality", "probe_timeout_ms", "1000");
    // irtt's packets carry 60 bytes: probes of the same size find the same room in s3's full
    // token bucket, so the two agree on what its queue costs.
    fx.setOption("quality", "payload_bytes", "60");
    fx.setOption("quality", "rate_pps", "2000");
    fx.setOption("quality", "burst", "2400");
    fx.setOption("quality", "seller_rate_pps", "400");
    fx.setOption("quality", "seller_burst", "800");
    // No periodic round during the test: every round it sees is one it caused (a new path, a
    // session start), and a figure nobody refreshes grows stale.
    fx.setOption("quality", "revalidation_s", "3600");
    fx.setOption("quality", "own_stale_after_s", QString::number(kOwnStaleAfterS));
    fx.setOption("quality", "tick_interval_ms", "250");
    fx.setOption("quality", "batch_interval_ms", "100");
    fx.setOption("quality", "derive_interval_s", "1");
    fx.setOption("quality", "full_analysis_min_interval_s", "0");
    QStringList sellers;
    for (int n = 1; n <= 3; ++n)
        sellers << QString("{ member = \"%1\", router_v4 = \"%2\", source_v4 = \"%3\" }")
                       .arg(seller(n), ExchangeTopology::router(n), ExchangeTopology::source(n));
    fx.setOption("quality", "seller", "[" + sellers.join(", ") + "]");
}

void TestQualityBwxd::placeSells()
{
    const auto sell = [&](int n, const char *where, std::int64_t capacity) {
        auto session = m_fx->session(m_fx->member(seller(n)));
        // The static routes reach the market a flush interval after the member exists.
        client::Incoming reply;
        const bool placed = waitUntil([&] {
            reply = session.request(
                limitOrder(Side::Sell, where, kSellerPrice[n], capacity, ++m_clientOrderId));
            const auto *refused = as<proto::Result>(reply);
            return !(refused && refused->code == proto::ResultCode::DestinationNotDeliverable);
        });
        const auto *update = as<proto::OrderUpdate>(reply);
        if (!placed || !update)
            throw std::runtime_error(
                ("sell of " + seller(n) + ": " + describe(reply)).toStdString());
        session.close();
    };
    for (int n = 1; n <= 3; ++n)
        sell(n, ExchangeTopology::kDestination, kSellCapacity[n]);
    sell(2, ExchangeTopology::kSilentDestination, 100);
}

std::optional<proto::QualityCell> TestQualityBwxd::cell(int n, const net::Prefix &prefix)
{
    proto::QueryQualityMatrix query;
    query.destinations = {prefix};
    const client::Incoming reply = m_admin->request(query);
    const auto *matrix = as<proto::QualityMatrix>(reply);
    if (!matrix)
        throw std::runtime_error(("QueryQualityMatrix: " + describe(reply)).toStdString());
    for (const proto::QualityCell &c : matrix->cells)
        if (c.seller == m_ids.at(n) && c.destination == prefix)
            return c;
    return std::nullopt;
}

// The seller's own probe samples toward the prefix since the test started (QueryQuality, raw).
std::size_t TestQualityBwxd::samples(int n, const net::Prefix &prefix)
{
    proto::QueryQuality query;
    query.seller = m_ids.at(n);
    query.destination = prefix;
    query.from = m_started;
    query.granularity = proto::QualityGranularity::Raw;
    const client::Incoming reply = m_admin->request(query);
    const auto *series = as<proto::QualitySeries>(reply);
    if (!series)
        throw std::runtime_error(("QueryQuality: " + describe(reply)).toStdString());
    return std::size_t(std::count_if(
        series->points.begin(), series->points.end(), [&](const proto::QualityPoint &p) {
            return p.seller == m_ids.at(n) && p.source == proto::QualitySource::Probe;
        }));
}

std::vector<proto::Candidate> TestQualityBwxd::candidates(std::uint32_t maxLatencyUs,
                                                          const net::Prefix &prefix)
{
    auto buyer = m_fx->session(m_fx->member("buyer"));
    proto::QueryCandidates query;
    query.params
        = limitOrder(Side::Buy, prefix.toString().c_str(), 20, 150, ++m_clientOrderId).params;
    query.params.limits.maxLatencyUs = maxLatencyUs;
    const client::Incoming reply = buyer.request(query);
    const auto *list = as<proto::CandidateList>(reply);
    if (!list)
        throw std::runtime_error(("QueryCandidates: " + describe(reply)).toStdString());
    buyer.close();
    return list->candidates;
}

const proto::Candidate *TestQualityBwxd::candidateOf(const std::vector<proto::Candidate> &list,
                                                     int n) const
{
    // A book entry names its order, not its member: every seller asks its own price.
    const Price price(kSellerPrice[n] * units::kMicro);
    for (const proto::Candidate &c : list)
        if (c.entry.side == Side::Sell && c.entry.price == price)
            return &c;
    return nullptr;
}

int TestQualityBwxd::fullAnalyses(int n) const
{
    return int(m_fx->log().count("quality: full analysis of seller '" + seller(n) + "'"));
}

int TestQualityBwxd::bgpFullAnalyses(int n) const
{
    return int(m_fx->log().count("quality: full analysis of seller '" + seller(n)
                                 + "' (BGP session established)"));
}

// The registry holds the route `router` announced for the destination, and it is valid.
bool TestQualityBwxd::bgpRouteValid(int n, const QString &router)
{
    proto::QueryRoutes query;
    query.member = m_ids.at(n);
    query.within = destination();
    const client::Incoming reply = m_admin->request(query);
    const auto *list = as<proto::RouteList>(reply);
    if (!list)
        throw std::runtime_error(("QueryRoutes: " + describe(reply)).toStdString());
    return std::any_of(list->routes.begin(), list->routes.end(), [&](const proto::RouteView &r) {
        return r.peerAddress == router.toStdString() && r.prefix == destination() && r.valid != 0;
    });
}

// s1's router: announces the destination as a customer route (class EXCHANGE_ASN:1:1).
QString TestQualityBwxd::birdConfig() const
{
    QString c;
    c += QString("router id %1;\n").arg(kS1Router);
    c += "protocol device { }\n";
    // Both ends are loopback addresses: a multihop session whose next hops resolve through lo.
    c += "protocol direct { ipv4; interface \"lo\"; }\n";
    c += QString("protocol static customers { ipv4; route %1 blackhole; }\n")
             .arg(ExchangeTopology::kDestination);
    c += QString("protocol bgp %1 {\n").arg(kBirdProtocol);
    c += QString("  local %1 as %2;\n").arg(kS1Router).arg(64495 + 1);
    c += QString("  neighbor %1 port %2 as %3;\n")
             .arg(kRouteServer)
             .arg(m_bgpPort)
             .arg(kExchangeAs);
    c += "  multihop 2;\n";
    c += "  connect delay time 1; connect retry time 1; error wait time 1, 2; hold time 9;\n";
    // A transparent route server: the first AS of a route is the announcing member's.
    c += "  enforce first as off;\n";
    c += QString("  ipv4 { import all; export filter { if source = RTS_STATIC then { "
                 "bgp_large_community.add((%1,1,1)); accept; } reject; }; };\n")
             .arg(kExchangeAs);
    c += "}\n";
    return c;
}

QString TestQualityBwxd::bgpDiagnostics() const
{
    // bwxd's side first: QTest cuts long messages.
    return "bwxd: " + linesWith(m_fx->log(), "BGP").right(600) + "\n"
           + linesWith(m_fx->log(), "full analysis").right(300)
           + "\nbird: " + m_bird->birdc("show protocols " + kBirdProtocol).right(200) + "\n"
           + m_bird->log().right(300);
}

void TestQualityBwxd::figuresRankTheSellers()
{
    guarded([&] {
        // Both protocols' first rounds stored for every seller.
        const bool measured = waitUntil([&] {
            for (int n = 1; n <= 3; ++n) {
                const auto c = cell(n, destination());
                if (!c || c->state != proto::QualityState::Fresh || samples(n, destination()) < 2)
                    return false;
            }
            return true;
        });
        QVERIFY2(measured, qPrintable("no fresh figures:\n" + m_fx->log().right(3000)));

        SellerFigures figures;
        qInfo("seller  latency_ms  loss_%%  jitter_ms");
        for (int n = 1; n <= 3; ++n) {
            const proto::QualityCell c = *cell(n, destination());
            QCOMPARE(c.source, proto::QualitySource::Probe);
            figures[n] = PathFigures{c.latencyUs, c.lossPpm, c.jitterUs};
            qInfo("s%d      %9.3f  %6.2f  %9.3f", n, c.latencyUs / 1000.0, c.lossPpm / 1e4,
                  c.jitterUs / 1000.0);
        }
        using namespace bwx::quality::test;
        const auto misranked = rankingViolations(figures);
        QVERIFY2(misranked.empty(), joined(misranked).c_str());
        const auto wrong = impairmentViolations(m_options, figures);
        QVERIFY2(wrong.empty(), joined(wrong).c_str());

        for (int n = 1; n <= 3; ++n) {
            const QString output = m_irtt[n].get();
            const quality::ImportResult imported = quality::importIrtt(
                output.toStdString(), quality::singlePath({m_ids[n], destination()}));
            QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
            const PathFigures irtt = figuresOf(imported.batch().measurements.at(0));
            qInfo("s%d irtt %9.3f  %6.2f  %9.3f", n, irtt.latencyUs.value_or(0) / 1000.0,
                  irtt.lossPpm / 1e4, irtt.jitterUs.value_or(0) / 1000.0);
            const auto apart = irttDisagreements(n, "bwxd figure", figures[n], irtt);
            QVERIFY2(apart.empty(), joined(apart).c_str());
        }
        // bwxd's probes left through their own seller's router only (irtt's, from the same
        // sources, count as well).
        const auto stray = steeringViolations(*m_topo, 2 * kProbes);
        QVERIFY2(stray.empty(), joined(stray).c_str());
    });
}

void TestQualityBwxd::silentDestinationIsUnreachable()
{
    guarded([&] {
        std::optional<proto::QualityCell> c;
        QVERIFY(waitUntil([&] {
            c = cell(2, silentDestination());
            return c && c->state != proto::QualityState::Unknown;
        }));
        QVERIFY2(c->state == proto::QualityState::Unreachable, qPrintable(cellText(*c)));
        QCOMPARE(c->lossPpm, 1'000'000u);
        QCOMPARE(c->latencyUs, 0u);

        // The market refuses it for a buyer with a latency limit, as unreachable, not as 0 ms.
        std::vector<proto::Candidate> list;
        QVERIFY(waitUntil([&] {
            list = candidates(100'000, silentDestination());
            return list.size() == 1 && list.front().entry.qualityKnown != 0;
        }));
        QCOMPARE(list.front().reason, proto::ResultCode::LatencyAboveLimit);
    });
}

void TestQualityBwxd::figuresReachTheMarket()
{
    guarded([&] {
        const std::uint32_t s1 = cell(1, destination())->latencyUs;
        const std::uint32_t s2 = cell(2, destination())->latencyUs;
        const std::uint32_t limit = (s1 + s2) / 2;
        // The figures arrive as QualityBatch commands: wait until the book entries carry them.
        std::vector<proto::Candidate> list;
        QVERIFY(waitUntil([&] {
            list = candidates(limit, destination());
            for (int n = 1; n <= 3; ++n)
                if (!candidateOf(list, n) || candidateOf(list, n)->entry.qualityKnown == 0)
                    return false;
            return true;
        }));
        for (int n = 1; n <= 3; ++n) {
            const proto::Candidate &c = *candidateOf(list, n);
            const proto::QualityCell figure = *cell(n, destination());
            // The market holds the last published figure: within the publish thresholds of the
            // current one (max(1 ms, 10 %)).
            const double apart = std::abs(double(c.entry.latencyUs) - double(figure.latencyUs));
            QVERIFY2(apart <= std::max(1000.0, 0.1 * figure.latencyUs),
                     qPrintable(QString("s%1: market %2 us, figure %3 us")
                                    .arg(n)
                                    .arg(c.entry.latencyUs)
                                    .arg(figure.latencyUs)));
        }
        QCOMPARE(candidateOf(list, 2)->reason, proto::ResultCode::Ok);
        QCOMPARE(candidateOf(list, 2)->rank, 1u);
        QCOMPARE(candidateOf(list, 1)->reason, proto::ResultCode::LatencyAboveLimit);
        QCOMPARE(candidateOf(list, 3)->reason, proto::ResultCode::LatencyAboveLimit);

        // An immediate buy with that limit trades with s2 only, though s1 and s3 are cheaper.
        auto buyer = m_fx->session(m_fx->member("buyer"));
        proto::NewOrder buy
            = limitOrder(Side::Buy, ExchangeTopology::kDestination, 20, 150, ++m_clientOrderId);
        buy.params.timeInForce = TimeInForce::ImmediateOrCancel;
        buy.params.limits.maxLatencyUs = limit;
        const client::Incoming reply = buyer.request(buy);
        QVERIFY2(as<proto::OrderUpdate>(reply), qPrintable(describe(reply)));
        const client::Incoming traded = buyer.request(proto::QueryTrades{});
        const auto *trades = as<proto::TradeList>(traded);
        QVERIFY2(trades, qPrintable(describe(traded)));
        QCOMPARE(trades->trades.size(), std::size_t(1));
        QCOMPARE(trades->trades.front().seller, m_ids[2]);
        QCOMPARE(trades->trades.front().capacity, mbps(150));
        buyer.close();
    });
}

void TestQualityBwxd::reconnectRunsFullAnalysis()
{
    guarded([&] {
        const std::size_t before1 = samples(1, destination());
        const std::size_t before3 = samples(3, destination());
        const int analyses = fullAnalyses(1);
        const Timestamp measured = cell(1, destination())->measuredAt;

        // s1's session starts again (what "reconnects" means without a BGP session).
        auto session = m_fx->session(m_fx->member(seller(1)));
        session.close();
        QVERIFY2(waitUntil([&] { return fullAnalyses(1) > analyses; }),
                 qPrintable(m_fx->log().right(3000)));
        QVERIFY(m_fx->log().contains("quality: full analysis of seller 's1' (session started)"));
        // Both protocols probed again, and the figure refreshed.
        QVERIFY(waitUntil([&] { return samples(1, destination()) >= before1 + 2; }));
        const proto::QualityCell after = *cell(1, destination());
        QVERIFY2(after.measuredAt > measured, qPrintable(cellText(after)));
        QCOMPARE(after.state, proto::QualityState::Fresh);
        // Nothing else was probed: s3 did not reconnect, and revalidation is an hour away.
        QCOMPARE(samples(3, destination()), before3);
    });
}

void TestQualityBwxd::bgpSessionBackRunsFullAnalysis()
{
    if (!interop::haveProgram("bird") || !interop::haveProgram("birdc"))
        QSKIP("bird and birdc are needed (Debian package bird2)");
    guarded([&] {
        QVERIFY(m_birdDir.isValid());
        m_bird = std::make_unique<interop::Bird>(m_birdDir.path());
        QVERIFY2(m_bird->start(birdConfig()), qPrintable(m_bird->log()));
        QVERIFY2(m_bird->waitEstablished(kBirdProtocol, kDeadline), qPrintable(bgpDiagnostics()));
        QVERIFY2(waitUntil([&] { return bgpRouteValid(1, kS1Router); }),
                 qPrintable(bgpDiagnostics()));
        // The first session's End-of-RIB already counts as the routes being known again; let
        // that analysis finish so the one after the restart is told apart by its samples.
        QVERIFY2(waitUntil([&] { return bgpFullAnalyses(1) >= 1; }), qPrintable(bgpDiagnostics()));
        const std::size_t first = samples(1, destination());
        QVERIFY(waitUntil([&] {
            return samples(1, destination()) >= first + 2
                   && cell(1, destination())->state == proto::QualityState::Fresh;
        }));

        // The session goes down (Cease, administrative shutdown) ...
        const QString down = "BGP " + kS1Router + " ('" + seller(1) + "'): Established -> ";
        const qsizetype downs = m_fx->log().count(down);
        QVERIFY2(m_bird->birdc("disable " + kBirdProtocol).contains("disabled"),
                 qPrintable(bgpDiagnostics()));
        QVERIFY2(waitUntil([&] {
                     return m_fx->log().count(down) > downs
                            && !m_bird->protocolEstablished(kBirdProtocol);
                 }),
                 qPrintable(bgpDiagnostics()));
        const std::size_t before1 = samples(1, destination());
        const std::size_t before3 = samples(3, destination());
        const int analyses = bgpFullAnalyses(1);
        const Timestamp measured = cell(1, destination())->measuredAt;
        QVERIFY(waitUntil([&] { return !bgpRouteValid(1, kS1Router); }));

        // ... and comes back: End-of-RIB after it starts a full analysis of s1.
        QVERIFY2(m_bird->birdc("enable " + kBirdProtocol).contains("enabled"),
                 qPrintable(bgpDiagnostics()));
        QVERIFY2(m_bird->waitEstablished(kBirdProtocol, kDeadline), qPrintable(bgpDiagnostics()));
        QVERIFY2(waitUntil([&] { return bgpFullAnalyses(1) > analyses; }),
                 qPrintable(bgpDiagnostics()));
        QVERIFY(bgpRouteValid(1, kS1Router));
        QVERIFY(waitUntil([&] { return samples(1, destination()) >= before1 + 2; }));
        const proto::QualityCell after = *cell(1, destination());
        QVERIFY2(after.measuredAt > measured, qPrintable(cellText(after)));
        QCOMPARE(after.state, proto::QualityState::Fresh);
        // Only s1's router came back.
        QCOMPARE(samples(3, destination()), before3);
        QCOMPARE(bgpFullAnalyses(3), 0);
        QCOMPARE(bgpFullAnalyses(2), 0);
    });
}

void TestQualityBwxd::blockedPathBecomesUnreachable()
{
    guarded([&] {
        // s2 stops forwarding anything toward the destination.
        m_topo->netns().exec("s2", {"nft", "insert rule inet bwxq impair iifname lan0 oifname "
                                           "dst0 drop"});
        const std::size_t before = samples(2, destination());
        auto session = m_fx->session(m_fx->member(seller(2)));
        session.close();
        std::optional<proto::QualityCell> c;
        QVERIFY2(waitUntil([&] {
                     c = cell(2, destination());
                     return samples(2, destination()) >= before + 2
                            && c->state == proto::QualityState::Unreachable;
                 }),
                 qPrintable(cellText(*c)));
        QCOMPARE(c->lossPpm, 1'000'000u);
        QCOMPARE(c->latencyUs, 0u);
        const QString path = "198.51.100.0/24 via member " + QString::number(m_ids[2].value());
        QVERIFY2(
            waitUntil([&] { return m_fx->log().contains(path + ": measured -> unreachable"); }),
            qPrintable(linesWith(m_fx->log(), path)));
        // The market has it: s2, eligible before, is now refused for the latency limit.
        QVERIFY(waitUntil([&] {
            const auto list = candidates(100'000, destination());
            const proto::Candidate *s2 = candidateOf(list, 2);
            return s2 && s2->reason == proto::ResultCode::LatencyAboveLimit;
        }));
    });
}

void TestQualityBwxd::unrefreshedFigureGrowsStale()
{
    guarded([&] {
        // Nothing probes s3 after its first round: its figure turns stale, keeping its values.
        const proto::QualityCell fresh = *cell(3, destination());
        std::optional<proto::QualityCell> c;
        QVERIFY(waitUntil(
            [&] {
                c = cell(3, destination());
                return c->state != proto::QualityState::Fresh;
            },
            kDeadline + std::chrono::seconds(kOwnStaleAfterS)));
        const Timestamp now = Timestamp::fromSeconds(QDateTime::currentSecsSinceEpoch() + 1);
        QVERIFY2(c->state == proto::QualityState::Stale, qPrintable(cellText(*c)));
        QCOMPARE(c->latencyUs, fresh.latencyUs);
        QCOMPARE(c->measuredAt, fresh.measuredAt);
        // Not before its time (a lower bound, so no timing assertion).
        QVERIFY(now - c->measuredAt >= seconds(kOwnStaleAfterS));
        const QString path = "198.51.100.0/24 via member " + QString::number(m_ids[3].value());
        // The matrix computes the figure when asked; the market hears of it at the next tick.
        QVERIFY2(waitUntil([&] { return m_fx->log().contains(path + ": stale"); }),
                 qPrintable(linesWith(m_fx->log(), path)));
        // The market treats a stale figure as unmeasured for a buyer with limits.
        QVERIFY(waitUntil([&] {
            const auto list = candidates(100'000, destination());
            const proto::Candidate *s3 = candidateOf(list, 3);
            return s3 && s3->reason == proto::ResultCode::QualityUnknown;
        }));
    });
}

QTEST_GUILESS_MAIN(TestQualityBwxd)
#include "tst_quality_bwxd.moc"
