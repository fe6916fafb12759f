// Three sellers toward one destination, each link with one known impairment (s1: +20 ms delay,
// s2: 20 % random loss, s3: a 1 Mbit/s token bucket kept full by a 2 Mbit/s load). The analyzer,
// probing from the exchange's probe host through each seller's router with ICMP echo and UDP (to a
// reflector), must rank them as the impairments say, agree with the impairments within the stated
// tolerances, and agree with irtt run over the same paths at the same time. Root only; each run
// builds and removes its own namespaces.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/irtt_import.h"
#include "bwx/quality/quality_db.h"
#include "fixtures/exchange_topology.h"
#include "fixtures/impairment_checks.h"
#include "fixtures/probe_host_analyzer.h"

#include <future>
#include <map>
// clang-format on

using namespace bwx;
using namespace bwx::quality;
using namespace bwx::quality::test;

namespace {

constexpr std::uint16_t kReflectorPort = 7;
constexpr std::uint16_t kIrttPort = 2112;
constexpr std::uint32_t kProbes = 400;
constexpr int kIntervalMs = 5;

PathKey path(int seller)
{
    return PathKey{MemberId(std::uint32_t(seller)),
                   *net::Prefix::parse(ExchangeTopology::kDestination)};
}

AnalyzerConfig analyzerConfig()
{
    AnalyzerConfig c;
    c.protocols = {ProbeProtocol::Icmp, ProbeProtocol::Udp};
    c.udpPort = kReflectorPort;
    c.probesPerTrain = kProbes;
    c.probeInterval = milliseconds(kIntervalMs);
    c.probeTimeout = seconds(1);
    // irtt's packets carry 60 bytes: probes of the same size find the same room in s3's full
    // token bucket, so the two agree on what its queue costs (with 32 bytes they sat ~4 ms, 10 %,
    // apart: at the edge of the tolerance).
    c.payloadBytes = 60;
    c.schedule.globalRatePps = 2000;
    c.schedule.globalBurst = 2400;
    c.schedule.sellerRatePps = 400;
    c.schedule.sellerBurst = 400;
    c.schedule.revalidationPeriod = seconds(3600);
    return c;
}

double ms(std::uint32_t us)
{
    return double(us) / 1000.0;
}

} // namespace

class TestQualityRanking : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void threeImpairedSellers();
};

void TestQualityRanking::initTestCase()
{
    QString why;
    if (!canBuildNamespaces(&why))
        QSKIP(qPrintable(why));
}

