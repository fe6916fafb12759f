// A trade's usage: the series model under QAbstractItemModelTester, the chart's polyline for
// sparse 5-minute samples (missing bins are 0), the verdict, and billing months in UTC.
#include "settlement/billingmonth.h"
#include "settlement/usagechartview.h"
#include "settlement/usageseriesmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal::settlement;

namespace {

constexpr std::int64_t kDay = 1'790'812'800; // 2026-10-01T00:00:00Z

proto::UsageSample sample(std::int64_t bin, std::int64_t forwardKbps, std::int64_t reverseKbps)
{
    proto::UsageSample s;
    s.binStart = Timestamp::fromSeconds(kDay + bin * 300);
    s.rateForward = Bandwidth(forwardKbps);
    s.rateReverse = Bandwidth(reverseKbps);
    // bytes = kbit/s × 1000 / 8 × 300
    s.bytesForward = static_cast<std::uint64_t>(forwardKbps) * 37'500;
    s.bytesReverse = static_cast<std::uint64_t>(reverseKbps) * 37'500;
    return s;
}

qreal ms(std::int64_t bin)
{
    return static_cast<qreal>((kDay + bin * 300) * 1000);
}

} // namespace

using Points = QList<QPointF>;

class tst_UsageSeries : public QObject
{
    Q_OBJECT

private slots:
    void model();
    void verdict_data();
    void verdict();
    void ratePoints_data();
    void ratePoints();
    void months_data();
    void months();
};

