// Probe scheduling with a fake clock: the global rate limit and per-seller budgets, trains in
// flight, priorities (next target, full analysis, new path, revalidation), moving through a
// destination's targets, local failures, and a simulated day that never exceeds the limits.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/scheduler.h"

#include <deque>
#include <map>
#include <random>
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kT0 = *parseTimestamp("2026-11-26T12:00:00Z");
const MemberId kA(1);
const MemberId kB(2);

net::Prefix pfx(const char *text)
{
    return *net::Prefix::parse(text);
}

Timestamp ms(std::int64_t after)
{
    return kT0 + milliseconds(after);
}

ScheduleConfig config()
{
    ScheduleConfig c;
    c.globalRatePps = 100;
    c.globalBurst = 40;
    c.sellerRatePps = 50;
    c.sellerBurst = 40;
    c.maxTrainsInFlight = 8;
    c.maxTrainsPerSeller = 1;
    c.revalidationPeriod = seconds(600);
    c.errorRetry = seconds(60);
    return c;
}

const std::vector<ProbeProtocol> kIcmp{ProbeProtocol::Icmp};

} // namespace

class TestQualityScheduler : public QObject
{
    Q_OBJECT

private slots:
    void tokenBucket();
    void tokenBucketClockBackwards();
    void newPathsDueAtOnce();
    void globalRateLimit();
    void sellerBudget();
    void oneTrainPerSeller();
    void revalidationPeriod();
    void fullAnalysisGoesFirst();
    void fullAnalysisWhileRunning();
    void nextTargetOnSilence();
    void localErrorRetries();
    void droppedPathsAndSellers();
    void protocolsAreSeparateItems();
    void simulatedDayRespectsLimits();
};

void TestQualityScheduler::tokenBucket()
{
    TokenBucket b(100, 40, kT0);
    QCOMPARE(b.available(kT0), 40u);
    QVERIFY(b.tryTake(30, kT0));
    QVERIFY(!b.tryTake(20, kT0));
    QCOMPARE(b.available(kT0), 10u);
    QCOMPARE(*b.availableAt(20, kT0), ms(100)); // 10 more at 100/s
    QVERIFY(!b.tryTake(20, ms(99)));
    QVERIFY(b.tryTake(20, ms(100)));
    QCOMPARE(b.available(ms(100)), 0u);
    QCOMPARE(b.available(ms(100'000)), 40u); // never above the capacity
    QVERIFY(!b.availableAt(41, kT0));        // more than the burst: never
    // Refill is exact in integer arithmetic: 1 token per 10 ms, no drift over a day.
    TokenBucket exact(100, 1, kT0);
    int taken = 0;
    for (std::int64_t t = 0; t <= 86'400'000; t += 10)
        taken += exact.tryTake(1, ms(t)) ? 1 : 0;
    QCOMPARE(taken, 8'640'001);
}

void TestQualityScheduler::tokenBucketClockBackwards()
{
    TokenBucket b(10, 10, kT0);
    QVERIFY(b.tryTake(10, ms(1000)));
    // The clock steps back a second: that must not be taken as a second of refill.
    QVERIFY(!b.tryTake(1, ms(0)));
    QVERIFY(!b.tryTake(1, ms(1050)));
    QVERIFY(b.tryTake(1, ms(1100)));
}

void TestQualityScheduler::newPathsDueAtOnce()
{
    Scheduler s(config(), kIcmp, 20, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("198.51.100.0/24"), 1}}, kT0);
    const auto job = s.next(kT0);
    QVERIFY(job);
    QVERIFY(job->path == (PathKey{kA, pfx("198.51.100.0/24")}));
    QCOMPARE(int(job->reason), int(JobReason::NewPath));
    QCOMPARE(job->probes, 20u);
    QCOMPARE(job->targetIndex, 0u);
    QCOMPARE(s.inFlight(), std::size_t(1));
    QVERIFY(!s.next(kT0)); // nothing else queued
}

void TestQualityScheduler::globalRateLimit()
{
    ScheduleConfig c = config();
    c.maxTrainsPerSeller = 10;
    c.sellerRatePps = 1000;
    c.sellerBurst = 1000;
    Scheduler s(c, kIcmp, 20, kT0);
    s.setSeller(kA, 0, 0, kT0);
    std::vector<PathPlan> plans;
    for (int i = 0; i < 5; ++i)
        plans.push_back({pfx(("10." + std::to_string(i) + ".0.0/16").c_str()), 1});
    s.setPaths(kA, plans, kT0);
    // Burst 40 holds two trains of 20; then one train every 200 ms at 100 probes/s.
    QVERIFY(s.next(kT0));
    QVERIFY(s.next(kT0));
    QVERIFY(!s.next(kT0));
    QCOMPARE(*s.nextWakeup(kT0), ms(200));
    QVERIFY(!s.next(ms(199)));
    QVERIFY(s.next(ms(200)));
    QCOMPARE(*s.nextWakeup(ms(200)), ms(400));
    QVERIFY(s.next(ms(400)));
    QVERIFY(s.next(ms(600)));
    QVERIFY(!s.nextWakeup(ms(600))); // all five running or done: nothing queued
}

void TestQualityScheduler::sellerBudget()
{
    ScheduleConfig c = config();
    c.globalRatePps = 10'000;
    c.globalBurst = 10'000;
    c.maxTrainsPerSeller = 10;
    Scheduler s(c, kIcmp, 20, kT0);
    s.setSeller(kA, 10, 20, kT0); // one train of 20 every 2 s
    s.setSeller(kB, 0, 0, kT0);   // the default budget (50/s, burst 40)
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}, {pfx("10.2.0.0/16"), 1}}, kT0);
    s.setPaths(kB, {{pfx("10.3.0.0/16"), 1}, {pfx("10.4.0.0/16"), 1}}, kT0);
    std::map<MemberId, int> started;
    while (auto job = s.next(kT0))
        ++started[job->path.seller];
    QCOMPARE(started[kA], 1); // A's budget holds one train
    QCOMPARE(started[kB], 2); // B is not held back by A
    QCOMPARE(*s.nextWakeup(kT0), ms(2000));
    QVERIFY(!s.next(ms(1999)));
    const auto job = s.next(ms(2000));
    QVERIFY(job && job->path.seller == kA);
}

