#include "bwx/server/rate_limiter.h"

#include <QTest>

using bwx::server::RateLimiter;
using namespace std::chrono_literals;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void burstThenRefusal_data();
    void burstThenRefusal();
    void refillsAtTheRate();
    void neverExceedsBurstAfterLongPause();
    void zeroRateIsUnlimited();
    void reconfigureKeepsCreditCapped();
    void timeGoingBackwardsEarnsNothing();
};

void TestRateLimiter::burstThenRefusal_data()
{
    QTest::addColumn<quint32>("rate");
    QTest::addColumn<quint32>("burst");
    QTest::newRow("burst 1") << 10u << 1u;
    QTest::newRow("burst 5") << 10u << 5u;
    QTest::newRow("burst 1000, high rate") << 1'000'000u << 1000u;
    QTest::newRow("burst 0 acts as 1") << 10u << 0u;
}

void TestRateLimiter::burstThenRefusal()
{
    QFETCH(quint32, rate);
    QFETCH(quint32, burst);
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(rate, burst, t0);
    const quint32 allowed = std::max<quint32>(burst, 1);
    for (quint32 i = 0; i < allowed; ++i)
        QVERIFY2(limiter.tryTake(t0), qPrintable(QString("message %1 of the burst").arg(i)));
    QVERIFY(!limiter.tryTake(t0));
}

void TestRateLimiter::refillsAtTheRate()
{
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(100, 10, t0); // one token per 10 ms
    for (int i = 0; i < 10; ++i)
        QVERIFY(limiter.tryTake(t0));
    QVERIFY(!limiter.tryTake(t0));
    QVERIFY(!limiter.tryTake(t0 + 9ms));
    QVERIFY(limiter.tryTake(t0 + 10ms));
    QVERIFY(!limiter.tryTake(t0 + 10ms));
    // 1 s later: exactly 100 tokens earned, capped to the burst of 10.
    int taken = 0;
    while (limiter.tryTake(t0 + 1010ms))
        ++taken;
    QCOMPARE(taken, 10);
}

void TestRateLimiter::neverExceedsBurstAfterLongPause()
{
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(4'000'000'000u, 4'000'000'000u, t0); // extremes must not overflow
    const auto later = t0 + std::chrono::hours(24 * 365 * 100);
    QVERIFY(limiter.tryTake(later));
    QCOMPARE(limiter.available(), 4'000'000'000ull - 1);
}

void TestRateLimiter::zeroRateIsUnlimited()
{
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(0, 1, t0);
    for (int i = 0; i < 100'000; ++i)
        QVERIFY(limiter.tryTake(t0));
}

void TestRateLimiter::reconfigureKeepsCreditCapped()
{
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(10, 100, t0);
    limiter.reconfigure(10, 3, t0);
    int taken = 0;
    while (limiter.tryTake(t0))
        ++taken;
    QCOMPARE(taken, 3);
    limiter.reconfigure(1000, 50, t0);
    QVERIFY(!limiter.tryTake(t0));
    QVERIFY(limiter.tryTake(t0 + 1ms)); // the new rate applies at once
}

void TestRateLimiter::timeGoingBackwardsEarnsNothing()
{
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(10, 1, t0);
    QVERIFY(limiter.tryTake(t0));
    QVERIFY(!limiter.tryTake(t0 - 10s));
    QVERIFY(!limiter.tryTake(t0 + 50ms));
    QVERIFY(limiter.tryTake(t0 + 100ms));
}

QTEST_APPLESS_MAIN(TestRateLimiter)
#include "tst_rate_limiter.moc"