void tst_UsageSeries::model()
{
    UsageSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.hasSeries());
    proto::UsageSeries series;
    series.trade = TradeId(7);
    series.committed = mbps(10);
    series.p95 = Bandwidth(13'600);
    series.usage = 1;
    series.samples = {sample(0, 8'000, 120), sample(1, 13'600, 0), sample(5, 40'000, 64)};
    model.setSeries(series, Timestamp::fromSeconds(kDay), Timestamp::fromSeconds(kDay + 86400));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, UsageSeriesModel::BinColumn).data().toString(),
             QStringLiteral("2026-10-01 00:05:00"));
    QCOMPARE(model.index(1, UsageSeriesModel::ForwardRateColumn).data().toString(),
             QStringLiteral("13.6 Mbps"));
    QCOMPARE(model.index(2, UsageSeriesModel::ReverseRateColumn).data().toString(),
             QStringLiteral("64 kbps"));
    QCOMPARE(model.index(2, UsageSeriesModel::ForwardBytesColumn).data().toString(),
             QStringLiteral("1500000000"));
    QCOMPARE(model.index(2, UsageSeriesModel::ForwardRateColumn).data(Qt::EditRole).toLongLong(),
             40'000);
    QCOMPARE(model.peak().value(), 40'000);
    QCOMPARE(model.summaryText(),
             QStringLiteral("Trade 7: 95th percentile 13.6 Mbps of 10 Mbps committed, over the "
                            "committed capacity; peak 40 Mbps; 5-minute bins with traffic: 3"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasSeries());
}

void tst_UsageSeries::verdict_data()
{
    QTest::addColumn<int>("wire");
    QTest::addColumn<int>("verdict");
    QTest::newRow("0 within") << 0 << int(UsageSeriesModel::Verdict::Within);
    QTest::newRow("1 over") << 1 << int(UsageSeriesModel::Verdict::Over);
    QTest::newRow("2 under") << 2 << int(UsageSeriesModel::Verdict::Under);
    QTest::newRow("unknown value reads as within") << 9 << int(UsageSeriesModel::Verdict::Within);
}

void tst_UsageSeries::verdict()
{
    QFETCH(int, wire);
    QFETCH(int, verdict);
    UsageSeriesModel model;
    proto::UsageSeries series;
    series.usage = static_cast<std::uint8_t>(wire);
    model.setSeries(series, Timestamp::fromSeconds(kDay), Timestamp::fromSeconds(kDay + 300));
    QCOMPARE(int(model.verdict()), verdict);
}

void tst_UsageSeries::ratePoints_data()
{
    QTest::addColumn<QList<proto::UsageSample>>("samples");
    QTest::addColumn<bool>("forward");
    QTest::addColumn<std::int64_t>("bins"); // window length from kDay
    QTest::addColumn<Points>("expected");

    QTest::newRow("no samples: flat zero over the window")
        << QList<proto::UsageSample>{} << true << std::int64_t(12)
        << Points{{ms(0), 0}, {ms(0), 0}, {ms(12), 0}};
    QTest::newRow("adjacent bins, then back to zero")
        << QList<proto::UsageSample>{sample(0, 100, 0), sample(1, 300, 0)} << true
        << std::int64_t(12)
        << Points{{ms(0), 0}, {ms(0), 100}, {ms(1), 300}, {ms(2), 0}, {ms(12), 0}};
    QTest::newRow("a gap of several bins drops to zero and rises from it")
        << QList<proto::UsageSample>{sample(2, 500, 0), sample(7, 200, 0)} << true
        << std::int64_t(12)
        << Points{{ms(0), 0},   {ms(0), 0}, {ms(1), 0},   {ms(2), 500}, {ms(3), 0},
                  {ms(6), 0},   {ms(7), 200}, {ms(8), 0}, {ms(12), 0}};
    QTest::newRow("a gap of one bin")
        << QList<proto::UsageSample>{sample(0, 5, 0), sample(2, 7, 0)} << true
        << std::int64_t(3)
        << Points{{ms(0), 0}, {ms(0), 5}, {ms(1), 0}, {ms(2), 7}, {ms(3), 0}};
    QTest::newRow("reverse direction, last bin of the window")
        << QList<proto::UsageSample>{sample(3, 1, 64)} << false << std::int64_t(4)
        << Points{{ms(0), 0}, {ms(0), 0}, {ms(2), 0}, {ms(3), 64}, {ms(4), 0}};
    QTest::newRow("samples outside the window are left out")
        << QList<proto::UsageSample>{sample(-1, 9, 0), sample(1, 4, 0), sample(4, 9, 0)} << true
        << std::int64_t(4)
        << Points{{ms(0), 0}, {ms(0), 0}, {ms(1), 4}, {ms(2), 0}, {ms(4), 0}};
}

void tst_UsageSeries::ratePoints()
{
    QFETCH(QList<proto::UsageSample>, samples);
    QFETCH(bool, forward);
    QFETCH(std::int64_t, bins);
    QFETCH(Points, expected);
    proto::UsageSeries series;
    series.samples.assign(samples.begin(), samples.end());
    const Points points
        = bwx::terminal::settlement::ratePoints(series, forward, Timestamp::fromSeconds(kDay),
                                 Timestamp::fromSeconds(kDay + bins * 300));
    QCOMPARE(points, expected);
}

void tst_UsageSeries::months_data()
{
    QTest::addColumn<qint64>("time"); // seconds since the epoch
    QTest::addColumn<QString>("key");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<QString>("previous");

    QTest::newRow("mid October") << qint64(kDay + 20 * 86400 + 3600) << "2026-10"
                                 << qint64(1'790'812'800) << qint64(1'793'491'200) << "2026-09";
    QTest::newRow("last second of a month is still in it")
        << qint64(1'793'491'199) << "2026-10" << qint64(1'790'812'800) << qint64(1'793'491'200)
        << "2026-09";
    QTest::newRow("January: previous is December of the year before")
        << qint64(1'799'020'800) << "2027-01" << qint64(1'798'761'600) << qint64(1'801'440'000)
        << "2026-12";
    QTest::newRow("February of a leap year has 29 days")
        << qint64(1'709'251'199) << "2024-02" << qint64(1'706'745'600) << qint64(1'709'251'200)
        << "2024-01";
}

void tst_UsageSeries::months()
{
    QFETCH(qint64, time);
    QFETCH(QString, key);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(QString, previous);
    const BillingMonth month = monthContaining(Timestamp::fromSeconds(time));
    QCOMPARE(month.key(), key);
    QCOMPARE(month.start().seconds(), start);
    QCOMPARE(month.end().seconds(), end);
    QCOMPARE(month.previous().key(), previous);
    QCOMPARE(month.previous().next(), month);
    const QList<BillingMonth> recent = recentMonths(month, 13);
    QCOMPARE(recent.size(), 13);
    QCOMPARE(recent.first(), month);
    QCOMPARE(recent.last().year, month.year - 1);
    QCOMPARE(recent.last().month, month.month);
}

QTEST_APPLESS_MAIN(tst_UsageSeries)
#include "tst_usageseries.moc"