void TestQualityRanking::threeImpairedSellers()
{
    // The host's own namespace must not gain an interface: everything lives in the test's
    // namespaces, so no probe can leave them.
    const auto hostLinks = [] {
        QStringList names;
        for (const QString &line :
             run({"ip", "-o", "link", "show"}).out.split('\n', Qt::SkipEmptyParts))
            names << line.section(':', 1, 1).trimmed().section('@', 0, 0);
        names.sort();
        return names;
    };
    const QStringList linksBefore = hostLinks();
    const TopologyOptions options;
    ExchangeTopology topo(options);
    // (Compared by the names the topology uses: other tests may add links of their own.)
    for (const QString &name : hostLinks()) {
        const bool ours
            = QStringList{"br0", "lan0", "dst0", "dly0", "probe", "s1", "s2", "s3"}.contains(name);
        QVERIFY2(!ours || linksBefore.contains(name), qPrintable(name));
    }
    // And the probe host's main table has no default route: an unsteered probe goes nowhere.
    QVERIFY(topo.netns().ip("probe", {"route", "show", "default"}).out.trimmed().isEmpty());
    topo.startReflector(kReflectorPort);
    topo.startIrttServer(kIrttPort);
    // 2 Mbit/s of 1000-byte datagrams into s3's 1 Mbit/s bucket: its queue stays full.
    topo.startLoad(3, 2 * std::uint32_t(options.tbfRateKbit), 1000);

    ProbeHostAnalyzer analyzer(topo.probeNamespace(), analyzerConfig());
    analyzer.call([](RouteAnalyzer &a) {
        for (int s = 1; s <= 3; ++s) {
            SellerProbeConfig seller;
            seller.seller = MemberId(std::uint32_t(s));
            seller.routerV4 = *net::Address::parse(ExchangeTopology::router(s).toStdString());
            seller.sourceV4 = *net::Address::parse(ExchangeTopology::source(s).toStdString());
            if (auto bad = a.setSeller(seller))
                qFatal("%s", bad->c_str());
            if (auto bad = a.setDestinations(seller.seller, {{path(s).destination, {}}}))
                qFatal("%s", bad->c_str());
        }
        a.start();
    });
    // irtt over the same three paths while the analyzer probes them.
    std::map<int, std::future<QString>> irtt;
    for (int s = 1; s <= 3; ++s)
        irtt[s] = std::async(std::launch::async, [&topo, s] {
            return topo.runIrtt(s, kIrttPort, int(kProbes) * kIntervalMs, kIntervalMs);
        });
    const std::vector<Measurement> measured = analyzer.waitFor(6, std::chrono::seconds(60));
    QVERIFY2(analyzer.failures().empty(),
             analyzer.failures().empty() ? "" : analyzer.failures().front().reason.c_str());
    QCOMPARE(measured.size(), std::size_t(6));

    std::map<std::pair<int, std::string>, Measurement> by;
    for (const Measurement &m : measured) {
        QCOMPARE(m.sent, kProbes);
        by[{int(m.path.seller.value()), m.source}] = m;
    }
    qInfo("seller  source      latency_ms  loss_%%  jitter_ms");
    const Timestamp now = RouteAnalyzer::systemClock();
    QualityDb db(":memory:", QualityDbOptions{});
    QVERIFY(db.record(measured, now).hasValue());
    for (const auto &[key, m] : by)
        qInfo("s%d      %-10s  %9.3f  %6.2f  %9.3f", key.first, key.second.c_str(),
              ms(m.latencyUs.value_or(0)), double(m.lossPpm) / 1e4, ms(m.jitterUs.value_or(0)));
    std::map<int, Measurement> irttBy;
    for (int s = 1; s <= 3; ++s) {
        QString irttOutput;
        try {
            irttOutput = irtt[s].get();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        const ImportResult imported = importIrtt(irttOutput.toStdString(), singlePath(path(s)));
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
        irttBy[s] = imported.batch().measurements.at(0);
        QVERIFY(db.record(imported.batch().measurements, now).hasValue());
    }

    for (const auto &[s, m] : irttBy)
        qInfo("s%d      irtt        %9.3f  %6.2f  %9.3f", s, ms(m.latencyUs.value_or(0)),
              double(m.lossPpm) / 1e4, ms(m.jitterUs.value_or(0)));
    qInfo("delay element: worst lateness %lld us", qlonglong(topo.delay().worstLatenessUs()));

    for (const char *source : {"probe-icmp", "probe-udp"}) {
        SellerFigures trains;
        for (int s = 1; s <= 3; ++s)
            trains[s] = figuresOf(by.at({s, source}));
        const auto wrong = impairmentViolations(options, trains);
        QVERIFY2(wrong.empty(), qPrintable(QString(source) + ":\n" + joined(wrong).c_str()));
    }

    // The figures the market would use rank the sellers as the impairments do.
    SellerFigures figures;
    for (int s = 1; s <= 3; ++s) {
        const QualityFigure figure = db.currentFigure(path(s), now);
        QCOMPARE(int(figure.state), int(FigureState::Measured));
        QCOMPARE(int(figure.basis), int(FigureBasis::OwnProbes));
        QVERIFY(!figure.stale);
        figures[s] = PathFigures{figure.latencyUs, figure.lossPpm, figure.jitterUs};
    }
    const auto misranked = rankingViolations(figures);
    QVERIFY2(misranked.empty(), joined(misranked).c_str());

    // irtt over the same paths at the same time agrees with both protocols' trains.
    for (int s = 1; s <= 3; ++s) {
        for (const char *source : {"probe-udp", "probe-icmp"}) {
            const auto wrong = irttDisagreements(s, source, figuresOf(by.at({s, source})),
                                                 figuresOf(irttBy.at(s)));
            QVERIFY2(wrong.empty(), joined(wrong).c_str());
        }
    }

    // Every probe went through its own seller's router and no other.
    const auto stray = steeringViolations(topo, 2 * kProbes);
    QVERIFY2(stray.empty(), joined(stray).c_str());
}

QTEST_GUILESS_MAIN(TestQualityRanking)
#include "tst_quality_ranking.moc"
