// Sampling-rate correction: ratios from every in-band form, integer multiplication, overflow.
#include <QTest>

#include "bwx/settlement/sampling.h"

#include <limits>

using namespace bwx::settlement;

class TestSampling : public QObject
{
    Q_OBJECT

private slots:
    void ratios();
    void apply_data();
    void apply();
    void overflowLeavesRecordUnchanged();
};

void TestSampling::ratios()
{
    QCOMPARE(ratioFromInterval(10), std::optional<SamplingRatio>(SamplingRatio{10, 1}));
    QCOMPARE(ratioFromInterval(0), std::optional<SamplingRatio>());
    QCOMPARE(ratioFromInterval(kMaxSamplingRate + 1), std::optional<SamplingRatio>());
    QCOMPARE(ratioFromPacketInterval(1, 3), std::optional<SamplingRatio>(SamplingRatio{4, 1}));
    QCOMPARE(ratioFromPacketInterval(2, 1), std::optional<SamplingRatio>(SamplingRatio{3, 2}));
    QCOMPARE(ratioFromPacketInterval(0, 3), std::optional<SamplingRatio>());
    QCOMPARE(ratioFromSizePopulation(1, 100), std::optional<SamplingRatio>(SamplingRatio{100, 1}));
    QCOMPARE(ratioFromSizePopulation(5, 4), std::optional<SamplingRatio>());
    QVERIFY(SamplingRatio{}.isUnsampled());
}

void TestSampling::apply_data()
{
    QTest::addColumn<std::uint64_t>("bytes");
    QTest::addColumn<std::uint64_t>("packets");
    QTest::addColumn<std::uint32_t>("numerator");
    QTest::addColumn<std::uint32_t>("denominator");
    QTest::addColumn<std::uint64_t>("expectedBytes");
    QTest::addColumn<std::uint64_t>("expectedPackets");
    QTest::newRow("unsampled") << std::uint64_t(1500) << std::uint64_t(1) << 1u << 1u
                               << std::uint64_t(1500) << std::uint64_t(1);
    QTest::newRow("1 in 10") << std::uint64_t(1500) << std::uint64_t(3) << 10u << 1u
                             << std::uint64_t(15000) << std::uint64_t(30);
    QTest::newRow("1 in 4096") << std::uint64_t(64) << std::uint64_t(1) << 4096u << 1u
                               << std::uint64_t(262144) << std::uint64_t(4096);
    QTest::newRow("3 in 2 truncates") << std::uint64_t(1001) << std::uint64_t(3) << 3u << 2u
                                      << std::uint64_t(1501) << std::uint64_t(4);
    QTest::newRow("large counts use 128-bit")
        << std::uint64_t(1ULL << 40) << std::uint64_t(1ULL << 30) << (1u << 20) << 1u
        << std::uint64_t(1ULL << 60) << std::uint64_t(1ULL << 50);
}

void TestSampling::apply()
{
    QFETCH(std::uint64_t, bytes);
    QFETCH(std::uint64_t, packets);
    QFETCH(std::uint32_t, numerator);
    QFETCH(std::uint32_t, denominator);
    QFETCH(std::uint64_t, expectedBytes);
    QFETCH(std::uint64_t, expectedPackets);
    FlowRecord f;
    f.bytes = bytes;
    f.packets = packets;
    QVERIFY(applySampling(f, SamplingRatio{numerator, denominator}));
    QCOMPARE(f.bytes, expectedBytes);
    QCOMPARE(f.packets, expectedPackets);
    QCOMPARE(f.samplingNumerator, numerator);
    QCOMPARE(f.samplingDenominator, denominator);
}

void TestSampling::overflowLeavesRecordUnchanged()
{
    FlowRecord f;
    f.bytes = std::numeric_limits<std::uint64_t>::max() / 2;
    f.packets = 1;
    QVERIFY(!applySampling(f, SamplingRatio{3, 1}));
    QCOMPARE(f.bytes, std::numeric_limits<std::uint64_t>::max() / 2);
    QCOMPARE(f.packets, std::uint64_t(1));
    QCOMPARE(f.samplingNumerator, 1u);
}

QTEST_APPLESS_MAIN(TestSampling)
#include "tst_sampling.moc"
