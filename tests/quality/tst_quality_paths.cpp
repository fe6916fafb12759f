// The analyzer on real packets, one topology per test (see fixtures/exchange_topology.h): steering
// by firewall mark, a destination that does not answer (unreachable, never zero latency), moving
// on to a destination's next target, UDP answered by port unreachable, a seller whose policy
// routing is missing or wrong (refused, nothing sent), and a full analysis on reconnect. Root
// only; each test builds and removes its own namespaces.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/quality_db.h"
#include "fixtures/exchange_topology.h"
#include "fixtures/probe_host_analyzer.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;
using namespace bwx::quality::test;

namespace {

net::Address addr(const QString &text)
{
    return *net::Address::parse(text.toStdString());
}

net::Prefix pfx(const char *text)
{
    return *net::Prefix::parse(text);
}

AnalyzerConfig config(std::uint32_t probes,
                      int intervalMs,
                      std::vector<ProbeProtocol> protocols = {ProbeProtocol::Icmp})
{
    AnalyzerConfig c;
    c.protocols = std::move(protocols);
    c.probesPerTrain = probes;
    c.probeInterval = milliseconds(intervalMs);
    c.probeTimeout = milliseconds(500);
    c.schedule.globalRatePps = 5000;
    c.schedule.globalBurst = 5000;
    c.schedule.sellerRatePps = 2000;
    c.schedule.sellerBurst = 2000;
    c.schedule.revalidationPeriod = seconds(3600);
    c.schedule.errorRetry = seconds(3600);
    return c;
}

SellerProbeConfig bySource(int s)
{
    SellerProbeConfig seller;
    seller.seller = MemberId(std::uint32_t(s));
    seller.routerV4 = addr(ExchangeTopology::router(s));
    seller.sourceV4 = addr(ExchangeTopology::source(s));
    return seller;
}

SellerProbeConfig byMark(int s)
{
    SellerProbeConfig seller;
    seller.seller = MemberId(std::uint32_t(s));
    seller.routerV4 = addr(ExchangeTopology::router(s));
    seller.fwmark = ExchangeTopology::fwmark(s);
    return seller;
}

void setUp(ProbeHostAnalyzer &analyzer,
           const std::vector<SellerProbeConfig> &sellers,
           const std::vector<DestinationProbeConfig> &destinations)
{
    analyzer.call([&](RouteAnalyzer &a) {
        for (const SellerProbeConfig &s : sellers) {
            if (auto bad = a.setSeller(s))
                qFatal("%s", bad->c_str());
            if (auto bad = a.setDestinations(s.seller, destinations))
                qFatal("%s", bad->c_str());
        }
        a.start();
    });
}

const Measurement &only(const std::vector<Measurement> &ms, int seller)
{
    for (const Measurement &m : ms) {
        if (m.path.seller == MemberId(std::uint32_t(seller)))
            return m;
    }
    qFatal("no measurement for seller %d", seller);
}

} // namespace

class TestQualityPaths : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void steeringByFirewallMark();
    void silentDestinationIsUnreachable();
    void nextTargetWhenOneIsSilent();
    void udpAnsweredByPortUnreachable();
    void missingOrWrongPolicyRouting();
    void fullAnalysisOnReconnect();
    void ipv6ThroughSellers();
};

void TestQualityPaths::initTestCase()
{
    QString why;
    if (!canBuildNamespaces(&why))
        QSKIP(qPrintable(why));
}

