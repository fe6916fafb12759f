// The whole settlement path in a real bwxd: traffic with a known ground truth is written to a
// pcap, the real softflowd reads it and exports NetFlow v9 or IPFIX to bwxd's collector, bwxd
// attributes the flows to trades made through its own market, and the per-trade totals are read
// back over the member protocol (QueryUsage) and compared with the truth — exactly when
// unsampled, within a stated tolerance when softflowd samples 1 in 10.
//
// Attribution is the real one, not a shortcut: softflowd runs with `-T ether`, so every flow
// carries the destination MAC of its frames, and bwxd's [settlement] section names each seller's
// router by that MAC; `destination_only_fallback = false` makes a flow without router
// information unattributable. One class of traffic proves the MAC is used: the buyer sends to a
// destination it bought from transit-b, but through transit-c's router; that must be reported as
// seller-mismatch, not billed to the trade. Traffic from an unregistered source (unknown-buyer)
// and toward a destination nobody traded (no-trade-for-destination) must be reported as
// unattributed, byte for byte, not dropped.
//
// Each data row sends its traffic in a time window of its own (20 minutes apart, two hours ago),
// so one bwxd and one set of trades serve every row and each row reads back only its window.
//
// cancelledMidDelivery (one row per protocol) makes a trade of its own toward a destination
// nothing else uses, delivered from half an hour ago, and cancels it over the protocol in the
// middle of that delivery: the traffic carried before the cancellation stays the trade's and is
// billed, the traffic sent toward the same destination afterwards is unattributed
// (outside-delivery-period), and both parties' statements end the trade's line at the
// cancellation and say it was cancelled, in the CSV and the PDF too.
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <bwx/settlement/billing_period.h>
#include <bwx/settlement/fixtures/packets.h>
#include <bwx/settlement/percentile.h>
#include <chrono>
#include <cmath>
#include <map>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;
using bwx::settlement::MacAddress;
using bwx::settlement::fixtures::PacketSpec;