void TestQualityScheduler::oneTrainPerSeller()
{
    Scheduler s(config(), kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setSeller(kB, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}, {pfx("10.2.0.0/16"), 1}}, kT0);
    s.setPaths(kB, {{pfx("10.3.0.0/16"), 1}}, kT0);
    const auto a1 = s.next(kT0);
    const auto b1 = s.next(kT0);
    QVERIFY(a1 && b1);
    QVERIFY(a1->path.seller != b1->path.seller);
    QVERIFY(!s.next(kT0)); // A's second path waits for A's first train
    QVERIFY(!s.nextWakeup(kT0));
    const ProbeJob &a = a1->path.seller == kA ? *a1 : *b1;
    QCOMPARE(int(s.finished(a, JobAnswer::Answered, ms(1000))), int(JobOutcome::Publish));
    const auto a2 = s.next(ms(1000));
    QVERIFY(a2 && a2->path.seller == kA && !(a2->path == a.path));
}

void TestQualityScheduler::revalidationPeriod()
{
    Scheduler s(config(), kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}}, kT0);
    const auto job = s.next(kT0);
    s.finished(*job, JobAnswer::Answered, ms(1500));
    QCOMPARE(*s.dueAt(job->path, ProbeProtocol::Icmp), ms(1500) + seconds(600));
    QCOMPARE(*s.nextWakeup(ms(1500)), ms(1500) + seconds(600));
    QVERIFY(!s.next(ms(1500) + seconds(599)));
    const auto again = s.next(ms(1500) + seconds(600));
    QVERIFY(again);
    QCOMPARE(int(again->reason), int(JobReason::Revalidation));
}

void TestQualityScheduler::fullAnalysisGoesFirst()
{
    ScheduleConfig c = config();
    c.maxTrainsInFlight = 1;
    c.globalRatePps = 1000;
    c.globalBurst = 1000;
    Scheduler s(c, kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setSeller(kB, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}}, kT0);
    // Both measured once; revalidation due in 10 minutes.
    auto job = s.next(kT0);
    s.finished(*job, JobAnswer::Answered, kT0);
    s.setPaths(kB, {{pfx("10.2.0.0/16"), 1}, {pfx("10.3.0.0/16"), 1}}, ms(10));
    // B's new paths are due, then A reconnects: A's full analysis goes ahead of them.
    s.requestFullAnalysis(kA, ms(20));
    job = s.next(ms(20));
    QVERIFY(job);
    QCOMPARE(job->path.seller, kA);
    QCOMPARE(int(job->reason), int(JobReason::FullAnalysis));
    s.finished(*job, JobAnswer::Answered, ms(30));
    job = s.next(ms(30));
    QCOMPARE(job->path.seller, kB);
    QCOMPARE(int(job->reason), int(JobReason::NewPath));
}

