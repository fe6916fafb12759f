// End to end below the market: traffic with a known ground truth is written to pcaps, the real
// softflowd reads them and exports NetFlow v9 and IPFIX over UDP to the collector, a fixture
// sFlow agent samples the same packets; the collected flows are attributed to trades and the
// per-trade totals compared with the truth — exactly when unsampled, within a stated tolerance
// when sampled. Hostile datagrams are counted and dropped, and the collector keeps working.
#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "bwx/core/asio.h"
#include "bwx/settlement/attribution.h"
#include "bwx/settlement/collector.h"
#include "bwx/settlement/fixtures/export_builder.h"
#include "bwx/settlement/fixtures/packets.h"
#include "bwx/settlement/fixtures/sflow_generator.h"
#include "bwx/settlement/usage.h"

#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;

namespace {

net::Address ip(std::string_view s)
{
    return *net::Address::parse(s);
}
net::Prefix pfx(std::string_view s)
{
    return *net::Prefix::parse(s);
}

const MemberId kBuyer1(1), kBuyer2(2), kSeller10(10), kSeller11(11);
const MacAddress kBuyerMac{2, 0, 0, 0, 0, 1};
const MacAddress kMac10{2, 0, 0, 0, 0, 0x10};
const MacAddress kMac11{2, 0, 0, 0, 0, 0x11};
const net::Address kLoopback = ip("127.0.0.1");

// Sampled totals must be within four standard errors of the truth, per trade. Sampling each
// packet with probability 1/N and scaling by N estimates a trade's bytes with variance
// (N - 1) * sum(x^2) over its packets' sizes x, so the tolerance is computed from the traffic
// itself: about 11% for random 1-in-10 sampling of the ~15,000 packets of a trade here (softflowd
// samples periodically and lands much closer, ~1-2%). A missing or doubled correction is off by
// -90% / +100% and fails either way.
double tolerance(const std::pair<std::uint64_t, double> &truth, int rate)
{
    return 4.0 * std::sqrt(double(rate - 1) * truth.second) / double(truth.first);
}

struct Scenario
{
    std::vector<PacketSpec> packets;
    std::map<std::uint64_t, std::uint64_t> truthByTrade; // IP bytes
    std::map<std::uint64_t, double> squaresByTrade;      // sum of squared packet sizes
    std::uint64_t unattributedTruth = 0;
    TradeTable trades;
    MemberDirectory members;
    Timestamp start;
};

TradeTerms trade(std::uint64_t id,
                 MemberId buyer,
                 MemberId seller,
                 std::string_view dest,
                 MacAddress mac,
                 Timestamp from)
{
    TradeTerms t;
    t.id = TradeId(id);
    t.buyer = buyer;
    t.seller = seller;
    t.destination = pfx(dest);
    t.sellerMacs = {mac};
    t.deliveryStart = from;
    t.deliveryEnd = from + seconds(30 * 86400);
    t.committed = mbps(100);
    t.price = Price(2'000'000);
    return t;
}

// Flows from buyers' source prefixes to traded destinations through the seller's router (its
// MAC as destination), plus traffic from an unregistered source that must stay unattributed.
void buildScenario(Scenario &s, std::uint64_t seed)
{
    // Recent times: NetFlow v9 carries flow times as 32-bit uptime offsets, and softflowd -a
    // takes its clock from the pcap.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    s.start = Timestamp::fromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count()
                                     - 7200);
    const auto must = [](const Expected<bool> &r) {
        if (!r)
            qFatal("scenario: %s", r.error().c_str());
    };
    must(s.members.addPrefix(pfx("10.1.0.0/16"), kBuyer1));
    must(s.members.addPrefix(pfx("2001:db8:1::/48"), kBuyer1));
    must(s.members.addPrefix(pfx("10.2.0.0/16"), kBuyer2));
    s.members.addRouterMac(kMac10, kSeller10);
    s.members.addRouterMac(kMac11, kSeller11);
    const Timestamp from = s.start - seconds(86400);
    must(s.trades.add(trade(1, kBuyer1, kSeller10, "203.0.113.0/24", kMac10, from)));
    must(s.trades.add(trade(2, kBuyer1, kSeller11, "198.51.100.0/24", kMac11, from)));
    must(s.trades.add(trade(3, kBuyer2, kSeller10, "203.0.0.0/16", kMac10, from)));
    must(s.trades.add(trade(4, kBuyer1, kSeller11, "2001:db8:99::/48", kMac11, from)));