namespace {

constexpr std::int64_t kBinSeconds = 300;
constexpr std::int64_t kRowSpacing = 1200; // seconds between the rows' time windows
constexpr std::int64_t kRowSpan = 600;     // every packet of a row lies in its first 10 minutes

const MacAddress kBuyerMac{2, 0, 0, 0, 0, 1};
const MacAddress kTransitBMac{2, 0, 0, 0, 0, 0x10};
const MacAddress kTransitCMac{2, 0, 0, 0, 0, 0x11};

// What each class of generated traffic must become in bwxd.
enum class Expect { TradeB4, TradeC4, TradeC6, UnknownBuyer, SellerMismatch, NoTrade };

struct Plan
{
    const char *src; // prefix of the source address, a host number is appended
    const char *dst;
    MacAddress routerMac;
    Expect expect;
};

const Plan kPlans[] = {
    {"10.1.0.", "203.0.113.", kTransitBMac, Expect::TradeB4},
    {"10.1.1.", "198.51.100.", kTransitCMac, Expect::TradeC4},
    {"2001:db8:1::", "2001:db8:99::", kTransitCMac, Expect::TradeC6},
    {"10.9.0.", "203.0.113.", kTransitBMac, Expect::UnknownBuyer},
    {"10.1.2.", "203.0.113.", kTransitCMac, Expect::SellerMismatch},
    {"10.1.3.", "192.0.2.", kTransitBMac, Expect::NoTrade},
};

const char *reasonOf(Expect e)
{
    switch (e) {
    case Expect::UnknownBuyer:
        return "unknown-buyer";
    case Expect::SellerMismatch:
        return "seller-mismatch";
    case Expect::NoTrade:
        return "no-trade-for-destination";
    default:
        return nullptr;
    }
}

struct Truth
{
    std::uint64_t bytes = 0;
    double squares = 0; // sum of squared packet sizes, for the sampling tolerance
    std::uint64_t flows = 0;
};

struct Row
{
    std::vector<PacketSpec> packets;
    std::map<Expect, Truth> truth;
    std::int64_t start = 0; // unix seconds, a bin boundary
};

net::Address ip(const std::string &text)
{
    const auto a = net::Address::parse(text);
    if (!a)
        throw std::runtime_error("bad address in the test: " + text);
    return *a;
}

Row buildRow(std::int64_t start, std::uint64_t seed)
{
    Row row;
    row.start = start;
    std::mt19937_64 rng(seed);
    for (std::uint32_t flow = 0; flow < 6000; ++flow) {
        const Plan &plan = kPlans[flow % std::size(kPlans)];
        const bool v6 = std::string_view(plan.src).find(':') != std::string_view::npos;
        PacketSpec p;
        p.srcMac = kBuyerMac;
        p.dstMac = plan.routerMac;
        p.src = ip(std::string(plan.src) + std::to_string(v6 ? flow % 9000 + 1 : 1 + flow % 200));
        p.dst = ip(std::string(plan.dst) + std::to_string(v6 ? flow % 7 + 1 : flow % 250 + 1));
        p.protocol = flow % 3 == 0 ? 6 : 17;
        p.srcPort = static_cast<std::uint16_t>(10000 + flow);
        p.dstPort = static_cast<std::uint16_t>(flow % 2 ? 443 : 53);
        const std::uint32_t count = 1 + static_cast<std::uint32_t>(rng() % 25);
        const std::int64_t begin = static_cast<std::int64_t>(rng() % (kRowSpan - 10));
        Truth &t = row.truth[plan.expect];
        ++t.flows;
        for (std::uint32_t k = 0; k < count; ++k) {
            p.ipLength = 60 + static_cast<std::uint32_t>(rng() % 1441);
            p.time = Timestamp::fromSeconds(start + begin) + milliseconds(std::int64_t(k) * 250);
            row.packets.push_back(p);
            t.bytes += p.ipLength;
            t.squares += double(p.ipLength) * double(p.ipLength);
        }
    }
    std::stable_sort(row.packets.begin(), row.packets.end(),
                     [](const PacketSpec &a, const PacketSpec &b) { return a.time < b.time; });
    return row;
}

// Sampled totals must be within four standard errors of the truth: sampling each packet with
// probability 1/N and scaling by N estimates a total with variance (N - 1) * sum(x^2) over the
// packets' sizes x (about 12% for the ~13,000 packets of one trade here at 1 in 10; softflowd
// samples periodically and usually lands closer). A missing or doubled correction is off by -90% /
// +100% and fails either way.
double tolerance(const Truth &t, int rate)
{
    return 4.0 * std::sqrt(double(rate - 1) * t.squares) / double(t.bytes);
}

std::uint16_t freeUdpPort()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    std::uint16_t port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// cancelledMidDelivery's traffic: from isp-a through transit-b's router toward `network` + host
// (the row's own traded /24), `flows` flows starting in [begin, begin + span) seconds, each of
// 1-8 packets 250 ms apart (under two seconds: a flow never reaches far past its start).
//
// NetFlow v9 dates flows to the second only: its header pairs the uptime with a whole wall-clock
// second, so bwxd sees a flow up to a second earlier than it started. Traffic meant for one side
// of a boundary (a bin, the cancellation) therefore starts at least a second past it.
Truth addCancelTraffic(std::vector<PacketSpec> &packets,
                       const std::string &network,
                       std::int64_t begin,
                       std::int64_t span,
                       std::uint32_t flows,
                       std::uint16_t firstPort,
                       std::uint64_t seed)
{
    Truth t;
    std::mt19937_64 rng(seed);
    for (std::uint32_t flow = 0; flow < flows; ++flow) {
        PacketSpec p;
        p.srcMac = kBuyerMac;
        p.dstMac = kTransitBMac;
        p.src = ip("10.1.4." + std::to_string(1 + flow % 200));
        p.dst = ip(network + std::to_string(1 + flow % 250));
        p.protocol = flow % 3 == 0 ? 6 : 17;
        p.srcPort = static_cast<std::uint16_t>(firstPort + flow);
        p.dstPort = 443;
        const std::uint32_t count = 1 + static_cast<std::uint32_t>(rng() % 8);
        const Timestamp start = Timestamp::fromSeconds(begin)
                                + milliseconds(static_cast<std::int64_t>(
                                    rng() % static_cast<std::uint64_t>(span * 1000)));
        ++t.flows;
        for (std::uint32_t k = 0; k < count; ++k) {
            p.ipLength = 60 + static_cast<std::uint32_t>(rng() % 1441);
            p.time = start + milliseconds(std::int64_t(k) * 250);
            packets.push_back(p);
            t.bytes += p.ipLength;
        }
    }
    return t;
}

void sortByTime(std::vector<PacketSpec> &packets)
{
    std::stable_sort(packets.begin(), packets.end(),
                     [](const PacketSpec &a, const PacketSpec &b) { return a.time < b.time; });
}

// The fields of one CSV row (the statement's fields hold no quotes, commas or line breaks).
QStringList csvFields(const QString &row)
{
    return row.split(QLatin1Char(','));
}

} // namespace