void TestQualityScheduler::fullAnalysisWhileRunning()
{
    Scheduler s(config(), kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}}, kT0);
    const auto job = s.next(kT0);
    s.requestFullAnalysis(kA, ms(5)); // the running train predates the reconnect
    s.finished(*job, JobAnswer::Answered, ms(100));
    const auto again = s.next(ms(100));
    QVERIFY(again);
    QCOMPARE(int(again->reason), int(JobReason::FullAnalysis));
}

void TestQualityScheduler::nextTargetOnSilence()
{
    Scheduler s(config(), kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 3}}, kT0);
    auto job = s.next(kT0);
    QCOMPARE(job->targetIndex, 0u);
    QCOMPARE(int(s.finished(*job, JobAnswer::NoReply, ms(2000))), int(JobOutcome::TryNextTarget));
    job = s.next(ms(2000));
    QVERIFY(job);
    QCOMPARE(job->targetIndex, 1u);
    QCOMPARE(int(job->reason), int(JobReason::NextTarget));
    QCOMPARE(int(s.finished(*job, JobAnswer::NoReply, ms(4000))), int(JobOutcome::TryNextTarget));
    job = s.next(ms(4000));
    QCOMPARE(job->targetIndex, 2u);
    // The last target is silent too: the round is over and its result (unreachable) stands.
    QCOMPARE(int(s.finished(*job, JobAnswer::NoReply, ms(6000))), int(JobOutcome::Publish));
    QCOMPARE(*s.dueAt(job->path, ProbeProtocol::Icmp), ms(6000) + seconds(600));
    // The next round starts over at the first target; target 1 answers and is kept.
    job = s.next(ms(6000) + seconds(600));
    QCOMPARE(job->targetIndex, 0u);
    s.finished(*job, JobAnswer::NoReply, ms(8000) + seconds(600));
    job = s.next(ms(8000) + seconds(600));
    QCOMPARE(job->targetIndex, 1u);
    QCOMPARE(int(s.finished(*job, JobAnswer::Answered, ms(9000) + seconds(600))),
             int(JobOutcome::Publish));
    job = s.next(ms(9000) + seconds(1200));
    QCOMPARE(job->targetIndex, 1u);
}

void TestQualityScheduler::localErrorRetries()
{
    Scheduler s(config(), kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 2}}, kT0);
    const auto job = s.next(kT0);
    QCOMPARE(int(s.finished(*job, JobAnswer::LocalError, ms(10))), int(JobOutcome::Dropped));
    // Not the next target (the target is not to blame): the same round, after errorRetry.
    QCOMPARE(*s.dueAt(job->path, ProbeProtocol::Icmp), ms(10) + seconds(60));
    const auto again = s.next(ms(10) + seconds(60));
    QCOMPARE(again->targetIndex, 0u);
}

void TestQualityScheduler::droppedPathsAndSellers()
{
    Scheduler s(config(), kIcmp, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}, {pfx("10.2.0.0/16"), 1}}, kT0);
    const auto job = s.next(kT0);
    // The running path is withdrawn: its result is dropped and the seller is free again.
    s.setPaths(kA, {{pfx("10.2.0.0/16"), 1}}, ms(1));
    QCOMPARE(s.inFlight(), std::size_t(0));
    QVERIFY(!s.dueAt(job->path, ProbeProtocol::Icmp));
    QCOMPARE(int(s.finished(*job, JobAnswer::Answered, ms(2))), int(JobOutcome::Dropped));
    const auto other = s.next(ms(2));
    QVERIFY(other && other->path.destination == pfx("10.2.0.0/16"));
    s.removeSeller(kA);
    QVERIFY(!s.hasSeller(kA));
    QCOMPARE(s.inFlight(), std::size_t(0));
    QCOMPARE(s.queued(), std::size_t(0));
    QCOMPARE(int(s.finished(*other, JobAnswer::Answered, ms(3))), int(JobOutcome::Dropped));
    // Paths for an unknown seller are ignored.
    s.setPaths(kB, {{pfx("10.9.0.0/16"), 1}}, ms(4));
    QVERIFY(!s.next(ms(4)));
}

void TestQualityScheduler::protocolsAreSeparateItems()
{
    ScheduleConfig c = config();
    c.maxTrainsPerSeller = 2;
    Scheduler s(c, {ProbeProtocol::Icmp, ProbeProtocol::Udp}, 10, kT0);
    s.setSeller(kA, 0, 0, kT0);
    s.setPaths(kA, {{pfx("10.1.0.0/16"), 1}}, kT0);
    const auto a = s.next(kT0);
    const auto b = s.next(kT0);
    QVERIFY(a && b);
    QVERIFY(a->protocol != b->protocol);
    QVERIFY(a->path == b->path);
}

