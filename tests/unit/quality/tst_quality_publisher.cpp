// When a path's figure reaches the market: thresholds measured from the last published figure
// (hysteresis), one numeric change per interval and path, changes of kind at once. Driven by a
// fake clock.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/quality_publisher.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kT0 = *parseTimestamp("2026-11-26T12:00:00Z");
const PathKey kPath{MemberId(7), *net::Prefix::parse("198.51.100.0/24")};
const PathKey kOther{MemberId(8), *net::Prefix::parse("198.51.100.0/24")};

QualityFigure measured(std::uint32_t latencyUs, std::uint32_t lossPpm = 0, const PathKey &p = kPath)
{
    QualityFigure f;
    f.path = p;
    f.state = FigureState::Measured;
    f.basis = FigureBasis::OwnProbes;
    f.latencyUs = latencyUs;
    f.lossPpm = lossPpm;
    return f;
}

Timestamp at(int secondsAfter)
{
    return kT0 + seconds(secondsAfter);
}

struct Recorder
{
    std::vector<QualityChange> changes;
    QualityPublisher::Sink sink()
    {
        return [this](const QualityChange &c) {
            changes.push_back(c);
        };
    }
};

} // namespace

class TestQualityPublisher : public QObject
{
    Q_OBJECT

private slots:
    void firstFigure();
    void thresholds_data();
    void thresholds();
    void hysteresisAgainstDrift();
    void rateLimitHoldsAndFlushes();
    void heldChangeDroppedWhenItReturns();
    void changesOfKindAreImmediate_data();
    void changesOfKindAreImmediate();
    void pathsAreIndependent();
};