class tst_SettlementBwxd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void softflowdToBwxd_data();
    void softflowdToBwxd();
    void cancelledMidDelivery_data();
    void cancelledMidDelivery();

private:
    // Delivered from two days before the rows' traffic until a month after it.
    void makeTrade(const char *seller, const char *destination, TradeId &trade);
    void makeTrade(const char *seller,
                   const char *destination,
                   Timestamp deliveryStart,
                   Timestamp deliveryEnd,
                   TradeId &trade);
    // softflowd reads `packets` from a pcap and exports them to bwxd (NetFlow v9 or IPFIX).
    void exportWithSoftflowd(const std::vector<PacketSpec> &packets,
                             const QString &tag,
                             const QString &version,
                             int sampling = 1);
    // Bytes bwxd attributed to `trade` (both directions) in [from, to), and of those the bytes
    // toward the destination.
    std::uint64_t
    tradeBytes(TradeId trade, std::int64_t from, std::int64_t to, std::uint64_t *reverse = nullptr);
    std::uint64_t unattributedBytes(std::int64_t from, std::int64_t to);
    proto::CollectorStats collectors();

    QTemporaryDir m_dir;
    QString m_softflowd;
    std::unique_ptr<BwxdFixture> m_fx;
    std::uint16_t m_port = 0;
    TradeId m_tradeB4{}, m_tradeC4{}, m_tradeC6{};
    std::int64_t m_base = 0;
    int m_row = 0;
    std::uint64_t m_clientOrderId = 1;
    int m_cancelled = 0; // trades cancelledMidDelivery cancelled so far
};

void tst_SettlementBwxd::initTestCase()
{
    m_softflowd
        = QStandardPaths::findExecutable(QStringLiteral("softflowd"), {"/usr/sbin", "/usr/bin"});
    if (m_softflowd.isEmpty())
        QFAIL("softflowd is not installed (Debian package softflowd)");
    QVERIFY(m_dir.isValid());
    m_port = freeUdpPort();
    QVERIFY(m_port != 0);
    // Two hours ago on a bin boundary: recent (NetFlow v9 carries times as uptime offsets from
    // the export time, which softflowd -a takes from the pcap) and in the past.
    m_base = (nowSeconds() - 7200) / kBinSeconds * kBinSeconds;
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->setOption("settlement", "netflow", QStringLiteral("[\"127.0.0.1:%1\"]").arg(m_port));
        m_fx->setOption("settlement", "exporter",
                        "[{address = \"127.0.0.1\", name = \"softflowd\"}]");
        m_fx->setOption("settlement", "member",
                        "[{name = \"isp-a\", prefixes = [\"10.1.0.0/16\", \"2001:db8:1::/48\"]}, "
                        "{name = \"transit-b\", prefixes = [\"198.18.0.0/24\"], "
                        "macs = [\"02:00:00:00:00:10\"]}, "
                        "{name = \"transit-c\", prefixes = [\"198.18.1.0/24\"], "
                        "macs = [\"02:00:00:00:00:11\"]}]");
        m_fx->setOption("settlement", "destination_only_fallback", "false");
        m_fx->setOption("settlement", "flush_interval_ms", "50");
        m_fx->start();
        m_fx->addMember("isp-a", 64510);
        m_fx->addMember("transit-b", 64511);
        m_fx->addMember("transit-c", 64512);
    });
    if (QTest::currentTestFailed())
        return;
    makeTrade("transit-b", "203.0.113.0/24", m_tradeB4);
    makeTrade("transit-c", "198.51.100.0/24", m_tradeC4);
    makeTrade("transit-c", "2001:db8:99::/48", m_tradeC6);
}

void tst_SettlementBwxd::cleanupTestCase()
{
    m_fx.reset();
}

