// Train figures (RTT, loss, jitter), nearest-rank percentiles and the latency histogram, each
// checked against a computation written out independently here (doubles, sorting, brute force).
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/latency_histogram.h"
#include "bwx/quality/percentile.h"
#include "bwx/quality/train_stats.h"

#include <algorithm>
#include <cmath>
#include <random>
// clang-format on

using namespace bwx::quality;

namespace {

using Rtts = std::vector<std::optional<std::int64_t>>;

// The definitions in plain floating point, rounded at the end.
struct Reference
{
    std::optional<std::uint32_t> latencyUs;
    std::uint32_t lossPpm = 0;
    std::optional<std::uint32_t> jitterUs;
};

Reference reference(const Rtts &rtts)
{
    Reference r;
    double sum = 0;
    int answered = 0;
    double jitter = 0;
    int pairs = 0;
    for (std::size_t i = 0; i < rtts.size(); ++i) {
        if (!rtts[i])
            continue;
        sum += double(*rtts[i]);
        ++answered;
        if (i > 0 && rtts[i - 1]) {
            jitter += std::fabs(double(*rtts[i] - *rtts[i - 1]));
            ++pairs;
        }
    }
    if (answered > 0)
        r.latencyUs = std::uint32_t(std::llround(sum / answered / 1000.0));
    if (pairs > 0)
        r.jitterUs = std::uint32_t(std::llround(jitter / pairs / 1000.0));
    r.lossPpm = answered == 0
                    ? 1'000'000
                    : std::uint32_t(std::llround(1e6 * double(rtts.size() - std::size_t(answered))
                                                 / double(rtts.size())));
    return r;
}

std::uint32_t sortedPercentile(std::vector<std::uint32_t> v, unsigned p)
{
    std::sort(v.begin(), v.end());
    // The smallest value with at least p% of the values at or below it.
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (double(i + 1) / double(v.size()) * 100.0 >= double(p) - 1e-9)
            return v[i];
    }
    return v.back();
}

} // namespace

Q_DECLARE_METATYPE(Rtts)

class TestQualityStats : public QObject
{
    Q_OBJECT

private slots:
    void train_data();
    void train();
    void randomTrainsAgreeWithReference();
    void lossRounding_data();
    void lossRounding();
    void micros_data();
    void micros();
    void percentile_data();
    void percentile();
    void randomPercentiles();
    void histogramBins();
    void histogramPercentileBound();
    void histogramEncoding();
    void histogramDecodeRefusesDamage_data();
    void histogramDecodeRefusesDamage();
};

void TestQualityStats::train_data()
{
    QTest::addColumn<Rtts>("rtts");
    QTest::addColumn<int>("received");
    QTest::addColumn<int>("latencyUs"); // -1: none
    QTest::addColumn<int>("lossPpm");
    QTest::addColumn<int>("jitterUs"); // -1: none
    const auto ms = [](double v) {
        return std::optional<std::int64_t>(std::int64_t(v * 1e6));
    };
    const std::optional<std::int64_t> lost;
    QTest::newRow("all answered, constant") << Rtts{ms(10), ms(10), ms(10)} << 3 << 10000 << 0 << 0;
    QTest::newRow("all answered, alternating")
        << Rtts{ms(10), ms(12), ms(10), ms(12)} << 4 << 11000 << 0 << 2000;
    QTest::newRow("nothing answered") << Rtts{lost, lost, lost} << 0 << -1 << 1000000 << -1;
    QTest::newRow("one of four lost")
        << Rtts{ms(5), lost, ms(7), ms(9)} << 3 << 7000 << 250000 << 2000;
    QTest::newRow("alternate losses: no adjacent pair, no jitter")
        << Rtts{ms(5), lost, ms(7), lost} << 2 << 6000 << 500000 << -1;
    QTest::newRow("single probe answered") << Rtts{ms(1.5)} << 1 << 1500 << 0 << -1;
    QTest::newRow("rounding half up: 1.0005 ms mean")
        << Rtts{std::optional<std::int64_t>(1'000'000), std::optional<std::int64_t>(1'001'000)} << 2
        << 1001 << 0 << 1;
    QTest::newRow("negative RTT counts as unanswered")
        << Rtts{std::optional<std::int64_t>(-5), ms(2)} << 1 << 2000 << 500000 << -1;
    QTest::newRow("empty train") << Rtts{} << 0 << -1 << 0 << -1;
}