void TestQualityPublisher::firstFigure()
{
    Recorder r;
    QualityPublisher p(PublishPolicy{}, r.sink());
    QualityFigure unknown;
    unknown.path = kPath;
    p.offer(unknown, at(0));
    QVERIFY(r.changes.empty()); // an unknown path stays silent
    p.offer(measured(20'000), at(1));
    QCOMPARE(r.changes.size(), std::size_t(1));
    QVERIFY(!r.changes[0].previous);
    QCOMPARE(r.changes[0].figure.latencyUs, 20'000u);
    QCOMPARE(r.changes[0].reason, std::string("first figure"));
    QCOMPARE(p.published(kPath)->latencyUs, 20'000u);
}

void TestQualityPublisher::thresholds_data()
{
    QTest::addColumn<uint>("from");
    QTest::addColumn<uint>("to");
    QTest::addColumn<uint>("lossFrom");
    QTest::addColumn<uint>("lossTo");
    QTest::addColumn<bool>("published");
    // Defaults: latency max(1000 us, 10 %), loss 5000 ppm.
    QTest::newRow("latency +1000 us on 5 ms: not more than the absolute floor")
        << 5000u << 6000u << 0u << 0u << false;
    QTest::newRow("latency +1001 us on 5 ms") << 5000u << 6001u << 0u << 0u << true;
    QTest::newRow("latency +10 % on 50 ms: not more") << 50'000u << 55'000u << 0u << 0u << false;
    QTest::newRow("latency +10 % and 1 us on 50 ms") << 50'000u << 55'001u << 0u << 0u << true;
    QTest::newRow("latency -10 % and 1 us on 50 ms") << 50'000u << 44'999u << 0u << 0u << true;
    QTest::newRow("loss +5000 ppm: not more") << 50'000u << 50'000u << 0u << 5000u << false;
    QTest::newRow("loss +5001 ppm") << 50'000u << 50'000u << 0u << 5001u << true;
    QTest::newRow("loss -5001 ppm") << 50'000u << 50'000u << 10'000u << 4999u << true;
}

void TestQualityPublisher::thresholds()
{
    QFETCH(uint, from);
    QFETCH(uint, to);
    QFETCH(uint, lossFrom);
    QFETCH(uint, lossTo);
    QFETCH(bool, published);
    Recorder r;
    QualityPublisher p(PublishPolicy{}, r.sink());
    p.offer(measured(from, lossFrom), at(0));
    p.offer(measured(to, lossTo), at(3600)); // long after: the interval does not interfere
    QCOMPARE(r.changes.size(), std::size_t(published ? 2 : 1));
    if (published) {
        QCOMPARE(r.changes[1].previous->latencyUs, from);
        QCOMPARE(r.changes[1].figure.latencyUs, to);
        QVERIFY(!r.changes[1].reason.empty());
    }
}

void TestQualityPublisher::hysteresisAgainstDrift()
{
    // 20 ms drifting up 1 % per figure: compared with the last computed figure nothing would ever
    // be sent; compared with the last published one, an event follows once the drift exceeds 10 %.
    Recorder r;
    QualityPublisher p(PublishPolicy{}, r.sink());
    double latency = 20'000;
    p.offer(measured(std::uint32_t(latency)), at(0));
    int sentAt = -1;
    for (int i = 1; i <= 20 && sentAt < 0; ++i) {
        latency *= 1.01;
        p.offer(measured(std::uint32_t(latency)), at(i * 600));
        if (r.changes.size() == 2)
            sentAt = i;
    }
    QCOMPARE(sentAt, 10); // 1.01^10 = 1.1046 > 1.10, 1.01^9 = 1.0937
    // Oscillating around the published value never sends anything.
    const std::uint32_t base = r.changes.back().figure.latencyUs;
    for (int i = 0; i < 50; ++i)
        p.offer(measured(i % 2 ? base + 1500 : base - 1500), at(20'000 + i * 600));
    QCOMPARE(r.changes.size(), std::size_t(2));
}

void TestQualityPublisher::rateLimitHoldsAndFlushes()
{
    Recorder r;
    PublishPolicy policy;
    policy.minInterval = seconds(60);
    QualityPublisher p(policy, r.sink());
    p.offer(measured(10'000), at(0));
    p.offer(measured(30'000), at(10)); // significant, but only 10 s after the last event
    QCOMPARE(r.changes.size(), std::size_t(1));
    QCOMPARE(p.held(), std::size_t(1));
    QCOMPARE(*p.nextFlush(), at(60));
    p.offer(measured(32'000), at(20)); // a newer figure replaces the held one
    p.flush(at(59));
    QCOMPARE(r.changes.size(), std::size_t(1));
    p.flush(at(60));
    QCOMPARE(r.changes.size(), std::size_t(2));
    QCOMPARE(r.changes[1].figure.latencyUs, 32'000u);
    QCOMPARE(p.held(), std::size_t(0));
    QVERIFY(!p.nextFlush());
    // The interval runs from the flushed event.
    p.offer(measured(60'000), at(90));
    QCOMPARE(r.changes.size(), std::size_t(2));
    p.offer(measured(60'000), at(120));
    QCOMPARE(r.changes.size(), std::size_t(3));

    // At most one numeric event per interval, however many figures arrive.
    Recorder flood;
    QualityPublisher q(policy, flood.sink());
    for (int s = 0; s < 3600; ++s) {
        q.offer(measured(s % 2 ? 10'000 : 50'000), at(s));
        q.flush(at(s));
    }
    QVERIFY(flood.changes.size() <= 3600 / 60 + 1);
    QVERIFY(flood.changes.size() >= 3600 / 60 - 1);
}

void TestQualityPublisher::heldChangeDroppedWhenItReturns()
{
    Recorder r;
    QualityPublisher p(PublishPolicy{}, r.sink());
    p.offer(measured(10'000), at(0));
    p.offer(measured(30'000), at(10)); // held
    p.offer(measured(10'200), at(20)); // back near the published value: nothing to send
    QCOMPARE(p.held(), std::size_t(0));
    p.flush(at(600));
    QCOMPARE(r.changes.size(), std::size_t(1));
}

void TestQualityPublisher::changesOfKindAreImmediate_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<QString>("reason");
    QTest::newRow("became unreachable") << 0 << "measured -> unreachable";
    QTest::newRow("became stale") << 1 << "stale";
    QTest::newRow("fell back to third-party data") << 2 << "basis own-probes -> third-party";
    QTest::newRow("network distance changed") << 3 << "distance 0 -> 3";
    QTest::newRow("data expired: unknown") << 4 << "measured -> unknown";
}

void TestQualityPublisher::changesOfKindAreImmediate()
{
    QFETCH(int, change);
    QFETCH(QString, reason);
    Recorder r;
    QualityPublisher p(PublishPolicy{}, r.sink());
    p.offer(measured(10'000), at(0));
    QualityFigure next = measured(10'000);
    switch (change) {
    case 0:
        next.state = FigureState::Unreachable;
        next.latencyUs = 0;
        next.lossPpm = 1'000'000;
        break;
    case 1:
        next.stale = true;
        break;
    case 2:
        next.basis = FigureBasis::ThirdParty;
        break;
    case 3:
        next.distance = 3;
        break;
    case 4:
        next = QualityFigure{};
        next.path = kPath;
        break;
    }
    p.offer(next, at(1)); // one second later: within the interval, sent anyway
    QCOMPARE(r.changes.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(r.changes[1].reason), reason);
    QVERIFY(r.changes[1].figure == next);
}

void TestQualityPublisher::pathsAreIndependent()
{
    Recorder r;
    QualityPublisher p(PublishPolicy{}, r.sink());
    p.offer(measured(10'000), at(0));
    p.offer(measured(10'000, 0, kOther), at(1)); // another path's first figure is not held back
    QCOMPARE(r.changes.size(), std::size_t(2));
    QVERIFY(r.changes[1].figure.path == kOther);
}

QTEST_APPLESS_MAIN(TestQualityPublisher)
#include "tst_quality_publisher.moc"