    struct FlowPlan
    {
        const char *src;
        const char *dst;
        MacAddress mac;
        std::uint64_t trade;
    };
    const std::vector<FlowPlan> plans = {
        {"10.1.0.", "203.0.113.", kMac10, 1},         {"10.1.1.", "198.51.100.", kMac11, 2},
        {"10.2.0.", "203.0.7.", kMac10, 3},           {"10.2.3.", "203.0.113.", kMac10, 0},
        {"2001:db8:1::", "2001:db8:99::", kMac11, 4}, {"10.9.0.", "203.0.113.", kMac10, 0},
    };
    std::mt19937_64 rng(seed);
    std::vector<PacketSpec> packets;
    for (std::uint32_t flow = 0; flow < 6000; ++flow) {
        const FlowPlan &plan = plans[flow % plans.size()];
        const bool v6 = std::string_view(plan.src).find(':') != std::string_view::npos;
        const std::string host = std::to_string(1 + flow % 200);
        PacketSpec p;
        p.srcMac = kBuyerMac;
        p.dstMac = plan.mac;
        p.src = ip(std::string(plan.src) + (v6 ? std::to_string(flow % 9000 + 1) : host));
        p.dst = ip(std::string(plan.dst)
                   + (v6 ? std::to_string(flow % 7 + 1) : std::to_string(flow % 250 + 1)));
        p.protocol = flow % 3 == 0 ? 6 : 17;
        p.srcPort = static_cast<std::uint16_t>(10000 + flow);
        p.dstPort = static_cast<std::uint16_t>(flow % 2 ? 443 : 53);
        const std::uint32_t count = 1 + static_cast<std::uint32_t>(rng() % 30);
        const std::int64_t begin = static_cast<std::int64_t>(rng() % 1500);
        for (std::uint32_t k = 0; k < count; ++k) {
            p.ipLength = 60 + static_cast<std::uint32_t>(rng() % 1441);
            p.time = s.start + seconds(begin) + milliseconds(std::int64_t(k) * 200);
            packets.push_back(p);
            // The trade the test expects; 10.2.3.x → 203.0.113.x is buyer 2's traffic inside
            // its covering /16 (the more specific /24 belongs to buyer 1).
            const std::uint64_t expected = plan.trade != 0                           ? plan.trade
                                           : std::string_view(plan.src) == "10.2.3." ? 3
                                                                                     : 0;
            if (expected != 0) {
                s.truthByTrade[expected] += p.ipLength;
                s.squaresByTrade[expected] += double(p.ipLength) * double(p.ipLength);
            } else
                s.unattributedTruth += p.ipLength;
        }
    }
    std::stable_sort(packets.begin(), packets.end(),
                     [](const PacketSpec &a, const PacketSpec &b) { return a.time < b.time; });
    s.packets = std::move(packets);
}

class Sink : public FlowListener
{
public:
    void onFlows(std::span<const FlowRecord> flows) override
    {
        std::lock_guard lock(m_mutex);
        m_records.insert(m_records.end(), flows.begin(), flows.end());
    }
    std::vector<FlowRecord> take()
    {
        std::lock_guard lock(m_mutex);
        return std::move(m_records);
    }

private:
    std::mutex m_mutex;
    std::vector<FlowRecord> m_records;
};