void TestQualityStats::train()
{
    QFETCH(Rtts, rtts);
    QFETCH(int, received);
    QFETCH(int, latencyUs);
    QFETCH(int, lossPpm);
    QFETCH(int, jitterUs);
    const TrainStats s = summarizeTrain(rtts);
    QCOMPARE(s.sent, std::uint32_t(rtts.size()));
    QCOMPARE(int(s.received), received);
    QCOMPARE(s.latencyUs ? int(*s.latencyUs) : -1, latencyUs);
    QCOMPARE(int(s.lossPpm), lossPpm);
    QCOMPARE(s.jitterUs ? int(*s.jitterUs) : -1, jitterUs);
}

void TestQualityStats::randomTrainsAgreeWithReference()
{
    std::mt19937_64 rng(5);
    for (int round = 0; round < 2000; ++round) {
        Rtts rtts(1 + rng() % 60);
        const int lossPercent = int(rng() % 101);
        for (auto &rtt : rtts) {
            if (int(rng() % 100) >= lossPercent)
                rtt = std::int64_t(rng() % 400'000'000); // up to 400 ms, ns resolution
        }
        const TrainStats s = summarizeTrain(rtts);
        const Reference r = reference(rtts);
        QCOMPARE(s.latencyUs, r.latencyUs);
        QCOMPARE(s.jitterUs, r.jitterUs);
        // The reference rounds in doubles; the only allowed difference is never reporting 100 %
        // while something answered.
        if (r.lossPpm == 1'000'000 && s.received > 0)
            QCOMPARE(s.lossPpm, 999'999u);
        else
            QCOMPARE(s.lossPpm, r.lossPpm);
    }
}

void TestQualityStats::lossRounding_data()
{
    QTest::addColumn<qulonglong>("sent");
    QTest::addColumn<qulonglong>("received");
    QTest::addColumn<uint>("ppm");
    QTest::newRow("none lost") << 10ull << 10ull << 0u;
    QTest::newRow("all lost") << 10ull << 0ull << 1'000'000u;
    QTest::newRow("one third") << 3ull << 2ull << 333'333u;
    QTest::newRow("two thirds rounds up") << 3ull << 1ull << 666'667u;
    QTest::newRow("one of three million answered is not 100 %") << 3'000'000ull << 1ull << 999'999u;
    QTest::newRow("huge counts do not overflow")
        << 18'000'000'000'000'000'000ull << 9'000'000'000'000'000'000ull << 500'000u;
}

void TestQualityStats::lossRounding()
{
    QFETCH(qulonglong, sent);
    QFETCH(qulonglong, received);
    QFETCH(uint, ppm);
    QCOMPARE(lossPpm(sent, received), ppm);
}

void TestQualityStats::micros_data()
{
    QTest::addColumn<qlonglong>("ns");
    QTest::addColumn<uint>("us");
    QTest::newRow("zero") << 0ll << 0u;
    QTest::newRow("negative clamps to zero") << -7ll << 0u;
    QTest::newRow("499 ns rounds down") << 1499ll << 1u;
    QTest::newRow("500 ns rounds up") << 1500ll << 2u;
    QTest::newRow("saturates") << 9'000'000'000'000'000ll << 4294967295u;
}

void TestQualityStats::micros()
{
    QFETCH(qlonglong, ns);
    QFETCH(uint, us);
    QCOMPARE(nanosToMicros(ns), us);
}

void TestQualityStats::percentile_data()
{
    QTest::addColumn<QList<uint>>("values");
    QTest::addColumn<uint>("percent");
    QTest::addColumn<uint>("expected");
    QTest::newRow("p50 of one") << QList<uint>{7} << 50u << 7u;
    QTest::newRow("p50 of two is the lower") << QList<uint>{9, 3} << 50u << 3u;
    QTest::newRow("p50 of three is the middle") << QList<uint>{9, 3, 5} << 50u << 5u;
    QTest::newRow("p95 of twenty is the 19th")
        << QList<uint>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20} << 95u
        << 19u;
    QTest::newRow("p95 of 21 is the 20th (rank ceil(19.95))")
        << QList<uint>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21}
        << 95u << 20u;
    QTest::newRow("p100 is the max") << QList<uint>{4, 8, 1} << 100u << 8u;
    QTest::newRow("p1 is the min") << QList<uint>{4, 8, 1} << 1u << 1u;
}

void TestQualityStats::percentile()
{
    QFETCH(QList<uint>, values);
    QFETCH(uint, percent);
    QFETCH(uint, expected);
    const std::vector<std::uint32_t> v(values.begin(), values.end());
    QCOMPARE(percentileOf(v, percent), expected);
    QCOMPARE(sortedPercentile(v, percent), expected); // the reference agrees with the table
}