void tst_SettlementBwxd::makeTrade(const char *seller, const char *destination, TradeId &trade)
{
    const Timestamp start = Timestamp::fromSeconds((m_base - 2 * 86'400) / 86'400 * 86'400);
    makeTrade(seller, destination, start, start + seconds(32 * 86'400), trade);
}

void tst_SettlementBwxd::makeTrade(const char *seller,
                                   const char *destination,
                                   Timestamp deliveryStart,
                                   Timestamp deliveryEnd,
                                   TradeId &trade)
{
    guarded([&] {
        auto s = m_fx->session(m_fx->member(seller));
        auto b = m_fx->session(m_fx->member("isp-a"));
        proto::NewOrder sell = limitOrder(Side::Sell, destination, 40, 100, m_clientOrderId++, 10);
        proto::NewOrder buy = limitOrder(Side::Buy, destination, 41, 100, m_clientOrderId++, 10);
        for (proto::NewOrder *o : {&sell, &buy}) {
            o->params.deliveryStart = deliveryStart;
            o->params.deliveryEnd = deliveryEnd;
        }
        const client::Incoming rested = s.request(sell);
        QVERIFY2(as<proto::OrderUpdate>(rested), qPrintable(describe(rested)));
        const client::Incoming crossed = b.request(buy);
        QVERIFY2(as<proto::OrderUpdate>(crossed), qPrintable(describe(crossed)));
        const auto fill = nextOf<proto::Fill>(b, 10s);
        QVERIFY(fill.has_value());
        trade = fill->trade.tradeId;
    });
}

void tst_SettlementBwxd::exportWithSoftflowd(const std::vector<PacketSpec> &packets,
                                             const QString &tag,
                                             const QString &version,
                                             int sampling)
{
    const QString pcap = m_dir.filePath(tag + QStringLiteral(".pcap"));
    QVERIFY(settlement::fixtures::writePcap(pcap.toStdString(), packets).hasValue());
    QStringList args;
    for (const std::string &a : settlement::fixtures::softflowdReplayArguments(
             pcap.toStdString(), m_port, version.toStdString(),
             m_dir.filePath(QStringLiteral("softflowd-%1.pid").arg(tag)).toStdString(), sampling))
        args << QString::fromStdString(a);
    QProcess softflowd;
    softflowd.start(m_softflowd, args);
    QVERIFY2(softflowd.waitForFinished(60'000), "softflowd did not finish reading the pcap");
    QCOMPARE(softflowd.exitCode(), 0);
}

std::uint64_t tst_SettlementBwxd::tradeBytes(TradeId trade,
                                             std::int64_t from,
                                             std::int64_t to,
                                             std::uint64_t *reverse)
{
    std::uint64_t total = 0;
    guarded([&] {
        auto buyer = m_fx->session(m_fx->member("isp-a"));
        const client::Incoming reply = buyer.request(
            proto::QueryUsage{trade, Timestamp::fromSeconds(from), Timestamp::fromSeconds(to)});
        const auto *series = as<proto::UsageSeries>(reply);
        if (!series)
            throw std::runtime_error("query_usage: " + describe(reply).toStdString());
        std::uint64_t back = 0;
        for (const proto::UsageSample &s : series->samples) {
            total += s.bytesForward + s.bytesReverse;
            back += s.bytesReverse;
        }
        if (reverse)
            *reverse = back;
    });
    return total;
}

std::uint64_t tst_SettlementBwxd::unattributedBytes(std::int64_t from, std::int64_t to)
{
    std::uint64_t total = 0;
    guarded([&] {
        // Trade 0 = the unattributed traffic; an admin sees every member's and the unknown ones.
        auto admin = m_fx->session(m_fx->admin());
        const client::Incoming reply = admin.request(
            proto::QueryUsage{TradeId{}, Timestamp::fromSeconds(from), Timestamp::fromSeconds(to)});
        const auto *series = as<proto::UsageSeries>(reply);
        if (!series)
            throw std::runtime_error("query_usage: " + describe(reply).toStdString());
        for (const proto::UsageSample &s : series->samples)
            total += s.bytesForward;
    });
    return total;
}

proto::CollectorStats tst_SettlementBwxd::collectors()
{
    proto::CollectorStats stats;
    guarded([&] {
        auto admin = m_fx->session(m_fx->admin());
        const client::Incoming reply = admin.request(proto::QueryCollectors{});
        const auto *s = as<proto::CollectorStats>(reply);
        if (!s)
            throw std::runtime_error("query_collectors: " + describe(reply).toStdString());
        stats = *s;
    });
    return stats;
}

void tst_SettlementBwxd::softflowdToBwxd_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("sampling");
    QTest::newRow("NetFlow v9, unsampled") << QStringLiteral("9") << 1;
    QTest::newRow("IPFIX, unsampled") << QStringLiteral("10") << 1;
    QTest::newRow("NetFlow v9, 1 in 10 in-band") << QStringLiteral("9") << 10;
    QTest::newRow("IPFIX, 1 in 10 in-band") << QStringLiteral("10") << 10;
}

void tst_SettlementBwxd::softflowdToBwxd()
{
    QFETCH(QString, version);
    QFETCH(int, sampling);
    QVERIFY(m_fx);
    const int index = m_row++;
    const Row row
        = buildRow(m_base + index * kRowSpacing, 1000 + static_cast<std::uint64_t>(index));
    // The row's flows start and end inside [start, start + kRowSpan); one bin of margin each side
    // and still clear of the next row's window.
    const std::int64_t from = row.start - kBinSeconds;
    const std::int64_t to = row.start + kRowSpan + kBinSeconds;
    QVERIFY(to <= row.start + kRowSpacing);

    const proto::CollectorStats before = collectors();
    std::map<std::string, std::uint64_t> reasonsBefore;
    for (const proto::UnattributedView &u : before.unattributed)
        reasonsBefore[u.reason] = u.bytes;

    exportWithSoftflowd(row.packets, QStringLiteral("row-%1").arg(index), version, sampling);
    if (QTest::currentTestFailed())
        return;

    const std::map<Expect, TradeId> trades{
        {Expect::TradeB4, m_tradeB4}, {Expect::TradeC4, m_tradeC4}, {Expect::TradeC6, m_tradeC6}};
    std::uint64_t unattributedTruth = 0;
    for (const Expect e : {Expect::UnknownBuyer, Expect::SellerMismatch, Expect::NoTrade})
        unattributedTruth += row.truth.at(e).bytes;

    // Wait until bwxd has attributed everything softflowd sent: unsampled, until the totals
    // reach the truth; sampled, until they stop moving for a second after the exporter's
    // record count did. Generous deadlines: the machine may be busy.
    std::map<Expect, std::uint64_t> got;
    std::uint64_t unattributed = 0;
    const auto read = [&] {
        for (const auto &[e, id] : trades)
            got[e] = tradeBytes(id, from, to);
        unattributed = unattributedBytes(from, to);
    };
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    if (sampling == 1) {
        const auto complete = [&] {
            for (const auto &[e, id] : trades)
                if (got[e] != row.truth.at(e).bytes)
                    return false;
            return unattributed == unattributedTruth;
        };
        for (read(); !complete() && std::chrono::steady_clock::now() < deadline; read())
            std::this_thread::sleep_for(200ms);
    } else {
        std::map<Expect, std::uint64_t> last;
        std::uint64_t lastUnattributed = ~0ULL;
        int stable = 0;
        while (stable < 5 && std::chrono::steady_clock::now() < deadline) {
            collectors(); // makes bwxd write what it holds
            read();
            const bool same = got == last && unattributed == lastUnattributed;
            stable = same && got[Expect::TradeB4] != 0 ? stable + 1 : 0;
            last = got;
            lastUnattributed = unattributed;
            std::this_thread::sleep_for(200ms);
        }
    }

    for (const auto &[e, id] : trades) {
        const Truth &t = row.truth.at(e);
        if (sampling == 1) {
            QCOMPARE(got[e], t.bytes);
        } else {
            const double err = (double(got[e]) - double(t.bytes)) / double(t.bytes);
            const double tol = tolerance(t, sampling);
            qInfo("trade %llu: truth %llu bytes, measured %llu, error %+.2f%%, tolerance %.2f%%",
                  static_cast<unsigned long long>(id.value()),
                  static_cast<unsigned long long>(t.bytes), static_cast<unsigned long long>(got[e]),
                  err * 100, tol * 100);
            QVERIFY2(std::abs(err) <= tol, qPrintable(QString::number(err)));
        }
        // Everything generated goes from the buyer toward the destination.
        std::uint64_t reverse = 1;
        tradeBytes(id, from, to, &reverse);
        QCOMPARE(reverse, std::uint64_t(0));
    }
    if (sampling > 1)
        return;

    // Not dropped: every unattributed byte is reported, and for the reason the plan says.
    QCOMPARE(unattributed, unattributedTruth);
    const proto::CollectorStats after = collectors();
    const settlement::BillingPeriod month
        = settlement::monthOf(Timestamp::fromSeconds(nowSeconds()));
    if (Timestamp::fromSeconds(from) < month.start) {
        // QueryCollectors sums this month only; the window began last month.
        qInfo("window starts before this month: reasons not compared");
    } else {
        std::map<std::string, std::uint64_t> reasons;
        for (const proto::UnattributedView &u : after.unattributed)
            reasons[u.reason] = u.bytes - reasonsBefore[u.reason];
        for (const Expect e : {Expect::UnknownBuyer, Expect::SellerMismatch, Expect::NoTrade})
            QCOMPARE(reasons[reasonOf(e)], row.truth.at(e).bytes);
    }
    bool seen = false;
    for (const proto::ExporterStatsView &x : after.exporters) {
        if (x.exporter.rfind("softflowd", 0) != 0)
            continue;
        seen = true;
        QCOMPARE(x.dropped, std::uint64_t(0));
        QCOMPARE(x.sequenceGaps, std::uint64_t(0));
        QVERIFY(x.records > 0);
    }
    QVERIFY2(seen, "the allowed exporter is missing from query_collectors");
    QCOMPARE(after.kernelDrops, std::uint64_t(0));
}

void tst_SettlementBwxd::cancelledMidDelivery_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("network"); // the row's traded /24, without its last octet
    QTest::newRow("NetFlow v9") << QStringLiteral("9") << QStringLiteral("100.64.107.");
    QTest::newRow("IPFIX") << QStringLiteral("10") << QStringLiteral("100.64.108.");
}

void tst_SettlementBwxd::cancelledMidDelivery()
{
    QFETCH(QString, version);
    QFETCH(QString, network);
    QVERIFY(m_fx);
    const std::string net = network.toStdString();
    const std::string destination = net + "0/24";
    const QString tag = QStringLiteral("cancel-v%1-").arg(version);
    // Delivered from half an hour ago (a bin boundary): the statement line then spans fewer than
    // 20 bins, so its 95th percentile is its busiest bin (docs/settlement.md) and shows the
    // traffic billed before the cancellation. The rows' windows all end before it.
    const std::int64_t deliveryStart = (nowSeconds() - 1800) / kBinSeconds * kBinSeconds;
    QVERIFY(deliveryStart >= m_base + m_row * kRowSpacing);
    TradeId trade;
    makeTrade("transit-b", destination.c_str(), Timestamp::fromSeconds(deliveryStart),
              Timestamp::fromSeconds(deliveryStart + 30 * 86'400), trade);
    QVERIFY(trade.value() != 0);

    // Before the cancellation, in the delivery's second bin: attributed while the trade is live.
    const std::int64_t beforeBin = deliveryStart + kBinSeconds;
    std::vector<PacketSpec> before;
    const Truth beforeTruth = addCancelTraffic(before, net, beforeBin + 2, 120, 300, 20000, 7);
    sortByTime(before);
    exportWithSoftflowd(before, tag + QStringLiteral("before"), version);
    if (QTest::currentTestFailed())
        return;
    // The whole test's window, reaching past now: a byte attributed after the cancellation shows
    // in it. Earlier rows' traffic may lie in it too, so unattributed bytes count from a baseline.
    const std::int64_t from = deliveryStart;
    const std::int64_t to = nowSeconds() + 2 * kBinSeconds;
    const auto in30s = [] {
        return std::chrono::steady_clock::now() + 30s;
    };
    std::uint64_t attributed = 0;
    for (auto deadline = in30s(); (attributed = tradeBytes(trade, from, to)) != beforeTruth.bytes
                                  && std::chrono::steady_clock::now() < deadline;)
        std::this_thread::sleep_for(200ms);
    QCOMPARE(attributed, beforeTruth.bytes);

    // An admin cancels it; the answer, and the update its buyer gets, carry the cancellation
    // time as the trade's new delivery end.
    auto buyer = m_fx->session(m_fx->member("isp-a"));
    auto seller = m_fx->session(m_fx->member("transit-b"));
    Timestamp cancelledAt;
    Money cancelledAmount;
    guarded([&] {
        auto admin = m_fx->session(m_fx->admin());
        const client::Incoming reply = admin.request(proto::CancelTrade{trade});
        const auto *update = as<proto::TradeUpdate>(reply);
        QVERIFY2(update, qPrintable(describe(reply)));
        QCOMPARE(update->trade.tradeId.value(), trade.value());
        QCOMPARE(int(update->trade.state), int(proto::TradeState::Cancelled));
        cancelledAt = update->trade.deliveryEnd;
        cancelledAmount = update->trade.amount;
        std::optional<proto::TradeUpdate> told;
        do
            told = nextOf<proto::TradeUpdate>(buyer, 10s);
        while (told && !(told->trade.tradeId == trade));
        QVERIFY2(told.has_value(), "the buyer was not told of the cancellation");
        QCOMPARE(told->trade.deliveryEnd.value(), cancelledAt.value());
    });
    if (QTest::currentTestFailed())
        return;
    const std::int64_t cancelSecond = cancelledAt.seconds();
    ++m_cancelled;

    const std::uint64_t unattributedBefore = unattributedBytes(from, to);
    const proto::CollectorStats statsBefore = collectors();
    std::map<std::string, std::uint64_t> reasonsBefore;
    for (const proto::UnattributedView &u : statsBefore.unattributed)
        reasonsBefore[u.reason] = u.bytes;

    // Then, in one export: flows that started before the cancellation but reach bwxd only now
    // (an exporter's active timeout does that) — still the trade's, by their start — and flows
    // toward the same destination that started after it. The latter are stamped from two seconds
    // after the cancellation's second (so at least one after it as v9 dates them) until before
    // now: -a dates them by the pcap.
    const std::int64_t lateBin = deliveryStart + 2 * kBinSeconds;
    QVERIFY(Timestamp::fromSeconds(lateBin + kBinSeconds) < cancelledAt);
    std::vector<PacketSpec> after;
    const Truth lateTruth = addCancelTraffic(after, net, lateBin + 2, 120, 200, 30000, 8);
    while (nowSeconds() < cancelSecond + 5)
        std::this_thread::sleep_for(100ms);
    const Truth afterTruth = addCancelTraffic(after, net, cancelSecond + 2, 1, 300, 20000, 9);
    QVERIFY(cancelSecond + 5 < to);
    sortByTime(after);
    exportWithSoftflowd(after, tag + QStringLiteral("after"), version);
    if (QTest::currentTestFailed())
        return;

    // Waits until bwxd holds all of it, then checks: the trade keeps exactly what started before
    // the cancellation (the window reaches past now, so a byte attributed after it would show),
    // and everything after it is reported unattributed, for that reason, not dropped.
    std::uint64_t unattributed = 0;
    for (auto deadline = in30s(); std::chrono::steady_clock::now() < deadline;
         std::this_thread::sleep_for(200ms)) {
        attributed = tradeBytes(trade, from, to);
        unattributed = unattributedBytes(from, to) - unattributedBefore;
        if (attributed + unattributed >= beforeTruth.bytes + lateTruth.bytes + afterTruth.bytes)
            break;
    }
    QCOMPARE(attributed, beforeTruth.bytes + lateTruth.bytes);
    QCOMPARE(unattributed, afterTruth.bytes);
    const settlement::BillingPeriod thisMonth
        = settlement::monthOf(Timestamp::fromSeconds(nowSeconds()));
    if (Timestamp::fromSeconds(cancelSecond + 1) < thisMonth.start) {
        qInfo("the month turned after the cancellation: reasons not compared");
    } else {
        const proto::CollectorStats statsAfter = collectors();
        std::map<std::string, std::uint64_t> reasons;
        for (const proto::UnattributedView &u : statsAfter.unattributed)
            if (u.bytes != reasonsBefore[u.reason])
                reasons[u.reason] = u.bytes - reasonsBefore[u.reason];
        QCOMPARE(reasons["outside-delivery-period"], afterTruth.bytes);
        QCOMPARE(reasons.size(), std::size_t(1));
    }

    // Both statements for the month of the cancellation: the line ends at it and names it, and
    // bills the delivery up to then — its 95th percentile is the busiest bin before it.
    const settlement::BillingPeriod month = settlement::monthOf(cancelledAt);
    const Timestamp lineStart = std::max(month.start, Timestamp::fromSeconds(deliveryStart));
    Bandwidth p95;
    const std::pair<std::int64_t, Truth> bins[] = {{beforeBin, beforeTruth}, {lateBin, lateTruth}};
    for (const auto &[bin, truth] : bins)
        if (!(Timestamp::fromSeconds(bin) < lineStart))
            p95 = std::max(p95, Bandwidth(static_cast<std::int64_t>(
                                    settlement::bitsPerSecondOf(truth.bytes) / 1000)));
    const std::pair<client::Connection *, Side> parties[]
        = {{&buyer, Side::Buy}, {&seller, Side::Sell}};
    for (const auto &[party, role] : parties) {
        guarded([&] {
            const client::Incoming reply
                = party->request(proto::QueryStatement{MemberId{}, month.start});
            const auto *statement = as<proto::Statement>(reply);
            QVERIFY2(statement, qPrintable(describe(reply)));
            const proto::StatementLine *line = nullptr;
            for (const proto::StatementLine &l : statement->lines) {
                if (l.trade == trade)
                    line = &l;
                else if (l.trade == m_tradeB4 || l.trade == m_tradeC4 || l.trade == m_tradeC6)
                    QVERIFY2(!l.cancelledAt.isSet(), "a trade still live is marked cancelled");
            }
            QVERIFY2(line, "no statement line for the cancelled trade");
            QCOMPARE(text(line->role), text(role));
            QCOMPARE(line->cancelledAt.value(), cancelledAt.value());
            QCOMPARE(line->periodStart.value(), lineStart.value());
            QCOMPARE(line->periodEnd.value(), cancelledAt.value());
            QCOMPARE(line->p95.value(), p95.value());
            // Billed for the capacity up to the cancellation, as the market recomputed it (when
            // the whole shortened delivery lies in this month), with no overage or credit.
            if (lineStart == Timestamp::fromSeconds(deliveryStart))
                QCOMPARE(line->amount.value(), cancelledAmount.value());
            QVERIFY(line->amount.value() > 0);
            QCOMPARE(line->total.value(), line->amount.value());

            // The documents say so too: the CSV's destination carries the marker and its billed
            // window ends at the cancellation; the PDF marks the line.
            const client::Incoming csvReply = party->request(
                proto::QueryStatementDocument{MemberId{}, month.start, proto::DocumentFormat::Csv});
            const auto *csv = as<proto::Document>(csvReply);
            QVERIFY2(csv, qPrintable(describe(csvReply)));
            const QStringList rows
                = QString::fromUtf8(reinterpret_cast<const char *>(csv->content.data()),
                                    qsizetype(csv->content.size()))
                      .split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
            QVERIFY(!rows.isEmpty());
            const QStringList header = csvFields(rows.front());
            const qsizetype tradeColumn = header.indexOf(QStringLiteral("trade_id"));
            const qsizetype destinationColumn = header.indexOf(QStringLiteral("destination"));
            const qsizetype billedToColumn = header.indexOf(QStringLiteral("billed_to"));
            QStringList mine;
            for (const QString &row : rows)
                if (csvFields(row).value(tradeColumn) == QString::number(trade.value()))
                    mine = csvFields(row);
            QVERIFY2(!mine.isEmpty(), qPrintable(rows.join(QLatin1Char('\n'))));
            QCOMPARE(mine.value(destinationColumn),
                     QString::fromStdString(destination) + QStringLiteral(" (cancelled)"));
            QCOMPARE(mine.value(billedToColumn),
                     QString::fromStdString(formatTimestamp(cancelledAt)));

            const client::Incoming pdfReply = party->request(
                proto::QueryStatementDocument{MemberId{}, month.start, proto::DocumentFormat::Pdf});
            const auto *pdf = as<proto::Document>(pdfReply);
            QVERIFY2(pdf, qPrintable(describe(pdfReply)));
            const std::string_view content(reinterpret_cast<const char *>(pdf->content.data()),
                                           pdf->content.size());
            // Each line of a trade this test cancelled (both parties were in every one) is
            // drawn with an asterisk after the destination, and the note under the table says
            // what it means. The writer compresses nothing: drawn strings are "(...) Tj".
            const std::string marker = " *) Tj";
            int shown = 0;
            for (std::size_t at = content.find(marker); at != std::string_view::npos;
                 at = content.find(marker, at + 1))
                ++shown;
            QVERIFY(content.find("(" + destination + " *) Tj") != std::string_view::npos);
            QVERIFY(content.find("Trade cancelled during delivery") != std::string_view::npos);
            QCOMPARE(shown, m_cancelled);
        });
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(tst_SettlementBwxd)
#include "tst_settlement_bwxd.moc"
