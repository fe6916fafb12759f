// From stored measurements to the market's change events, with a fake clock: the first figure,
// silence while nothing moves, a held change published when its interval has passed, staleness and
// the fall-back to third-party data arriving with time alone, unreachable at once, distance from
// the registry, and pruning on the tick.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/quality_tracker.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kT0 = *parseTimestamp("2026-11-26T12:00:00Z");
const PathKey kPath{MemberId(7), *net::Prefix::parse("198.51.100.0/24")};

Timestamp at(int secondsAfter)
{
    return kT0 + seconds(secondsAfter);
}

Measurement own(Timestamp t, std::optional<std::uint32_t> latencyUs)
{
    Measurement m;
    m.path = kPath;
    m.time = t;
    m.source = "probe-icmp";
    m.origin = "icmp 198.51.100.1";
    m.latencyUs = latencyUs;
    m.lossPpm = latencyUs ? 0 : 1'000'000;
    return m;
}

} // namespace

class TestQualityTracker : public QObject
{
    Q_OBJECT

private slots:
    void eventsFollowTheFigure();
    void badBatchPublishesNothing();
    void pruneOnTick();
};

void TestQualityTracker::eventsFollowTheFigure()
{
    QualityDb db(":memory:", QualityDbOptions{});
    std::vector<QualityChange> events;
    QualityTracker tracker(db, PublishPolicy{},
                           [&](const QualityChange &c) { events.push_back(c); });

    QVERIFY(tracker.record(std::vector{own(at(0), 20'000)}, at(1)).hasValue());
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].figure.latencyUs, 20'000u);
    QCOMPARE(events[0].reason, std::string("first figure"));

    // Within the thresholds: nothing.
    QVERIFY(tracker.record(std::vector{own(at(600), 20'500)}, at(601)).hasValue());
    tracker.tick(at(610));
    QCOMPARE(events.size(), std::size_t(1));

    // Three rounds at 45 ms move the p50 (rank 3 of 5): published at once, the last event being
    // ten minutes old.
    QVERIFY(
        tracker
            .record(std::vector{own(at(610), 45'000), own(at(611), 45'000), own(at(612), 45'000)},
                    at(613))
            .hasValue());
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(events[1].previous->latencyUs, 20'000u);
    QCOMPARE(events[1].figure.latencyUs, 45'000u);

    // Seven rounds at 200 ms, 12 s later, move it again (rank 6 of 12): held back by the
    // one-minute interval, then published by the first tick after it.
    std::vector<Measurement> slow;
    for (int i = 0; i < 7; ++i)
        slow.push_back(own(at(620 + i), 200'000));
    QVERIFY(tracker.record(slow, at(627)).hasValue());
    QCOMPARE(events.size(), std::size_t(2));
    tracker.tick(at(672));
    QCOMPARE(events.size(), std::size_t(2));
    tracker.tick(at(673));
    QCOMPARE(events.size(), std::size_t(3));
    QCOMPARE(events[2].figure.latencyUs, 200'000u);

    // A third-party figure arrives; own probes remain fresh, so nothing changes.
    Measurement atlas = own(at(700), 90'000);
    atlas.source = "ripe-atlas";
    atlas.origin = "msm 1 prb 2";
    QVERIFY(tracker.record(std::vector{atlas}, at(701)).hasValue());
    QCOMPARE(events.size(), std::size_t(3));

    // No own probe for 30 minutes: with time alone the figure falls back to the third-party one.
    tracker.tick(at(626 + 1800));
    QCOMPARE(events.size(), std::size_t(3));
    tracker.tick(at(626 + 1801));
    QCOMPARE(events.size(), std::size_t(4));
    QCOMPARE(int(events[3].figure.basis), int(FigureBasis::ThirdParty));
    QCOMPARE(events[3].figure.latencyUs, 90'000u);

    // The path stops answering: two unreachable rounds, published at once.
    QVERIFY(tracker.record(std::vector{own(at(2500), std::nullopt)}, at(2501)).hasValue());
    QVERIFY(tracker.record(std::vector{own(at(2510), std::nullopt)}, at(2511)).hasValue());
    QCOMPARE(int(events.back().figure.state), int(FigureState::Unreachable));
    QCOMPARE(events.back().figure.lossPpm, 1'000'000u);
    QCOMPARE(events.back().reason, std::string("measured -> unreachable"));

    // The registry reports the AS-path length.
    const std::size_t before = events.size();
    tracker.setDistance(kPath, 3, at(2512));
    QCOMPARE(events.size(), before + 1);
    QCOMPARE(events.back().figure.distance, std::uint8_t(3));
}

void TestQualityTracker::badBatchPublishesNothing()
{
    QualityDb db(":memory:", QualityDbOptions{});
    std::vector<QualityChange> events;
    QualityTracker tracker(db, PublishPolicy{},
                           [&](const QualityChange &c) { events.push_back(c); });
    Measurement bad = own(at(0), 5'000);
    bad.lossPpm = 1'000'000; // a latency with total loss
    const auto result = tracker.record(std::vector{own(at(0), 5'000), bad}, at(1));
    QVERIFY(!result.hasValue());
    QVERIFY(events.empty());
    tracker.tick(at(2));
    QVERIFY(events.empty());
}

void TestQualityTracker::pruneOnTick()
{
    QualityDbOptions options;
    options.retention.raw = seconds(3600);
    QualityDb db(":memory:", options);
    QualityTracker tracker(
        db, PublishPolicy{}, [](const QualityChange &) {}, seconds(600));
    QVERIFY(tracker.record(std::vector{own(at(0), 5'000)}, at(1)).hasValue());
    tracker.tick(at(10));
    QCOMPARE(*tracker.lastPrune(), at(10));
    QCOMPARE(db.samples(kPath, at(0), at(10)).size(), std::size_t(1));
    tracker.tick(at(400)); // not due yet
    QCOMPARE(*tracker.lastPrune(), at(10));
    tracker.tick(at(3601 + 600));
    QCOMPARE(*tracker.lastPrune(), at(4201));
    QVERIFY(db.samples(kPath, at(0), at(10)).empty());
}

QTEST_APPLESS_MAIN(TestQualityTracker)
#include "tst_quality_tracker.moc"
