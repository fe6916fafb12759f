// The answers to QueryQuality and QueryQualityMatrix, from a database filled by hand: one series
// per seller and kind of source at each granularity (rollups checked against figures computed
// here), raw samples, the seller filter, covering paths, the default period, refusals (an empty
// period, too many points or cells); the matrix's states, sources, covering rows, unmeasured
// sellers and ordering.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/matrix_query.h"
#include "bwx/quality/series_query.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kT0 = *parseTimestamp("2026-11-26T08:00:00Z");

net::Prefix prefix(const char *text)
{
    return *net::Prefix::parse(text);
}

PathKey path(std::uint32_t seller, const char *destination)
{
    return PathKey{MemberId(seller), prefix(destination)};
}

Timestamp at(std::int64_t secondsAfter)
{
    return kT0 + seconds(secondsAfter);
}

Measurement sample(const PathKey &p,
                   Timestamp t,
                   std::optional<std::uint32_t> latency,
                   const char *source = "probe-icmp",
                   std::uint32_t loss = 0)
{
    Measurement m;
    m.path = p;
    m.time = t;
    m.source = source;
    m.origin = std::string(source) + " origin";
    m.latencyUs = latency;
    m.lossPpm = latency ? loss : kAllLostPpm;
    return m;
}

// Seller 7 toward 198.51.100.0/24: own probes every minute for an hour (latency 20 ms + the
// minute), Atlas from two campaigns and one CSV source. Seller 8: own probes, all unreachable.
// Seller 9 only toward the covering /16.
std::unique_ptr<QualityDb> filled()
{
    auto db = std::make_unique<QualityDb>(":memory:", QualityDbOptions{});
    std::vector<Measurement> batch;
    for (int minute = 0; minute < 60; ++minute) {
        batch.push_back(sample(path(7, "198.51.100.0/24"), at(minute * 60),
                               20'000 + std::uint32_t(minute), "probe-icmp"));
        batch.push_back(sample(path(8, "198.51.100.0/24"), at(minute * 60), std::nullopt));
    }
    batch.push_back(sample(path(7, "198.51.100.0/24"), at(100), 30'000, "ripe-atlas", 100'000));
    batch.push_back(sample(path(7, "198.51.100.0/24"), at(110), 32'000, "ripe-atlas-eu", 0));
    batch.push_back(sample(path(7, "198.51.100.0/24"), at(400), 25'000, "thousandeyes"));
    batch.push_back(sample(path(9, "198.51.0.0/16"), at(30), 9'000, "probe-udp"));
    if (!db->record(batch, at(3600)))
        qFatal("cannot fill the database");
    return db;
}

proto::QueryQuality query(std::uint32_t seller,
                          const char *destination,
                          proto::QualityGranularity g,
                          Timestamp from,
                          Timestamp to)
{
    proto::QueryQuality q;
    q.seller = MemberId(seller);
    q.destination = prefix(destination);
    q.granularity = g;
    q.from = from;
    q.to = to;
    return q;
}

} // namespace

class TestQualityQueries : public QObject
{
    Q_OBJECT

private slots:
    void hourlySeriesPerSellerAndKind();
    void fiveMinuteBucketsMatchHandFigures();
    void rawSamples();
    void sellerFilterAndCoveringPath();
    void defaultPeriodIsTheLastDay();
    void refusals_data();
    void refusals();
    void matrixStatesAndSources();
    void matrixRowsAndUnmeasuredSellers();
    void matrixTooLarge();
};

void TestQualityQueries::hourlySeriesPerSellerAndKind()
{
    const auto db = filled();
    const auto answer = answerSeries(*db,
                                     query(0, "198.51.100.0/24", proto::QualityGranularity::Hour,
                                           at(0), at(3600)),
                                     at(3600));
    const auto *series = std::get_if<proto::QualitySeries>(&answer);
    QVERIFY(series);
    // Seller 7: own, Atlas (two campaigns merged into one), CSV; seller 8: own. Seller 9's /16
    // covers the destination too.
    std::vector<std::pair<std::uint32_t, proto::QualitySource>> seen;
    for (const auto &p : series->points)
        seen.emplace_back(p.seller.value(), p.source);
    const std::vector<std::pair<std::uint32_t, proto::QualitySource>> expected
        = {{7, proto::QualitySource::Probe},
           {7, proto::QualitySource::RipeAtlas},
           {7, proto::QualitySource::Csv},
           {8, proto::QualitySource::Probe},
           {9, proto::QualitySource::Probe}};
    QCOMPARE(seen, expected);

    const proto::QualityPoint &own7 = series->points[0];
    QCOMPARE(own7.time, at(0));
    QCOMPARE(own7.samples, 60u);
    // Latencies 20000..20059: nearest-rank p50 is the 30th, 20029 (exact below the histogram's
    // bin width at this size: bins of 1/128 are 156 us wide here, so the bound is within it).
    QVERIFY(own7.latencyP50Us <= 20'029 && own7.latencyP50Us > 20'029 - 160);
    QCOMPARE(own7.lossPpm, 0u);

    const proto::QualityPoint &atlas = series->points[1];
    QCOMPARE(atlas.samples, 2u);
    QCOMPARE(atlas.lossPpm, 50'000u); // mean of 100000 and 0
    QCOMPARE(atlas.destination, prefix("198.51.100.0/24"));

    const proto::QualityPoint &own8 = series->points[3];
    QCOMPARE(own8.lossPpm, kAllLostPpm);
    QCOMPARE(own8.latencyP50Us, 0u);

    // The covering path keeps its own destination, so a chart can say what was measured.
    QCOMPARE(series->points[4].destination, prefix("198.51.0.0/16"));
}

void TestQualityQueries::fiveMinuteBucketsMatchHandFigures()
{
    const auto db = filled();
    // From 08:07: the bucket holding it (08:05) is included; to 08:20 excludes 08:20.
    const auto answer = answerSeries(*db,
                                     query(7, "198.51.100.0/24",
                                           proto::QualityGranularity::FiveMinutes, at(7 * 60),
                                           at(20 * 60)),
                                     at(3600));
    const auto *series = std::get_if<proto::QualitySeries>(&answer);
    QVERIFY(series);
    std::vector<proto::QualityPoint> own;
    for (const auto &p : series->points)
        if (p.source == proto::QualitySource::Probe)
            own.push_back(p);
    QCOMPARE(own.size(), std::size_t(3));
    for (std::size_t i = 0; i < own.size(); ++i) {
        const std::int64_t bucket = 5 + std::int64_t(i) * 5; // minutes
        QCOMPARE(own[i].time, at(bucket * 60));
        QCOMPARE(own[i].samples, 5u);
        // Five samples 20000+bucket .. +bucket+4: the 3rd is the nearest-rank median, exact
        // here (the bin holding it starts at or below it by less than 0.8 %).
        const std::uint32_t median = 20'000 + std::uint32_t(bucket) + 2;
        QVERIFY2(own[i].latencyP50Us <= median && own[i].latencyP50Us * 1008 / 1000 >= median,
                 qPrintable(QString::number(own[i].latencyP50Us)));
    }
}

void TestQualityQueries::rawSamples()
{
    const auto db = filled();
    const auto answer = answerSeries(*db,
                                     query(7, "198.51.100.0/24", proto::QualityGranularity::Raw,
                                           at(0), at(180)),
                                     at(3600));
    const auto *series = std::get_if<proto::QualitySeries>(&answer);
    QVERIFY(series);
    // Own probes at 0, 60, 120; Atlas at 100 and 110 (two tags of one kind).
    QCOMPARE(series->points.size(), std::size_t(5));
    QCOMPARE(series->points[0].latencyP50Us, 20'000u);
    QCOMPARE(series->points[0].samples, 1u);
    QCOMPARE(series->points[2].time, at(120));
    QCOMPARE(int(series->points[3].source), int(proto::QualitySource::RipeAtlas));
    QCOMPARE(series->points[3].lossPpm, 100'000u);
    QCOMPARE(series->points[4].latencyP50Us, 32'000u);
}

void TestQualityQueries::sellerFilterAndCoveringPath()
{
    const auto db = filled();
    // Seller 9 is measured toward the /16 only: it answers for the /24 inside it.
    const auto answer = answerSeries(*db,
                                     query(9, "198.51.100.0/24", proto::QualityGranularity::Raw,
                                           at(0), at(3600)),
                                     at(3600));
    const auto *series = std::get_if<proto::QualitySeries>(&answer);
    QVERIFY(series);
    QCOMPARE(series->points.size(), std::size_t(1));
    QCOMPARE(series->points[0].seller, MemberId(9));
    QCOMPARE(series->points[0].latencyP50Us, 9'000u);

    // A seller without any path toward it: an empty series, not an error.
    const auto none = answerSeries(*db,
                                   query(10, "198.51.100.0/24", proto::QualityGranularity::Raw,
                                         at(0), at(3600)),
                                   at(3600));
    QVERIFY(std::get<proto::QualitySeries>(none).points.empty());
}

void TestQualityQueries::defaultPeriodIsTheLastDay()
{
    const auto db = filled();
    // Unset from/to: the 24 hours before now. A day later, only the last samples remain in it.
    const auto answer = answerSeries(*db,
                                     query(7, "198.51.100.0/24", proto::QualityGranularity::Raw,
                                           Timestamp{}, Timestamp{}),
                                     at(86'400 + 59 * 60));
    const auto *series = std::get_if<proto::QualitySeries>(&answer);
    QVERIFY(series);
    QCOMPARE(series->points.size(), std::size_t(1));
    QCOMPARE(series->points[0].time, at(59 * 60));
}

void TestQualityQueries::refusals_data()
{
    QTest::addColumn<int>("granularity");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty period") << int(proto::QualityGranularity::Hour) << qint64(600)
                                  << qint64(600) << "must be before to";
    QTest::newRow("reversed period") << int(proto::QualityGranularity::Hour) << qint64(600)
                                     << qint64(0) << "must be before to";
    // A year of 5-minute buckets is refused before the database is read.
    QTest::newRow("too many buckets") << int(proto::QualityGranularity::FiveMinutes)
                                      << qint64(-365 * 86400) << qint64(3600)
                                      << "more than 100; ask for a coarser granularity";
    QTest::newRow("too many raw samples") << int(proto::QualityGranularity::Raw) << qint64(0)
                                          << qint64(3600) << "more than 100";
}

void TestQualityQueries::refusals()
{
    QFETCH(int, granularity);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QString, reason);
    const auto db = filled();
    SeriesLimits limits;
    limits.maxPoints = 100;
    const auto answer = answerSeries(*db,
                                     query(0, "198.51.100.0/24",
                                           proto::QualityGranularity(granularity), at(from),
                                           at(to)),
                                     at(3600), limits);
    const auto *refused = std::get_if<proto::Result>(&answer);
    QVERIFY(refused);
    QCOMPARE(int(refused->code), int(proto::ResultCode::InvalidFieldValue));
    QVERIFY2(QString::fromStdString(refused->message).contains(reason),
             refused->message.c_str());
}

void TestQualityQueries::matrixStatesAndSources()
{
    const auto db = filled();
    const std::vector<net::Prefix> rows = {prefix("198.51.100.0/24")};
    const auto answer = answerMatrix(*db, rows, {}, at(3600));
    const auto *matrix = std::get_if<proto::QualityMatrix>(&answer);
    QVERIFY(matrix);
    QCOMPARE(matrix->cells.size(), std::size_t(3));
    const proto::QualityCell &s7 = matrix->cells[0];
    QCOMPARE(s7.seller, MemberId(7));
    QCOMPARE(int(s7.state), int(proto::QualityState::Fresh));
    QCOMPARE(int(s7.source), int(proto::QualitySource::Probe));
    QCOMPARE(s7.measuredAt, at(59 * 60));
    // The figure's window is the 15 minutes before the newest sample (the start excluded):
    // minutes 45-59, p50 the 8th of 15.
    QCOMPARE(s7.latencyUs, 20'052u);

    const proto::QualityCell &s8 = matrix->cells[1];
    QCOMPARE(int(s8.state), int(proto::QualityState::Unreachable));
    QCOMPARE(s8.lossPpm, kAllLostPpm);
    QCOMPARE(s8.latencyUs, 0u);

    // Seller 9's only sample is an hour old: stale, still shown, from the covering /16.
    const proto::QualityCell &s9 = matrix->cells[2];
    QCOMPARE(int(s9.state), int(proto::QualityState::Stale));
    QCOMPARE(s9.destination, prefix("198.51.100.0/24"));
    QCOMPARE(s9.latencyUs, 9'000u);

    // Hours later own probes are stale everywhere, and third-party data (fresh for 48 h) takes
    // over for seller 7.
    const auto later = std::get<proto::QualityMatrix>(answerMatrix(*db, rows, {}, at(3 * 3600)));
    QCOMPARE(int(later.cells[0].state), int(proto::QualityState::Fresh));
    QCOMPARE(int(later.cells[0].source), int(proto::QualitySource::Csv));
}

void TestQualityQueries::matrixRowsAndUnmeasuredSellers()
{
    const auto db = filled();
    // Asked twice, and a more specific row: each row once, covering figures for the /25.
    const std::vector<net::Prefix> rows
        = {prefix("198.51.100.128/25"), prefix("198.51.100.128/25"), prefix("192.0.2.0/24")};
    // Seller 12 sells 192.0.2.0/24 but has not been measured yet.
    const std::vector<PathKey> expected = {path(12, "192.0.2.0/24"), path(7, "198.51.100.0/24")};
    const auto matrix = std::get<proto::QualityMatrix>(answerMatrix(*db, rows, expected, at(3600)));
    QCOMPARE(matrix.cells.size(), std::size_t(4));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(matrix.cells[std::size_t(i)].destination, prefix("198.51.100.128/25"));
    QCOMPARE(matrix.cells[3].destination, prefix("192.0.2.0/24"));
    QCOMPARE(matrix.cells[3].seller, MemberId(12));
    QCOMPARE(int(matrix.cells[3].state), int(proto::QualityState::Unknown));
}

void TestQualityQueries::matrixTooLarge()
{
    const auto db = filled();
    const std::vector<net::Prefix> rows = {prefix("198.51.100.0/24")};
    const auto answer = answerMatrix(*db, rows, {}, at(3600), MatrixLimits{2});
    const auto *refused = std::get_if<proto::Result>(&answer);
    QVERIFY(refused);
    QCOMPARE(int(refused->code), int(proto::ResultCode::InvalidFieldValue));
}

QTEST_APPLESS_MAIN(TestQualityQueries)
#include "tst_quality_queries.moc"