void TestQualityStats::randomPercentiles()
{
    std::mt19937 rng(11);
    for (int round = 0; round < 3000; ++round) {
        std::vector<std::uint32_t> v(1 + rng() % 300);
        for (auto &x : v)
            x = std::uint32_t(rng() % 1000);
        const unsigned p = unsigned(1 + rng() % 100);
        QCOMPARE(percentileOf(v, p), sortedPercentile(v, p));
    }
}

void TestQualityStats::histogramBins()
{
    // Bins are contiguous and ordered: every value falls in the bin whose lower bound is the
    // greatest bound not above it.
    std::uint32_t previousBin = 0;
    std::mt19937 rng(3);
    std::vector<std::uint32_t> values;
    for (std::uint32_t v = 0; v < 5000; ++v)
        values.push_back(v);
    for (int i = 0; i < 20000; ++i)
        values.push_back(std::uint32_t(rng()));
    values.push_back(0xffffffffu);
    std::sort(values.begin(), values.end());
    for (const std::uint32_t v : values) {
        const std::uint32_t bin = LatencyHistogram::binOf(v);
        QVERIFY(bin >= previousBin);
        previousBin = bin;
        const std::uint32_t low = LatencyHistogram::lowerBound(bin);
        QVERIFY2(low <= v, qPrintable(QString("value %1 bin %2 low %3").arg(v).arg(bin).arg(low)));
        QCOMPARE(LatencyHistogram::binOf(low), bin);
        QVERIFY(double(v - low) <= double(low) / 128.0);
        if (v < 256)
            QCOMPARE(low, v); // exact below 256 us
    }
}

void TestQualityStats::histogramPercentileBound()
{
    std::mt19937 rng(17);
    for (int round = 0; round < 500; ++round) {
        LatencyHistogram h;
        std::vector<std::uint32_t> v(1 + rng() % 500);
        for (auto &x : v) {
            x = std::uint32_t(round % 3 == 0 ? rng() % 256 : 1000 + rng() % 200'000);
            h.add(x);
        }
        for (const unsigned p : {50u, 95u}) {
            const std::uint32_t exact = sortedPercentile(v, p);
            const std::uint32_t approx = *h.percentile(p);
            QVERIFY(approx <= exact);
            QVERIFY(double(exact - approx) <= double(approx) / 128.0);
            if (exact < 256)
                QCOMPARE(approx, exact);
        }
    }
    QVERIFY(!LatencyHistogram().percentile(50));
}

void TestQualityStats::histogramEncoding()
{
    std::mt19937 rng(23);
    for (int round = 0; round < 200; ++round) {
        LatencyHistogram a;
        LatencyHistogram b;
        for (int i = 0; i < int(rng() % 100); ++i)
            a.add(std::uint32_t(rng() % 100'000), 1 + rng() % 5);
        for (int i = 0; i < int(rng() % 100); ++i)
            b.add(std::uint32_t(rng()), 1);
        const auto decoded = LatencyHistogram::decode(a.encode());
        QVERIFY(decoded.hasValue());
        QVERIFY(*decoded == a);
        // Merging encoded halves equals adding everything to one histogram.
        LatencyHistogram merged = *decoded;
        merged.merge(*LatencyHistogram::decode(b.encode()));
        LatencyHistogram both = a;
        both.merge(b);
        QVERIFY(merged == both);
        QCOMPARE(merged.count(), a.count() + b.count());
    }
}

void TestQualityStats::histogramDecodeRefusesDamage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated varint") << QByteArray("\x85", 1) << "truncated";
    QTest::newRow("missing count") << QByteArray("\x05", 1) << "truncated";
    QTest::newRow("zero count") << QByteArray("\x05\x00", 2) << "zero count";
    QTest::newRow("bins out of order") << QByteArray("\x05\x01\x00\x01", 4) << "out of order";
    QTest::newRow("bin beyond the last") << QByteArray("\xff\x7f\x01", 3) << "out of range";
    QTest::newRow("overlong varint")
        << QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f\x01", 11) << "truncated";
}

void TestQualityStats::histogramDecodeRefusesDamage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const auto decoded = LatencyHistogram::decode(std::span(
        reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())));
    QVERIFY(!decoded.hasValue());
    QVERIFY2(QString::fromStdString(decoded.error()).contains(reason), decoded.error().c_str());
}

QTEST_APPLESS_MAIN(TestQualityStats)
#include "tst_quality_stats.moc"