void TestQualityScheduler::simulatedDayRespectsLimits()
{
    // 6 sellers x 40 destinations, two protocols, trains of 20 probes lasting 1 s, 1 in 7 silent
    // (moving on to the next of 2 targets). Over a simulated day: the global bucket bounds every
    // window, each seller's budget bounds its windows, no seller ever has two trains at once, and
    // every item is revalidated about every period.
    ScheduleConfig c = config();
    c.globalRatePps = 60;
    c.globalBurst = 200;
    c.sellerRatePps = 15;
    c.sellerBurst = 40;
    c.maxTrainsInFlight = 4;
    c.revalidationPeriod = seconds(1800);
    const std::uint32_t cost = 20;
    Scheduler s(c, {ProbeProtocol::Icmp, ProbeProtocol::Udp}, cost, kT0);
    for (std::uint32_t seller = 1; seller <= 6; ++seller) {
        s.setSeller(MemberId(seller), 0, 0, kT0);
        std::vector<PathPlan> plans;
        for (int d = 0; d < 40; ++d)
            plans.push_back(
                {pfx(("10." + std::to_string(seller) + "." + std::to_string(d) + ".0/24").c_str()),
                 2});
        s.setPaths(MemberId(seller), plans, kT0);
    }
    std::mt19937 rng(1);
    std::multimap<Timestamp, ProbeJob> running;
    std::vector<std::pair<Timestamp, MemberId>> starts;
    std::map<std::pair<PathKey, ProbeProtocol>, std::vector<Timestamp>> rounds;
    Timestamp now = kT0;
    const Timestamp end = kT0 + seconds(86400);
    std::map<MemberId, int> perSeller;
    while (now < end) {
        while (auto job = s.next(now)) {
            starts.emplace_back(now, job->path.seller);
            QVERIFY(++perSeller[job->path.seller] <= 1);
            QVERIFY(running.size() < c.maxTrainsInFlight);
            running.emplace(now + seconds(1), *job);
        }
        std::optional<Timestamp> wake = s.nextWakeup(now);
        if (!running.empty() && (!wake || running.begin()->first < *wake))
            wake = running.begin()->first;
        QVERIFY(wake && *wake >= now);
        now = *wake;
        while (!running.empty() && running.begin()->first <= now) {
            const ProbeJob job = running.begin()->second;
            running.erase(running.begin());
            --perSeller[job.path.seller];
            const bool silent = rng() % 7 == 0;
            if (s.finished(job, silent ? JobAnswer::NoReply : JobAnswer::Answered, now)
                == JobOutcome::Publish)
                rounds[{job.path, job.protocol}].push_back(now);
        }
    }
    // Global: probes started in any window of length T are at most burst + rate * T.
    for (std::size_t i = 0; i < starts.size(); ++i) {
        for (std::size_t j = i; j < starts.size() && j < i + 400; ++j) {
            const double window = double((starts[j].first - starts[i].first).value()) / 1e9;
            QVERIFY(double((j - i + 1) * cost) <= c.globalBurst + c.globalRatePps * window + 1e-6);
        }
    }
    // Per seller, the same with its budget.
    std::map<MemberId, std::vector<Timestamp>> bySeller;
    for (const auto &[t, seller] : starts)
        bySeller[seller].push_back(t);
    for (const auto &[seller, times] : bySeller) {
        for (std::size_t i = 0; i < times.size(); ++i) {
            for (std::size_t j = i; j < times.size() && j < i + 100; ++j) {
                const double window = double((times[j] - times[i]).value()) / 1e9;
                QVERIFY(double((j - i + 1) * cost)
                        <= c.sellerBurst + c.sellerRatePps * window + 1e-6);
            }
        }
    }
    // 480 items need 480 trains (plus retries) per half hour = 5.3 probes/s; the budget allows
    // 60/s: every item is revalidated every period, give or take queueing and retries.
    QCOMPARE(rounds.size(), std::size_t(6 * 40 * 2));
    for (const auto &[item, times] : rounds) {
        QVERIFY(times.size() >= 45); // 48 periods in a day
        for (std::size_t i = 1; i < times.size(); ++i) {
            const auto gap = times[i] - times[i - 1];
            QVERIFY(gap >= seconds(1800));
            QVERIFY2(gap <= seconds(1800 + 120),
                     qPrintable(QString::number(double(gap.value()) / 1e9)));
        }
    }
}

QTEST_APPLESS_MAIN(TestQualityScheduler)
#include "tst_quality_scheduler.moc"
