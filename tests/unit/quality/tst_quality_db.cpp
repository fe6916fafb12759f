// The quality database: rollups kept incrementally agree with rollups computed from the raw series
// by hand, whatever the order and batching of the samples; retention per granularity; a refused
// batch leaves nothing behind; duplicates are harmless; figures and distances survive a reopen.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTemporaryDir>
#include <QTest>

#include "bwx/quality/percentile.h"
#include "bwx/quality/quality_db.h"

#include <algorithm>
#include <map>
#include <random>
#include <sqlite3.h>
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kStart = *parseTimestamp("2026-11-20T00:00:00Z");
const PathKey kPath{MemberId(7), *net::Prefix::parse("198.51.100.0/24")};
const PathKey kOther{MemberId(8), *net::Prefix::parse("198.51.100.0/24")};

Measurement sample(const PathKey &path,
                   Timestamp t,
                   std::optional<std::uint32_t> latency,
                   std::uint32_t loss,
                   std::optional<std::uint32_t> jitter,
                   const char *source = "probe-icmp",
                   std::string origin = "icmp 198.51.100.1")
{
    Measurement m;
    m.path = path;
    m.time = t;
    m.source = source;
    m.origin = std::move(origin);
    m.latencyUs = latency;
    m.lossPpm = latency ? loss : 1'000'000;
    m.jitterUs = latency ? jitter : std::nullopt;
    return m;
}