// A collector on loopback, run by its own thread for the length of one test.
class RunningCollector
{
public:
    explicit RunningCollector(std::vector<ExporterConfig> exporters, TemplateLimits limits = {})
    {
        CollectorConfig c;
        c.processor.exporters = std::move(exporters);
        c.processor.templates = limits;
        c.endpoints = {{PortProtocol::Netflow, kLoopback, 0}, {PortProtocol::Sflow, kLoopback, 0}};
        m_collector = std::make_unique<Collector>(m_io, c, m_sink);
        auto st = m_collector->start();
        if (!st)
            qFatal("collector: %s", st.error().c_str());
        m_status = *st;
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~RunningCollector() { halt(); }
    // Stops the collector's thread; its state may then be read without racing it.
    void halt()
    {
        if (!m_thread.joinable())
            return;
        m_collector->stop();
        m_io.stop();
        m_thread.join();
    }
    std::uint16_t netflowPort() const { return m_status[0].endpoint.port; }
    std::uint16_t sflowPort() const { return m_status[1].endpoint.port; }
    const std::vector<EndpointStatus> &startStatus() const { return m_status; }
    Collector &collector() { return *m_collector; }
    Sink &sink() { return m_sink; }

    // Waits until the sockets have been quiet for a moment after `expected` datagrams.
    void settle(std::uint64_t atLeast)
    {
        std::uint64_t last = ~0ULL;
        for (int i = 0; i < 200; ++i) {
            std::uint64_t received = 0;
            for (const EndpointStatus &e : m_collector->status())
                received += e.received;
            if (received >= atLeast && received == last)
                return;
            last = received;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

private:
    asio::io_context m_io;
    Sink m_sink;
    std::unique_ptr<Collector> m_collector;
    std::vector<EndpointStatus> m_status;
    std::thread m_thread;
};

void sendDatagrams(const std::vector<std::vector<std::uint8_t>> &datagrams,
                   std::uint16_t port,
                   const net::Address &from = kLoopback)
{
    asio::io_context io;
    asio::ip::udp::socket s(io,
                            asio::ip::udp::endpoint(asio::ip::make_address(from.toString()), 0));
    const asio::ip::udp::endpoint to(asio::ip::make_address("127.0.0.1"), port);
    for (const auto &d : datagrams) {
        s.send_to(asio::buffer(d), to);
        // Paced a little: the test is about accounting, not about burst capacity.
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

std::map<std::uint64_t, std::uint64_t>
attributeAll(const Scenario &s, const std::vector<FlowRecord> &records, std::uint64_t &unattributed)
{
    const Attributor attributor(s.members, s.trades);
    UsageAccumulator usage;
    for (const FlowRecord &f : records)
        usage.add(f, attributor.attribute(f));
    std::map<std::uint64_t, std::uint64_t> totals;
    for (std::uint64_t t = 1; t <= 4; ++t)
        totals[t] = usage.totalBytes(TradeId(t), Direction::ToDestination)
                    + usage.totalBytes(TradeId(t), Direction::FromDestination);
    unattributed = 0;
    for (std::size_t r = 0; r < kUnattributedCount; ++r)
        unattributed += usage.unattributed(static_cast<Unattributed>(r)).bytes;
    return totals;
}

} // namespace

class TestFlowCollection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void softflowd_data();
    void softflowd();
    void sflowAgent_data();
    void sflowAgent();
    void hostileDatagrams();

private:
    QTemporaryDir m_dir;
    Scenario m_scenario;
    QString m_pcap;
    QString m_softflowd;
};

void TestFlowCollection::initTestCase()
{
    m_softflowd
        = QStandardPaths::findExecutable(QStringLiteral("softflowd"), {"/usr/sbin", "/usr/bin"});
    if (m_softflowd.isEmpty())
        QFAIL("softflowd is not installed (Debian package softflowd)");
    QVERIFY(m_dir.isValid());
    buildScenario(m_scenario, 42);
    m_pcap = m_dir.filePath(QStringLiteral("traffic.pcap"));
    QVERIFY(writePcap(m_pcap.toStdString(), m_scenario.packets).hasValue());
}

void TestFlowCollection::softflowd_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("sampling");
    QTest::newRow("NetFlow v9, unsampled") << QStringLiteral("9") << 1;
    QTest::newRow("IPFIX, unsampled") << QStringLiteral("10") << 1;
    QTest::newRow("NetFlow v9, 1 in 10 in-band") << QStringLiteral("9") << 10;
    QTest::newRow("IPFIX, 1 in 10 in-band") << QStringLiteral("10") << 10;
}

void TestFlowCollection::softflowd()
{
    QFETCH(QString, version);
    QFETCH(int, sampling);
    RunningCollector rc({{kLoopback, "softflowd", 0}});
    QVERIFY(rc.startStatus()[0].effectiveBufferBytes > 0);
    QVERIFY(rc.startStatus()[0].kernelDropsCounted);
    QStringList args;
    for (const std::string &a : softflowdReplayArguments(
             m_pcap.toStdString(), rc.netflowPort(), version.toStdString(),
             m_dir.filePath(QStringLiteral("softflowd-%1-%2.pid").arg(version).arg(sampling))
                 .toStdString(),
             sampling))
        args << QString::fromStdString(a);
    QProcess p;
    p.start(m_softflowd, args);
    QVERIFY(p.waitForFinished(60'000));
    QCOMPARE(p.exitCode(), 0);
    rc.settle(1);
    const std::vector<FlowRecord> records = rc.sink().take();
    QVERIFY(!records.empty());
    const CounterSnapshot c = rc.collector().processor().countersOf(kLoopback)->snapshot();
    QCOMPARE(valueOf(c, Counter::SequenceLost), std::uint64_t(0));
    QCOMPARE(valueOf(c, Counter::SetsWithoutTemplate), std::uint64_t(0));
    QCOMPARE(rc.collector().status()[0].kernelDrops, std::uint64_t(0));
    for (const FlowRecord &f : records) {
        QVERIFY(f.hasDstMac);
        QVERIFY(!(f.start < m_scenario.start - seconds(1)));
        QVERIFY(f.end < m_scenario.start + seconds(3600));
        QCOMPARE(f.samplingNumerator, std::uint32_t(sampling));
    }
    std::uint64_t unattributed = 0;
    const auto totals = attributeAll(m_scenario, records, unattributed);
    for (const auto &[tradeId, truth] : m_scenario.truthByTrade) {
        const std::uint64_t got = totals.at(tradeId);
        if (sampling == 1) {
            QCOMPARE(got, truth);
        } else {
            const double err = (double(got) - double(truth)) / double(truth);
            const double tol = tolerance({truth, m_scenario.squaresByTrade.at(tradeId)}, sampling);
            qInfo("trade %s: truth %s, measured %s, error %+.2f%%, tolerance %.2f%%",
                  std::to_string(tradeId).c_str(), std::to_string(truth).c_str(),
                  std::to_string(got).c_str(), err * 100, tol * 100);
            QVERIFY2(std::abs(err) <= tol, qPrintable(QString::number(err)));
        }
    }
    if (sampling == 1)
        QCOMPARE(unattributed, m_scenario.unattributedTruth);
}

void TestFlowCollection::sflowAgent_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<bool>("expanded");
    QTest::newRow("sFlow 1 in 1") << 1 << false;
    QTest::newRow("sFlow 1 in 10, expanded samples") << 10 << true;
}

void TestFlowCollection::sflowAgent()
{
    QFETCH(int, rate);
    QFETCH(bool, expanded);
    RunningCollector rc({{kLoopback, "switch", 0}});
    SflowOptions o;
    o.agent = kLoopback;
    o.samplingRate = static_cast<std::uint32_t>(rate);
    o.expanded = expanded;
    o.seed = 7;
    const SflowExport e = generateSflow(m_scenario.packets, o);
    sendDatagrams(e.datagrams, rc.sflowPort());
    rc.settle(e.datagrams.size());
    const std::vector<FlowRecord> records = rc.sink().take();
    const CounterSnapshot c = rc.collector().processor().countersOf(kLoopback)->snapshot();
    QCOMPARE(valueOf(c, Counter::Datagrams), std::uint64_t(e.datagrams.size()));
    QCOMPARE(valueOf(c, Counter::SequenceLost), std::uint64_t(0));
    QCOMPARE(records.size(), e.sampled.size());
    std::uint64_t unattributed = 0;
    const auto totals = attributeAll(m_scenario, records, unattributed);
    for (const auto &[tradeId, truth] : m_scenario.truthByTrade) {
        const std::uint64_t got = totals.at(tradeId);
        if (rate == 1) {
            QCOMPARE(got, truth); // frame lengths converted back to exactly the IP bytes
        } else {
            const double err = (double(got) - double(truth)) / double(truth);
            const double tol = tolerance({truth, m_scenario.squaresByTrade.at(tradeId)}, rate);
            qInfo("trade %s: truth %s, measured %s, error %+.2f%%, tolerance %.2f%%",
                  std::to_string(tradeId).c_str(), std::to_string(truth).c_str(),
                  std::to_string(got).c_str(), err * 100, tol * 100);
            QVERIFY2(std::abs(err) <= tol, qPrintable(QString::number(err)));
        }
    }
}

void TestFlowCollection::hostileDatagrams()
{
    TemplateLimits limits;
    limits.maxPerExporter = 128;
    limits.maxTotal = 256;
    RunningCollector rc({{kLoopback, "router", 0}}, limits);
    std::vector<std::vector<std::uint8_t>> bad;
    std::vector<FieldSpec> v4fields = softflowdV4Template();
    const auto good = [](std::uint32_t seq) {
        ByteWriter d;
        writeSoftflowdV4Record(d, {0x0a010001, 0xcb007101, 1000, 2000, 1234, 2, 0, 0, 1, 2, 17});
        return ExportBuilder::v9(5000, 1'700'000'000, seq, 0)
            .templateSet(1024, softflowdV4Template())
            .dataSet(1024, d.data())
            .finish();
    };
    const std::vector<std::uint8_t> whole = good(1);
    bad.push_back(std::vector<std::uint8_t>(whole.begin(), whole.begin() + 30)); // truncated
    bad.push_back(
        ExportBuilder::v9(1, 1, 2, 0).templateSet(300, {{8, 4}, {12, 0}}).finish()); // length 0
    bad.push_back(ExportBuilder::v9(1, 1, 3, 0).templateSet(301, {{8, 4}, {1, 0xFFFF}}).finish());
    bad.push_back(
        ExportBuilder::v9(1, 1, 4, 0).templateSet(302, {{8, 3}}).finish()); // bad template
    bad.push_back(ExportBuilder::ipfix(1, 0, 0)
                      .rawSet(3, std::vector<std::uint8_t>{1, 0, 0, 1, 0, 9, 0, 34, 0, 4})
                      .finish());
    bad.push_back(
        ExportBuilder::v9(1, 1, 5, 0).rawSet(1024, std::vector<std::uint8_t>(8), 900).finish());
    std::vector<std::uint8_t> garbage(1400);
    std::mt19937 rng(1);
    for (auto &b : garbage)
        b = static_cast<std::uint8_t>(rng());
    bad.push_back(garbage);
    // A template flood: 20,000 templates.
    for (std::uint32_t i = 0; i < 1000; ++i) {
        ExportBuilder b = ExportBuilder::v9(1, 1, 100 + i, i % 16);
        for (std::uint16_t t = 0; t < 20; ++t)
            b.templateSet(static_cast<std::uint16_t>(256 + (i * 20 + t) % 60000), v4fields);
        bad.push_back(b.finish());
    }
    sendDatagrams(bad, rc.netflowPort());
    // The same datagrams from an exporter that is not on the allow-list.
    sendDatagrams({good(7), good(8)}, rc.netflowPort(), ip("127.0.0.2"));
    // And then a good datagram, which must still be decoded.
    sendDatagrams({good(2000)}, rc.netflowPort());
    rc.settle(bad.size() + 3);
    rc.halt();
    const auto &proc = rc.collector().processor();
    const CounterSnapshot c = proc.countersOf(kLoopback)->snapshot();
    QCOMPARE(proc.unknownExporterDatagrams(), std::uint64_t(2));
    QCOMPARE(valueOf(c, Counter::Truncated) + valueOf(c, Counter::BadFlowset), std::uint64_t(2));
    QCOMPARE(valueOf(c, Counter::BadTemplate), std::uint64_t(3));
    QCOMPARE(valueOf(c, Counter::BadOptionsScope), std::uint64_t(1));
    QCOMPARE(valueOf(c, Counter::WrongProtocol) + valueOf(c, Counter::BadVersion),
             std::uint64_t(1));
    QVERIFY(valueOf(c, Counter::TemplatesRefused) >= 20000 - 128);
    QVERIFY(proc.templates().size() <= limits.maxTotal);
    QVERIFY(proc.templates().sizeFor(kLoopback) <= limits.maxPerExporter);
    QVERIFY(proc.sequences().streamCount() <= 64);
    const std::vector<FlowRecord> records = rc.sink().take();
    QCOMPARE(records.size(), std::size_t(1)); // only the good datagram's record
    QCOMPARE(records[0].bytes, std::uint64_t(1234));
}

QTEST_GUILESS_MAIN(TestFlowCollection)
#include "tst_flow_collection.moc"
