// 5-minute bins: the pro-rating rule for flows spanning bins, and the 95th percentile checked
// against a plain sort-and-pick over random data.
#include <QTest>

#include "bwx/settlement/percentile.h"
#include "bwx/settlement/usage.h"

#include <algorithm>
#include <random>

using namespace bwx;
using namespace bwx::settlement;

Q_DECLARE_METATYPE(std::vector<BinShare>)

namespace {
constexpr std::int64_t kB = 300; // seconds per bin
Timestamp at(std::int64_t s, std::int64_t ms = 0)
{
    return Timestamp(s * 1'000'000'000 + ms * 1'000'000);
}
} // namespace

class TestUsageBins : public QObject
{
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void splitAlwaysSumsToBytes();
    void percentileDefinition_data();
    void percentileDefinition();
    void percentileAgainstSort();
    void accumulatorCountsUnattributed();
};

void TestUsageBins::split_data()
{
    QTest::addColumn<Timestamp>("start");
    QTest::addColumn<Timestamp>("end");
    QTest::addColumn<std::uint64_t>("bytes");
    QTest::addColumn<std::vector<BinShare>>("expected");
    QTest::newRow("instant flow: one bin")
        << at(kB * 10 + 5) << at(kB * 10 + 5) << std::uint64_t(999)
        << std::vector<BinShare>{{10, 999}};
    QTest::newRow("inside one bin") << at(kB * 10 + 1) << at(kB * 10 + 200) << std::uint64_t(1000)
                                    << std::vector<BinShare>{{10, 1000}};
    QTest::newRow("ends exactly on the boundary")
        << at(kB * 10) << at(kB * 11) << std::uint64_t(7) << std::vector<BinShare>{{10, 7}};
    QTest::newRow("half and half") << at(kB * 10 + 150) << at(kB * 11 + 150) << std::uint64_t(1000)
                                   << std::vector<BinShare>{{10, 500}, {11, 500}};
    QTest::newRow("odd byte goes to the larger remainder")
        << at(kB * 10 + 100) << at(kB * 11 + 200) << std::uint64_t(3)
        << std::vector<BinShare>{{10, 2}, {11, 1}};
    // 1 byte over two equal halves: equal remainders, the earlier bin gets it.
    QTest::newRow("tie goes to the earlier bin")
        << at(kB * 10 + 150) << at(kB * 11 + 150) << std::uint64_t(1)
        << std::vector<BinShare>{{10, 1}, {11, 0}};
    // 10 bytes over thirds (100 s, 300 s, 200 s of 600 s): 1.67, 5, 3.33 -> 1+1, 5, 3
    QTest::newRow("three bins") << at(kB * 10 + 200) << at(kB * 12 + 200) << std::uint64_t(10)
                                << std::vector<BinShare>{{10, 2}, {11, 5}, {12, 3}};
    QTest::newRow("before the epoch")
        << at(-10) << at(10) << std::uint64_t(4) << std::vector<BinShare>{{-1, 2}, {0, 2}};
}

void TestUsageBins::split()
{
    QFETCH(Timestamp, start);
    QFETCH(Timestamp, end);
    QFETCH(std::uint64_t, bytes);
    QFETCH(std::vector<BinShare>, expected);
    QCOMPARE(splitIntoBins(start, end, bytes), expected);
}

void TestUsageBins::splitAlwaysSumsToBytes()
{
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t s = std::int64_t(rng() % 10'000'000) * 1'000'000;
        const std::int64_t d = std::int64_t(rng() % 4'000'000) * 1'000'000;
        const std::uint64_t bytes = rng() % 2 ? rng() % 100 : rng() >> 8;
        const auto shares = splitIntoBins(Timestamp(s), Timestamp(s + d), bytes);
        std::uint64_t sum = 0;
        for (const BinShare &b : shares)
            sum += b.bytes;
        QCOMPARE(sum, bytes);
        QVERIFY(shares.size() <= std::size_t(kMaxFlowBins));
    }
    // A flow claiming decades is cut to its last 31 days.
    QCOMPARE(splitIntoBins(at(0), at(40LL * 365 * 86400), 1'000'000).size(),
             std::size_t(kMaxFlowBins));
}