// Three days of trains every 97 s with random latency (some below 256 us, where the histogram is
// exact), random loss, some unreachable, some without jitter.
std::vector<Measurement> series(std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<Measurement> out;
    for (std::int64_t s = 0; s < 3 * 86400; s += 97) {
        const bool lost = rng() % 20 == 0;
        const auto latency = std::uint32_t(rng() % 4 == 0 ? rng() % 256 : 1000 + rng() % 90'000);
        const auto loss = std::uint32_t(rng() % 3 == 0 ? rng() % 200'000 : 0);
        const std::optional<std::uint32_t> jitter
            = rng() % 5 == 0 ? std::nullopt
                             : std::optional<std::uint32_t>(std::uint32_t(rng() % 5000));
        out.push_back(sample(kPath, kStart + seconds(s),
                             lost ? std::nullopt : std::optional(latency), loss, jitter,
                             rng() % 2 ? "probe-icmp" : "probe-udp"));
    }
    return out;
}

struct ByHand
{
    std::uint64_t samples = 0;
    std::uint64_t reachable = 0;
    std::uint64_t lossSum = 0;
    std::uint64_t jitterSum = 0;
    std::uint64_t jitterCount = 0;
    std::vector<std::uint32_t> latencies;
};

std::map<std::int64_t, ByHand> byHand(const std::vector<Measurement> &ms, std::int64_t bucket)
{
    std::map<std::int64_t, ByHand> out;
    for (const Measurement &m : ms) {
        ByHand &e = out[m.time.seconds() / bucket * bucket];
        ++e.samples;
        e.lossSum += m.lossPpm;
        if (m.latencyUs) {
            ++e.reachable;
            e.latencies.push_back(*m.latencyUs);
        }
        if (m.jitterUs) {
            e.jitterSum += *m.jitterUs;
            ++e.jitterCount;
        }
    }
    return out;
}

std::uint32_t exactPercentile(std::vector<std::uint32_t> v, unsigned p)
{
    std::sort(v.begin(), v.end());
    return v[(v.size() * p + 99) / 100 - 1];
}

QualityDbOptions keepEverything()
{
    QualityDbOptions o;
    o.retention = Retention{Duration(0), Duration(0), Duration(0), Duration(0)};
    return o;
}

const Timestamp kLater = kStart + seconds(4 * 86400);

} // namespace

class TestQualityDb : public QObject
{
    Q_OBJECT

private slots:
    void rollupsMatchTheSeries();
    void batchingAndOrderDoNotMatter();
    void sourceSelection();
    void duplicatesChangeNothing();
    void refusedBatchLeavesNothing_data();
    void refusedBatchLeavesNothing();
    void retention();
    void figureAndDistance();
    void reopen();
    void otherSchemaVersionRefused();
};

void TestQualityDb::rollupsMatchTheSeries()
{
    QualityDb db(":memory:", keepEverything());
    const auto ms = series(1);
    const auto summary = db.record(ms, kLater);
    QVERIFY2(summary.hasValue(), summary.hasValue() ? "" : summary.error().c_str());
    QCOMPARE(summary->added, ms.size());
    QCOMPARE(summary->touched, std::vector<PathKey>{kPath});

    for (const Granularity g : kGranularities) {
        const auto expected = byHand(ms, bucketSeconds(g));
        const auto rows
            = db.rollups(RollupQuery{kPath, g, kStart, kLater, SourceSelection::All, {}});
        QCOMPARE(rows.size(), expected.size());
        for (const RollupRow &row : rows) {
            const ByHand &e = expected.at(row.bucket.seconds());
            QCOMPARE(int(row.granularity), int(g));
            QCOMPARE(row.samples, e.samples);
            QCOMPARE(row.reachable, e.reachable);
            QCOMPARE(row.lossMeanPpm, std::uint32_t((e.lossSum + e.samples / 2) / e.samples));
            if (e.jitterCount == 0)
                QVERIFY(!row.jitterMeanUs);
            else
                QCOMPARE(*row.jitterMeanUs,
                         std::uint32_t((e.jitterSum + e.jitterCount / 2) / e.jitterCount));
            if (e.latencies.empty()) {
                QVERIFY(!row.latencyP50Us && !row.latencyP95Us);
                continue;
            }
            for (const auto &[p, value] :
                 {std::pair{50u, row.latencyP50Us}, {95u, row.latencyP95Us}}) {
                const std::uint32_t exact = exactPercentile(e.latencies, p);
                QVERIFY(value.has_value());
                QVERIFY2(*value <= exact && double(exact - *value) <= double(*value) / 128.0,
                         qPrintable(QString("p%1 %2 vs exact %3").arg(p).arg(*value).arg(exact)));
                if (exact < 256)
                    QCOMPARE(*value, exact);
            }
        }
    }
    // Raw samples come back as stored.
    const auto raw = db.samples(kPath, kStart, kLater);
    QCOMPARE(raw.size(), ms.size());
    QVERIFY(std::is_sorted(raw.begin(), raw.end(), [](const Measurement &a, const Measurement &b) {
        return a.time < b.time;
    }));
    QVERIFY(raw.front() == ms.front());
}

void TestQualityDb::batchingAndOrderDoNotMatter()
{
    auto ms = series(2);
    QualityDb whole(":memory:", keepEverything());
    QVERIFY(whole.record(ms, kLater).hasValue());

    // The same samples shuffled, in uneven batches (late samples for closed buckets included).
    std::mt19937_64 rng(9);
    std::shuffle(ms.begin(), ms.end(), rng);
    QualityDb pieces(":memory:", keepEverything());
    std::size_t at = 0;
    while (at < ms.size()) {
        const std::size_t n = std::min<std::size_t>(1 + rng() % 200, ms.size() - at);
        QVERIFY(pieces.record(std::span(ms).subspan(at, n), kLater).hasValue());
        at += n;
    }
    for (const Granularity g : kGranularities) {
        for (const auto selection : {SourceSelection::All, SourceSelection::OwnProbes}) {
            const RollupQuery q{kPath, g, kStart, kLater, selection, {}};
            const auto a = whole.rollups(q);
            const auto b = pieces.rollups(q);
            QCOMPARE(a.size(), b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                QCOMPARE(a[i].bucket, b[i].bucket);
                QCOMPARE(a[i].samples, b[i].samples);
                QCOMPARE(a[i].latencyP50Us, b[i].latencyP50Us);
                QCOMPARE(a[i].latencyP95Us, b[i].latencyP95Us);
                QCOMPARE(a[i].lossMeanPpm, b[i].lossMeanPpm);
                QCOMPARE(a[i].jitterMeanUs, b[i].jitterMeanUs);
            }
        }
    }
}

void TestQualityDb::sourceSelection()
{
    QualityDb db(":memory:", keepEverything());
    const Timestamp t = kStart + seconds(10);
    const std::vector<Measurement> ms{
        sample(kPath, t, 1000, 0, 10, "probe-icmp"),
        sample(kPath, t + seconds(1), 3000, 0, 10, "probe-udp"),
        sample(kPath, t + seconds(2), 9000, 100'000, std::nullopt, "ripe-atlas", "msm 1 prb 2"),
    };
    QVERIFY(db.record(ms, kLater).hasValue());
    const auto one = [&](SourceSelection s, std::string source = {}) {
        const auto rows = db.rollups(
            RollupQuery{kPath, Granularity::Hour, kStart, kLater, s, std::move(source)});
        if (rows.size() != 1)
            qFatal("expected one bucket");
        return rows[0];
    };
    QCOMPARE(one(SourceSelection::All).samples, 3u);
    QCOMPARE(one(SourceSelection::All).source, std::string("all"));
    QCOMPARE(one(SourceSelection::OwnProbes).samples, 2u);
    QCOMPARE(*one(SourceSelection::OwnProbes).latencyP50Us, 1000u);
    // 3000 us lies in the histogram bin [2992, 3008): rollups report the bin's lower bound.
    QCOMPARE(*one(SourceSelection::OwnProbes).latencyP95Us, 2992u);
    QCOMPARE(one(SourceSelection::ThirdParty).samples, 1u);
    QCOMPARE(one(SourceSelection::ThirdParty).lossMeanPpm, 100'000u);
    QCOMPARE(one(SourceSelection::Exact, "probe-udp").samples, 1u);
    QCOMPARE(*one(SourceSelection::Exact, "probe-udp").latencyP50Us, 2992u);
    QVERIFY(db.rollups(RollupQuery{kPath, Granularity::Hour, kStart, kLater, SourceSelection::Exact,
                                   "irtt"})
                .empty());
    QCOMPARE(db.samples(kPath, kStart, kLater, "ripe-atlas").size(), std::size_t(1));
}

void TestQualityDb::duplicatesChangeNothing()
{
    QualityDb db(":memory:", keepEverything());
    const auto ms = series(3);
    QVERIFY(db.record(ms, kLater).hasValue());
    const RollupQuery q{kPath, Granularity::Day, kStart, kLater, SourceSelection::All, {}};
    const auto before = db.rollups(q);
    const auto again = db.record(ms, kLater);
    QVERIFY(again.hasValue());
    QCOMPARE(again->added, std::size_t(0));
    QCOMPARE(again->duplicates, ms.size());
    QVERIFY(again->touched.empty());
    const auto after = db.rollups(q);
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        QCOMPARE(after[i].samples, before[i].samples);
    // The same time from another probe (origin) is another sample.
    auto other = ms.front();
    other.origin = "icmp 198.51.100.2";
    QCOMPARE(db.record(std::vector{other}, kLater)->added, std::size_t(1));
}

void TestQualityDb::refusedBatchLeavesNothing_data()
{
    QTest::addColumn<int>("bad");
    QTest::addColumn<QString>("reason");
    QTest::newRow("seller zero") << 0 << "measurement 3 (0:198.51.100.0/24, probe-icmp): seller 0";
    QTest::newRow("loss above a million") << 1 << "loss 2000000 ppm is above 1000000";
    QTest::newRow("latency with total loss") << 2 << "a latency although every probe was lost";
    QTest::newRow("bad source name") << 3 << "source may only hold";
    QTest::newRow("from the future") << 4 << "is ahead of the exchange's clock";
    QTest::newRow("received above sent") << 5 << "received 5 > sent 4";
}

void TestQualityDb::refusedBatchLeavesNothing()
{
    QFETCH(int, bad);
    QFETCH(QString, reason);
    QualityDb db(":memory:", keepEverything());
    const Timestamp t = kStart + seconds(100);
    std::vector<Measurement> batch{sample(kOther, t, 1000, 0, 5),
                                   sample(kOther, t + seconds(1), 2000, 0, 5),
                                   sample(kOther, t + seconds(2), 3000, 0, 5)};
    Measurement &m = batch[2];
    switch (bad) {
    case 0:
        m.path.seller = MemberId(0);
        break;
    case 1:
        m.lossPpm = 2'000'000;
        break;
    case 2:
        m.lossPpm = 1'000'000;
        break;
    case 3:
        m.source = "probe icmp";
        break;
    case 4:
        m.time = kLater + seconds(301);
        break;
    case 5:
        m.sent = 4;
        m.received = 5;
        break;
    }
    const auto result = db.record(batch, kLater);
    QVERIFY(!result.hasValue());
    QVERIFY2(QString::fromStdString(result.error()).contains(reason), result.error().c_str());
    QVERIFY(db.paths().empty());
    QVERIFY(db.samples(kOther, kStart, kLater + seconds(1000)).empty());
    QVERIFY(
        db.rollups(RollupQuery{
                       kOther, Granularity::FiveMinutes, kStart, kLater, SourceSelection::All, {}})
            .empty());
    QVERIFY(!db.currentFigure(kOther, kLater).known());
}

void TestQualityDb::retention()
{
    QualityDbOptions options;
    options.retention.raw = seconds(86400);
    options.retention.fiveMinutes = seconds(2 * 86400);
    options.retention.hour = seconds(2 * 86400 + 1800);
    options.retention.day = Duration(0);
    QualityDb db(":memory:", options);
    const auto ms = series(4); // 3 days from kStart
    QVERIFY(db.record(ms, kLater).hasValue());
    const Timestamp now = kStart + seconds(3 * 86400) + seconds(600);
    const PruneSummary pruned = db.prune(now);
    QVERIFY(pruned.samples > 0 && pruned.rollups > 0);

    const auto raw = db.samples(kPath, kStart, kLater);
    QVERIFY(!raw.empty());
    QVERIFY(raw.front().time >= now - seconds(86400));
    const auto kept = std::count_if(
        ms.begin(), ms.end(), [&](const Measurement &m) { return m.time >= now - seconds(86400); });
    QCOMPARE(std::int64_t(raw.size()), std::int64_t(kept));

    for (const Granularity g : kGranularities) {
        const auto rows
            = db.rollups(RollupQuery{kPath, g, kStart, kLater, SourceSelection::All, {}});
        const auto all = byHand(ms, bucketSeconds(g));
        const Duration keep = options.retention.of(g);
        std::size_t expected = 0;
        for (const auto &[bucket, e] : all) {
            if (!keep.isPositive() || bucket + bucketSeconds(g) > (now - keep).seconds())
                ++expected;
        }
        QCOMPARE(rows.size(), expected);
        QVERIFY(expected < all.size() || g == Granularity::Day);
        // What is kept is untouched by pruning the raw samples under it.
        for (const RollupRow &row : rows)
            QCOMPARE(row.samples, all.at(row.bucket.seconds()).samples);
    }
    // A second prune finds nothing more.
    const PruneSummary again = db.prune(now);
    QCOMPARE(again.samples, std::size_t(0));
    QCOMPARE(again.rollups, std::size_t(0));
}

void TestQualityDb::figureAndDistance()
{
    QualityDb db(":memory:", QualityDbOptions{});
    const Timestamp now = kLater;
    std::vector<Measurement> ms;
    for (int i = 0; i < 5; ++i)
        ms.push_back(
            sample(kPath, now - seconds(60 * (i + 1)), 10'000 + std::uint32_t(i) * 1000, 0, 100));
    ms.push_back(sample(kPath, now - seconds(3600), 50'000, 0, 100, "ripe-atlas", "prb 1"));
    QVERIFY(db.record(ms, now).hasValue());
    QualityFigure f = db.currentFigure(kPath, now);
    QCOMPARE(int(f.state), int(FigureState::Measured));
    QCOMPARE(int(f.basis), int(FigureBasis::OwnProbes));
    QCOMPARE(f.latencyUs, 12'000u);
    QCOMPARE(f.samples, 5u);
    QCOMPARE(f.source, std::string("probe-icmp"));
    QCOMPARE(f.distance, std::uint8_t(0));

    db.setDistance(kPath, 3);
    QCOMPARE(db.distance(kPath), std::uint8_t(3));
    QCOMPARE(db.currentFigure(kPath, now).distance, std::uint8_t(3));
    // A distance for a path with no samples yet makes the path known to the database.
    db.setDistance(kOther, 2);
    QCOMPARE(db.paths().size(), std::size_t(2));
    QCOMPARE(db.currentFigure(kOther, now).distance, std::uint8_t(2));
    QVERIFY(!db.currentFigure(kOther, now).known());
    db.setDistance(kPath, 0);
    QCOMPARE(db.distance(kPath), std::uint8_t(0));

    // An hour later the own probes are stale and the (still fresh) Atlas sample takes over.
    f = db.currentFigure(kPath, now + seconds(3600));
    QCOMPARE(int(f.basis), int(FigureBasis::ThirdParty));
    QCOMPARE(f.latencyUs, 50'000u);
    QCOMPARE(f.source, std::string("ripe-atlas"));
    QVERIFY(!f.stale);
}

void TestQualityDb::reopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string file = dir.filePath("quality.sqlite").toStdString();
    const auto ms = series(5);
    {
        QualityDb db(file, keepEverything());
        QVERIFY(db.record(ms, kLater).hasValue());
        db.setDistance(kPath, 4);
    }
    QualityDb db(file, keepEverything());
    QCOMPARE(db.paths(), std::vector<PathKey>{kPath});
    QCOMPARE(db.distance(kPath), std::uint8_t(4));
    QCOMPARE(db.samples(kPath, kStart, kLater).size(), ms.size());
    // New samples after reopening reuse the stored path and source ids.
    QVERIFY(db.record(std::vector{sample(kPath, kLater - seconds(1), 5, 0, 1)}, kLater).hasValue());
    QCOMPARE(db.paths().size(), std::size_t(1));
    QCOMPARE(db.currentFigure(kPath, kLater).latencyUs, 5u);
}

void TestQualityDb::otherSchemaVersionRefused()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath("other.sqlite").toStdString();
    sqlite3 *raw = nullptr;
    QCOMPARE(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
    QCOMPARE(sqlite3_exec(raw, "PRAGMA user_version=7", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    try {
        QualityDb db(file, QualityDbOptions{});
        QFAIL("a database of another schema version was opened");
    } catch (const QualityDbError &e) {
        QVERIFY2(QString(e.what()).contains("schema version 7"), e.what());
    }
}

QTEST_APPLESS_MAIN(TestQualityDb)
#include "tst_quality_db.moc"