void TestQualityPaths::steeringByFirewallMark()
{
    ExchangeTopology topo;
    ProbeHostAnalyzer analyzer(topo.probeNamespace(), config(200, 5));
    setUp(analyzer, {byMark(1), byMark(2)}, {{pfx(ExchangeTopology::kDestination), {}}});
    const auto ms = analyzer.waitFor(2, std::chrono::seconds(30));
    QVERIFY(analyzer.failures().empty());
    QCOMPARE(ms.size(), std::size_t(2));
    // Marked probes leave from the LAN address, and the destination answers them through s1
    // (unimpaired that way): s1's delay and s2's loss are on the forward path, so they show.
    const Measurement &s1 = only(ms, 1);
    const Measurement &s2 = only(ms, 2);
    QVERIFY2(*s1.latencyUs >= std::uint32_t(topo.options().delayMs) * 1000 - 500
                 && *s1.latencyUs <= std::uint32_t(topo.options().delayMs) * 1000 + 3000,
             qPrintable(QString::number(*s1.latencyUs)));
    QVERIFY(s1.lossPpm <= 10'000);
    QVERIFY2(s2.lossPpm >= 60'000 && s2.lossPpm <= 340'000,
             qPrintable(QString::number(s2.lossPpm)));
    QVERIFY(*s2.latencyUs < 2000);
    QVERIFY(topo.forwarded(1, ExchangeTopology::kProbeLan) >= 200);
    QVERIFY(topo.forwarded(2, ExchangeTopology::kProbeLan) >= 100);
    QCOMPARE(topo.forwarded(3, ExchangeTopology::kProbeLan), std::uint64_t(0));
    for (int s = 1; s <= 3; ++s)
        QCOMPARE(topo.forwarded(s, ExchangeTopology::source(s)), std::uint64_t(0));
}

void TestQualityPaths::silentDestinationIsUnreachable()
{
    ExchangeTopology topo;
    ProbeHostAnalyzer analyzer(topo.probeNamespace(),
                               config(20, 10, {ProbeProtocol::Icmp, ProbeProtocol::Udp}));
    const DestinationProbeConfig silent{pfx(ExchangeTopology::kSilentDestination),
                                        {addr("203.0.113.1"), addr("203.0.113.2")}};
    setUp(analyzer, {bySource(2)}, {silent});
    const auto ms = analyzer.waitFor(2, std::chrono::seconds(30));
    QVERIFY(analyzer.failures().empty());
    QCOMPARE(ms.size(), std::size_t(2)); // one per protocol, each after trying both targets
    for (const Measurement &m : ms) {
        QVERIFY(m.unreachable());
        QVERIFY(!m.latencyUs); // never a latency of zero
        QCOMPARE(m.lossPpm, 1'000'000u);
        QCOMPARE(m.sent, 20u);
        QCOMPARE(m.received, 0u);
        QVERIFY2(QString::fromStdString(m.origin).endsWith("203.0.113.2"), m.origin.c_str());
    }
    // Both targets were tried: 2 targets x 2 protocols x 20 probes went through s2.
    QCOMPARE(topo.forwarded(2, ExchangeTopology::source(2)), std::uint64_t(80));
    // Stored, the path's figure is unreachable with total loss, not a latency.
    QualityDb db(":memory:", QualityDbOptions{});
    const Timestamp now = RouteAnalyzer::systemClock();
    QVERIFY(db.record(ms, now).hasValue());
    const QualityFigure f = db.currentFigure(ms.front().path, now);
    QCOMPARE(int(f.state), int(FigureState::Unreachable));
    QCOMPARE(f.lossPpm, 1'000'000u);
    QCOMPARE(f.latencyUs, 0u);
}

void TestQualityPaths::nextTargetWhenOneIsSilent()
{
    ExchangeTopology topo;
    ProbeHostAnalyzer analyzer(topo.probeNamespace(), config(20, 10));
    // .77 does not exist: the destination network answers "net unreachable" for it.
    const DestinationProbeConfig d{pfx(ExchangeTopology::kDestination),
                                   {addr("198.51.100.77"), addr("198.51.100.2")}};
    setUp(analyzer, {bySource(3)}, {d});
    const auto ms = analyzer.waitFor(1, std::chrono::seconds(30));
    QCOMPARE(ms.size(), std::size_t(1));
    QCOMPARE(ms[0].origin, std::string("icmp 198.51.100.2"));
    QVERIFY(!ms[0].unreachable());
    QCOMPARE(ms[0].received, 20u);
    QCOMPARE(topo.forwarded(3, ExchangeTopology::source(3)), std::uint64_t(40));
}

void TestQualityPaths::udpAnsweredByPortUnreachable()
{
    TopologyOptions options;
    options.icmpRateLimit = false;
    ExchangeTopology topo(options);
    AnalyzerConfig c = config(100, 5, {ProbeProtocol::Udp});
    c.udpPort = 33434; // nothing listens: the destination's kernel answers port unreachable
    ProbeHostAnalyzer analyzer(topo.probeNamespace(), c);
    setUp(analyzer, {bySource(1)}, {{pfx(ExchangeTopology::kDestination), {}}});
    const auto ms = analyzer.waitFor(1, std::chrono::seconds(30));
    QCOMPARE(ms.size(), std::size_t(1));
    const Measurement &m = ms[0];
    QCOMPARE(m.source, std::string("probe-udp"));
    const auto notes = analyzer.notes();
    for (const auto &note : notes.at(0))
        qInfo("note: %s", note.c_str());
    QVERIFY2(m.lossPpm <= 10'000, qPrintable(QString::number(m.lossPpm)));
    QVERIFY2(*m.latencyUs >= std::uint32_t(options.delayMs) * 1000 - 500
                 && *m.latencyUs <= std::uint32_t(options.delayMs) * 1000 + 3000,
             qPrintable(QString::number(*m.latencyUs)));
    // Port unreachable is the answer here, not something to report.
    QVERIFY(notes.at(0).empty());
}

void TestQualityPaths::missingOrWrongPolicyRouting()
{
    ExchangeTopology topo;
    ProbeHostAnalyzer analyzer(topo.probeNamespace(), config(20, 10));
    // Seller 7 claims s2's router but steers with s1's source address: the kernel would send its
    // probes through s1. Seller 8's mark selects no table: the main table has no route at all.
    SellerProbeConfig wrong = bySource(1);
    wrong.seller = MemberId(7);
    wrong.routerV4 = addr(ExchangeTopology::router(2));
    SellerProbeConfig unrouted = byMark(1);
    unrouted.seller = MemberId(8);
    unrouted.fwmark = 199;
    setUp(analyzer, {wrong, unrouted}, {{pfx(ExchangeTopology::kDestination), {}}});
    analyzer.waitFor(2, std::chrono::seconds(30));
    const auto failures = analyzer.failures();
    QCOMPARE(failures.size(), std::size_t(2));
    QVERIFY(analyzer.waitFor(0, std::chrono::seconds(0)).empty()); // nothing measured
    for (const ProbeFailure &f : failures) {
        const QString reason = QString::fromStdString(f.reason);
        if (f.path.seller == MemberId(7))
            QVERIFY2(reason.contains("policy routing sends 198.51.100.1 via 10.77.0.1, not via "
                                     "the seller's router 10.77.0.2"),
                     f.reason.c_str());
        else
            QVERIFY2(reason.contains("no route to 198.51.100.1") && reason.contains("unreachable"),
                     f.reason.c_str());
    }
    // Nothing was sent.
    for (int s = 1; s <= 3; ++s) {
        QCOMPARE(topo.forwarded(s, ExchangeTopology::source(1)), std::uint64_t(0));
        QCOMPARE(topo.forwarded(s, ExchangeTopology::kProbeLan), std::uint64_t(0));
    }
}

void TestQualityPaths::fullAnalysisOnReconnect()
{
    ExchangeTopology topo;
    ProbeHostAnalyzer analyzer(topo.probeNamespace(), config(20, 5));
    setUp(analyzer, {bySource(2)}, {{pfx(ExchangeTopology::kDestination), {}}});
    QCOMPARE(analyzer.waitFor(1, std::chrono::seconds(30)).size(), std::size_t(1));
    // Revalidation is an hour away; a reconnect asks for a full analysis now.
    std::vector<PathStatus> status;
    analyzer.call([&](RouteAnalyzer &a) { status = a.status(); });
    QCOMPARE(status.size(), std::size_t(1));
    QVERIFY(status[0].last && !status[0].stale);
    QVERIFY(*status[0].nextProbe > status[0].last->time + seconds(3500));
    analyzer.call([](RouteAnalyzer &a) { a.analyzeSeller(MemberId(2)); });
    const auto ms = analyzer.waitFor(2, std::chrono::seconds(30));
    QCOMPARE(ms.size(), std::size_t(2));
    QVERIFY(ms[1].time > ms[0].time);
    QCOMPARE(topo.forwarded(2, ExchangeTopology::source(2)), std::uint64_t(40));
}

void TestQualityPaths::ipv6ThroughSellers()
{
    TopologyOptions options;
    options.icmpRateLimit = false; // UDP is answered by ICMPv6 port unreachable
    ExchangeTopology topo(options);
    topo.enableIpv6();
    ProbeHostAnalyzer analyzer(topo.probeNamespace(),
                               config(200, 5, {ProbeProtocol::Icmp, ProbeProtocol::Udp}));
    std::vector<SellerProbeConfig> sellers;
    for (int s = 1; s <= 2; ++s) {
        SellerProbeConfig seller;
        seller.seller = MemberId(std::uint32_t(s));
        seller.routerV6 = addr(ExchangeTopology::router6(s));
        seller.sourceV6 = addr(ExchangeTopology::source6(s));
        sellers.push_back(seller);
    }
    setUp(analyzer, sellers, {{pfx(ExchangeTopology::kDestination6), {}}});
    const auto ms = analyzer.waitFor(4, std::chrono::seconds(40));
    QVERIFY2(analyzer.failures().empty(),
             analyzer.failures().empty() ? "" : analyzer.failures().front().reason.c_str());
    QCOMPARE(ms.size(), std::size_t(4));
    const auto notes = analyzer.notes();
    for (std::size_t i = 0; i < ms.size(); ++i) {
        qInfo("%s %s: %u/%u answered %s", toString(ms[i].path).c_str(), ms[i].source.c_str(),
              ms[i].received, ms[i].sent,
              notes[i].empty() ? "" : ("(" + notes[i].front() + ")").c_str());
    }
    for (const Measurement &m : ms) {
        QCOMPARE(m.origin.substr(m.origin.find(' ') + 1), std::string("2001:db8:100::1"));
        QVERIFY(!m.unreachable());
        if (m.path.seller == MemberId(1)) {
            QVERIFY2(*m.latencyUs >= std::uint32_t(options.delayMs) * 1000 - 500
                         && *m.latencyUs <= std::uint32_t(options.delayMs) * 1000 + 3000,
                     qPrintable(QString::number(*m.latencyUs)));
            QVERIFY(m.lossPpm <= 10'000);
        } else {
            QVERIFY2(m.lossPpm >= 60'000 && m.lossPpm <= 340'000,
                     qPrintable(QString::number(m.lossPpm)));
            QVERIFY(*m.latencyUs < 2000);
        }
    }
}

QTEST_GUILESS_MAIN(TestQualityPaths)
#include "tst_quality_paths.moc"