void TestUsageBins::percentileDefinition_data()
{
    QTest::addColumn<std::int64_t>("samples");
    QTest::addColumn<std::int64_t>("dropped");
    QTest::newRow("30-day month") << std::int64_t(8640) << std::int64_t(432);
    QTest::newRow("31-day month") << std::int64_t(8928) << std::int64_t(446);
    QTest::newRow("one day") << std::int64_t(288) << std::int64_t(14);
    QTest::newRow("19 samples drop none") << std::int64_t(19) << std::int64_t(0);
    QTest::newRow("20 samples drop one") << std::int64_t(20) << std::int64_t(1);
    QTest::newRow("one sample") << std::int64_t(1) << std::int64_t(0);
}

void TestUsageBins::percentileDefinition()
{
    QFETCH(std::int64_t, samples);
    QFETCH(std::int64_t, dropped);
    // Samples 1..N bytes: the 95th is the (N - dropped)-th smallest.
    std::map<std::int64_t, std::uint64_t> bins;
    for (std::int64_t i = 0; i < samples; ++i)
        bins[100 + i] = std::uint64_t(i + 1) * 1000;
    const Percentile95 p = percentile95(bins, binStart(100), binStart(100 + samples));
    QCOMPARE(p.samples, samples);
    QCOMPARE(p.dropped, dropped);
    QCOMPARE(p.bytes, std::uint64_t(samples - dropped) * 1000);
    QCOMPARE(p.bitsPerSecond, p.bytes * 8 / 300);
}

void TestUsageBins::percentileAgainstSort()
{
    std::mt19937_64 rng(20261126);
    for (int round = 0; round < 300; ++round) {
        const std::int64_t first = std::int64_t(rng() % 100000);
        const std::int64_t n = 1 + std::int64_t(rng() % 9000);
        std::map<std::int64_t, std::uint64_t> bins;
        // Sparse: a share of the bins missing (= 0), some bins outside the period.
        const int fill = int(rng() % 100);
        for (std::int64_t b = first - 5; b < first + n + 5; ++b)
            if (int(rng() % 100) < fill)
                bins[b] = rng() % 3 ? rng() % 1'000'000 : rng() % 10;
        // The independent calculation: every sample, zeros included, sorted, rank ceil(0.95 N).
        std::vector<std::uint64_t> all;
        for (std::int64_t b = first; b < first + n; ++b) {
            const auto it = bins.find(b);
            all.push_back(it == bins.end() ? 0 : it->second);
        }
        std::sort(all.begin(), all.end());
        const std::size_t rank = std::size_t((95 * n + 99) / 100); // ceil(0.95 n), 1-based
        const Percentile95 p = percentile95(bins, binStart(first), binStart(first + n));
        QCOMPARE(p.samples, n);
        QCOMPARE(p.bytes, all[rank - 1]);
    }
}

void TestUsageBins::accumulatorCountsUnattributed()
{
    UsageAccumulator acc;
    FlowRecord f;
    f.bytes = 1000;
    f.start = at(kB * 10);
    f.end = at(kB * 10 + 10);
    Attribution none;
    none.reason = Unattributed::NoTradeForDestination;
    acc.add(f, none);
    acc.add(f, none);
    Attribution yes;
    yes.attributed = true;
    yes.trade = TradeId(5);
    acc.add(f, yes);
    QCOMPARE(acc.unattributed(Unattributed::NoTradeForDestination).flows, std::uint64_t(2));
    QCOMPARE(acc.unattributed(Unattributed::NoTradeForDestination).bytes, std::uint64_t(2000));
    QCOMPARE(acc.totalBytes(TradeId(5), Direction::ToDestination), std::uint64_t(1000));
    QCOMPARE(acc.totalBytes(TradeId(5), Direction::FromDestination), std::uint64_t(0));
}

QTEST_APPLESS_MAIN(TestUsageBins)
#include "tst_usage_bins.moc"
