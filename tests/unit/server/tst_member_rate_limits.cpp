#include "bwx/server/member_rate_limits.h"

#include <QTest>

using bwx::MemberId;
using bwx::server::MemberBucket;
using bwx::server::MemberRateLimits;
using namespace std::chrono_literals;

namespace {
const auto t0 = MemberBucket::Clock::time_point{} + 1h;

// How many messages the bucket lets through at one instant (bounded, for unlimited buckets).
int burstOf(MemberBucket &bucket, MemberBucket::Clock::time_point now, int cap = 10'000)
{
    int taken = 0;
    while (taken < cap && bucket.tryTake(now))
        ++taken;
    return taken;
}
} // namespace

class TestMemberRateLimits : public QObject
{
    Q_OBJECT

private slots:
    void rateThatApplies_data();
    void rateThatApplies();
    void sessionsOfAMemberShareOneBucket();
    void membersAreIndependent();
    void limitChangeReachesTheLiveBucket();
    void defaultChangeSparesMembersWithTheirOwnLimit();
};

void TestMemberRateLimits::rateThatApplies_data()
{
    QTest::addColumn<quint32>("exchangeDefault");
    QTest::addColumn<quint32>("memberLimit");
    QTest::addColumn<int>("burst"); // one second's worth; 10000 = not limited

    QTest::newRow("no default, no own limit: unlimited") << 0u << 0u << 10'000;
    QTest::newRow("own limit without a default") << 0u << 200u << 200;
    QTest::newRow("the exchange default") << 50u << 0u << 50;
    QTest::newRow("own limit wins over the default (higher)") << 50u << 300u << 300;
    QTest::newRow("own limit wins over the default (lower)") << 50u << 5u << 5;
}

void TestMemberRateLimits::rateThatApplies()
{
    QFETCH(quint32, exchangeDefault);
    QFETCH(quint32, memberLimit);
    QFETCH(int, burst);

    MemberRateLimits limits;
    limits.setDefaultRate(exchangeDefault, t0);
    limits.setMemberLimit(MemberId(7), memberLimit, t0);
    auto bucket = limits.bucketFor(MemberId(7), t0);
    QCOMPARE(burstOf(*bucket, t0), burst);
    if (burst < 10'000) {
        // Refills at the rate: after 100 ms a tenth of it is back.
        QCOMPARE(burstOf(*bucket, t0 + 100ms), burst / 10);
    }
}

void TestMemberRateLimits::sessionsOfAMemberShareOneBucket()
{
    MemberRateLimits limits;
    limits.setMemberLimit(MemberId(1), 100, t0);
    auto desk = limits.bucketFor(MemberId(1), t0);
    auto laptop = limits.bucketFor(MemberId(1), t0);
    QCOMPARE(desk.get(), laptop.get());
    // 60 from one session and 40 from the other use up the member's 100 together.
    QCOMPARE(burstOf(*desk, t0, 60), 60);
    QCOMPARE(burstOf(*laptop, t0), 40);
    QVERIFY(!desk->tryTake(t0));
}

void TestMemberRateLimits::membersAreIndependent()
{
    MemberRateLimits limits;
    limits.setMemberLimit(MemberId(1), 10, t0);
    limits.setMemberLimit(MemberId(2), 10, t0);
    auto a = limits.bucketFor(MemberId(1), t0);
    auto b = limits.bucketFor(MemberId(2), t0);
    QCOMPARE(burstOf(*a, t0), 10);
    QCOMPARE(burstOf(*b, t0), 10);
}

void TestMemberRateLimits::limitChangeReachesTheLiveBucket()
{
    MemberRateLimits limits;
    limits.setMemberLimit(MemberId(3), 1000, t0);
    auto bucket = limits.bucketFor(MemberId(3), t0);
    QCOMPARE(burstOf(*bucket, t0, 10), 10);
    // Lowered by an admin while the session runs: the credit is capped at the new size.
    limits.setMemberLimit(MemberId(3), 20, t0);
    QCOMPARE(bucket->ratePerSecond(), 20u);
    QCOMPARE(burstOf(*bucket, t0), 20);
    // Back to "the exchange default", which is none here.
    limits.setMemberLimit(MemberId(3), 0, t0);
    QCOMPARE(limits.rateOf(MemberId(3)), 0u);
    QCOMPARE(burstOf(*bucket, t0), 10'000);
}

void TestMemberRateLimits::defaultChangeSparesMembersWithTheirOwnLimit()
{
    MemberRateLimits limits;
    limits.setMemberLimit(MemberId(1), 30, t0);
    auto own = limits.bucketFor(MemberId(1), t0);
    auto byDefault = limits.bucketFor(MemberId(2), t0);
    limits.setDefaultRate(5, t0);
    QCOMPARE(own->ratePerSecond(), 30u);
    QCOMPARE(byDefault->ratePerSecond(), 5u);
    QCOMPARE(burstOf(*byDefault, t0), 5);
}

QTEST_APPLESS_MAIN(TestMemberRateLimits)
#include "tst_member_rate_limits.moc"
