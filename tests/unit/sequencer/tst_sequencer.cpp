// The sequencer with the real matching engine and a real SQLite journal: ordering, release
// after durability, group commit, queries, clock ticks, snapshots, recovery and fencing.
#include "bwx/market/engine.h"
#include "bwx/proto/codec.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/store/journal.h"
#include "market_commands.h"
#include "output_collector.h"
#include "recording_journal.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <numeric>
#include <sqlite3.h>
#include <thread>

using namespace bwx;
using sequencer::Origin;
using sequencer::Output;
using sequencer::Sequencer;
using sequencer::SequencerOptions;
namespace out = sequencer::out;

namespace {

constexpr Timestamp kT0 = Timestamp::fromSeconds(1'900'000'000);

// A deterministic clock: every reading is 1 µs after the previous one.
std::function<Timestamp()> steppingClock()
{
    auto ticks = std::make_shared<std::atomic<std::int64_t>>(0);
    return [ticks] {
        return kT0 + Duration(1'000 * ticks->fetch_add(1));
    };
}

SequencerOptions quietOptions()
{
    SequencerOptions o;
    o.tickInterval = std::chrono::milliseconds(0); // no clock ticks unless a test wants them
    o.clock = steppingClock();
    return o;
}

// Everything one sequencer run needs: the SQLite journal, the recording wrapper around it, the
// engine, the collector, and the sequencer itself.
class Harness
{
public:
    Harness(const std::string &path,
            SequencerOptions options,
            std::unique_ptr<market::Engine> existing = nullptr,
            std::uint64_t failAppend = 0)
        : sqlite(store::openSqliteJournal(path))
        , journal(*sqlite)
        , engine(existing ? std::move(existing) : std::make_unique<market::Engine>())
        , collector(journal)
    {
        journal.failAppendNumber(failAppend);
        seq = std::make_unique<Sequencer>(
            *engine, journal, std::move(options),
            [this](sequencer::OutputBatch &&batch) { collector(std::move(batch)); },
            [this](const std::string &reason) {
                std::lock_guard lock(failureMutex);
                failures.push_back(reason);
                failureSeen.notify_all();
            });
    }

    bool waitForFailure()
    {
        std::unique_lock lock(failureMutex);
        return failureSeen.wait_for(lock, std::chrono::seconds(60),
                                    [this] { return !failures.empty(); });
    }

    // Submits and waits for the answer; returns the new member's id.
    MemberId addMember(const std::string &name, std::uint32_t asn)
    {
        const Origin origin{900'000 + asn, 1};
        if (!seq->submit(MemberId(0), test::addMember(name, asn), origin))
            return MemberId{};
        MemberId id{};
        const bool answered = waitForReplyTo(origin);
        if (!answered)
            return id;
        for (const auto &r : collector.replies()) {
            if (r.origin.session == origin.session) {
                if (const auto *list = std::get_if<proto::MemberList>(&r.message);
                    list && !list->members.empty())
                    id = list->members.front().id;
            }
        }
        return id;
    }

    bool waitForReplyTo(Origin origin)
    {
        return collector.waitUntil([&] {
            for (const auto &item : collector.itemsUnlocked()) {
                const auto *r = std::get_if<out::Reply>(&item);
                if (r && r->origin.session == origin.session
                    && r->origin.requestId == origin.requestId)
                    return true;
            }
            return false;
        });
    }

    std::unique_ptr<store::Journal> sqlite;
    test::RecordingJournal journal;
    std::unique_ptr<market::Engine> engine;
    test::OutputCollector collector;
    std::mutex failureMutex;
    std::condition_variable failureSeen;
    std::vector<std::string> failures;
    std::unique_ptr<Sequencer> seq;
};

std::vector<std::uint64_t> range(std::uint64_t first, std::uint64_t last)
{
    std::vector<std::uint64_t> v;
    for (std::uint64_t s = first; s <= last; ++s)
        v.push_back(s);
    return v;
}

struct JournalContents
{
    bool ok = false;
    std::string error;
    std::vector<store::JournalRecord> records; // bodies are not kept
    std::vector<std::uint16_t> types;
};

JournalContents readJournal(store::Journal &journal)
{
    JournalContents c;
    c.ok = journal.replay(
        Seq(0),
        [&c](const store::JournalRecord &r) {
            store::JournalRecord copy = r;
            copy.body = {};
            c.records.push_back(copy);
            c.types.push_back(r.type);
        },
        c.error);
    return c;
}

} // namespace

class TestSequencer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void repliesInSubmitOrderPerOrigin();
    void outputsCarryTradesAndNames();
    void commandWithoutReplyIsAnsweredOk();
    void queriesSeeStateAtTheirPlace();
    void nonCommandsAreAnsweredNotSequenced();
    void stopDrainsEverythingSubmitted();
    void groupCommitTakesWholeQueue();
    void groupCommitBatchesUnderConcurrentBurst();
    void clockTicksAreJournaled();
    void timeNeverGoesBackwards();
    void recoverAfterStopEqualsLive();
    void snapshotPlusTailEqualsFullReplay();
    void journalFailureFences();
    void throwingOutputHandlerFences();
    void recoverRefusesDamage_data();
    void recoverRefusesDamage();
    void refusesEngineNotRecoveredFromJournal();

private:
    std::string dbPath() const { return (m_dir->path() + "/journal.db").toStdString(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSequencer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSequencer::repliesInSubmitOrderPerOrigin()
{
    Harness h(dbPath(), quietOptions());
    h.seq->start();
    const MemberId alpha = h.addMember("alpha", 64500);
    const MemberId beta = h.addMember("beta", 64501);
    QVERIFY(alpha.value() != 0 && beta.value() != 0);

    constexpr int kThreads = 4;
    constexpr std::uint32_t kPerThread = 500;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            const bool sells = t % 2 == 1;
            for (std::uint32_t i = 0; i < kPerThread; ++i) {
                const auto coid = ClientOrderId(static_cast<std::uint64_t>(t) * 1'000'000 + i + 1);
                auto order = test::limitOrder(coid, sells ? Side::Sell : Side::Buy, i, kT0);
                const Origin origin{static_cast<std::uint64_t>(t + 1), i};
                while (!h.seq->submit(sells ? alpha : beta, order, origin))
                    std::this_thread::yield();
            }
        });
    }
    for (auto &t : threads)
        t.join();
    h.seq->stop();

    QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());
    std::map<std::uint64_t, std::vector<std::uint32_t>> requestsBySession;
    std::map<std::uint64_t, std::vector<std::uint64_t>> seqsBySession;
    std::vector<std::uint64_t> orderSeqs;
    for (const auto &r : h.collector.replies()) {
        if (r.origin.session < 1 || r.origin.session > kThreads)
            continue;
        auto &ids = requestsBySession[r.origin.session];
        const auto *update = std::get_if<proto::OrderUpdate>(&r.message);
        QVERIFY2(update, "a valid order was not answered with its state");
        if (!ids.empty() && ids.back() == r.origin.requestId)
            continue; // a second state of the same command
        ids.push_back(r.origin.requestId);
        seqsBySession[r.origin.session].push_back(update->seq.value());
        orderSeqs.push_back(update->seq.value());
    }
    std::vector<std::uint32_t> expected(kPerThread);
    std::iota(expected.begin(), expected.end(), 0u);
    for (std::uint64_t s = 1; s <= kThreads; ++s) {
        QCOMPARE(requestsBySession[s], expected);
        const auto &seqs = seqsBySession[s];
        QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
    }
    // Every command got the next number: members 1 and 2, then the orders, without a hole.
    std::sort(orderSeqs.begin(), orderSeqs.end());
    const std::uint64_t total = 2 + kThreads * kPerThread;
    QCOMPARE(orderSeqs, range(3, total));
    QCOMPARE(h.seq->lastDurableSeq(), Seq(total));
    QCOMPARE(h.journal.lastSeq(), Seq(total));
    const auto contents = readJournal(h.journal);
    QVERIFY2(contents.ok, contents.error.c_str());
    QCOMPARE(contents.records.size(), std::size_t(total));
    QVERIFY(h.engine->checkInvariants().empty());
}

void TestSequencer::outputsCarryTradesAndNames()
{
    Harness h(dbPath(), quietOptions());
    h.seq->start();
    const MemberId alpha = h.addMember("alpha", 64500);
    const MemberId beta = h.addMember("beta", 64501);

    auto sell = test::limitOrder(ClientOrderId(11), Side::Sell, 0, kT0); // asks 102
    auto buy = test::limitOrder(ClientOrderId(22), Side::Buy, 3, kT0);   // bids 103, same prefix
    buy.params.capacity = sell.params.capacity;
    QVERIFY(h.seq->submit(alpha, sell, Origin{1, 1}));
    QVERIFY(h.waitForReplyTo(Origin{1, 1}));
    QVERIFY(h.seq->submit(beta, buy, Origin{2, 1}));
    QVERIFY(h.waitForReplyTo(Origin{2, 1}));
    h.seq->stop();
    QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());

    const auto items = h.collector.items();
    const out::TradeExecuted *trade = nullptr;
    const out::OrderChanged *restingFilled = nullptr;
    bool bookChanged = false;
    for (const auto &item : items) {
        if (const auto *t = std::get_if<out::TradeExecuted>(&item))
            trade = t;
        if (const auto *o = std::get_if<out::OrderChanged>(&item); o && o->order.member == alpha)
            restingFilled = o;
        bookChanged = bookChanged || std::holds_alternative<out::BookChanged>(item);
    }
    QVERIFY2(trade, "no trade was reported");
    QCOMPARE(trade->trade.buyer, beta);
    QCOMPARE(trade->trade.seller, alpha);
    QCOMPARE(trade->buyClientOrderId, ClientOrderId(22));
    QCOMPARE(trade->sellClientOrderId, ClientOrderId(11));
    QCOMPARE(trade->buyerName, std::string("beta"));
    QCOMPARE(trade->sellerName, std::string("alpha"));
    QCOMPARE(trade->seq, Seq(4));
    QVERIFY2(restingFilled, "the resting sell's fill was not reported to its owner");
    QCOMPARE(restingFilled->seq, Seq(4));
    QVERIFY(bookChanged);
    // The member's own command is answered as a reply, with the seq that caused the state.
    bool buyAnswered = false;
    for (const auto &r : h.collector.replies()) {
        if (r.origin.session == 2) {
            const auto *u = std::get_if<proto::OrderUpdate>(&r.message);
            QVERIFY(u);
            QCOMPARE(u->seq, Seq(4));
            QCOMPARE(u->order.params.clientOrderId, ClientOrderId(22));
            QCOMPARE(r.member, beta);
            buyAnswered = true;
        }
        if (r.origin.session == 900'000 + 64500) {
            const auto *list = std::get_if<proto::MemberList>(&r.message);
            QVERIFY(list);
            QCOMPARE(list->members.size(), std::size_t(1));
            QCOMPARE(list->members.front().name, std::string("alpha"));
        }
    }
    QVERIFY(buyAnswered);
}

void TestSequencer::commandWithoutReplyIsAnsweredOk()
{
    Harness h(dbPath(), quietOptions());
    h.seq->start();
    const MemberId alpha = h.addMember("alpha", 64500);
    for (std::uint32_t i = 0; i < 3; ++i)
        QVERIFY(h.seq->submit(alpha, test::limitOrder(ClientOrderId(i + 1), Side::Buy, i, kT0),
                              Origin{1, i}));
    // The engine reports a mass cancel only as unsolicited changes of the cancelled orders;
    // the member who sent it still gets an answer.
    QVERIFY(h.seq->submit(alpha, proto::MassCancel{0}, Origin{1, 3}));
    QVERIFY(h.waitForReplyTo(Origin{1, 3}));
    h.seq->stop();

    const auto replies = h.collector.replies();
    const auto answer = std::find_if(replies.begin(), replies.end(), [](const out::Reply &r) {
        return r.origin.session == 1 && r.origin.requestId == 3;
    });
    QVERIFY(answer != replies.end());
    const auto *result = std::get_if<proto::Result>(&answer->message);
    QVERIFY(result);
    QCOMPARE(result->code, proto::ResultCode::Ok);
    QCOMPARE(answer->member, alpha);
    std::size_t cancelled = 0;
    for (const auto &item : h.collector.items()) {
        if (const auto *o = std::get_if<out::OrderChanged>(&item)) {
            QVERIFY(o->order.status == OrderStatus::Cancelled);
            QCOMPARE(o->seq, Seq(5));
            ++cancelled;
        }
    }
    QCOMPARE(cancelled, std::size_t(3));
    QCOMPARE(std::count_if(replies.begin(), replies.end(),
                           [](const out::Reply &r) { return r.origin.session == 1; }),
             std::ptrdiff_t(4));
}

void TestSequencer::queriesSeeStateAtTheirPlace()
{
    Harness h(dbPath(), quietOptions());
    auto countMembers = [](const market::Engine &e) -> proto::Message {
        return proto::MemberList{e.members()};
    };
    // Submitted before start: all three are in the queue together, and still answered in order.
    QVERIFY(h.seq->submitQuery(MemberId(0), countMembers, Origin{5, 1}));
    QVERIFY(h.seq->submit(MemberId(0), test::addMember("alpha", 64500), Origin{5, 2}));
    QVERIFY(h.seq->submitQuery(MemberId(0), countMembers, Origin{5, 3}));
    h.seq->start();
    QVERIFY(h.waitForReplyTo(Origin{5, 3}));
    // A query alone is a batch with nothing to journal; it is still released.
    QVERIFY(h.seq->submitQuery(MemberId(0), countMembers, Origin{5, 4}));
    QVERIFY(h.waitForReplyTo(Origin{5, 4}));
    h.seq->stop();

    const auto replies = h.collector.replies();
    QCOMPARE(replies.size(), std::size_t(4));
    std::vector<std::size_t> counts;
    for (std::size_t i = 0; i < replies.size(); ++i) {
        QCOMPARE(replies[i].origin.requestId, static_cast<std::uint32_t>(i + 1));
        const auto *list = std::get_if<proto::MemberList>(&replies[i].message);
        QVERIFY(list);
        counts.push_back(list->members.size());
    }
    QCOMPARE(counts, (std::vector<std::size_t>{0, 1, 1, 1}));
    QCOMPARE(h.journal.lastSeq(), Seq(1)); // queries are not journaled
    QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());
}

void TestSequencer::nonCommandsAreAnsweredNotSequenced()
{
    Harness h(dbPath(), quietOptions());
    h.seq->start();
    QVERIFY(h.seq->submit(MemberId(3), proto::Ping{7}, Origin{1, 1}));
    QVERIFY(h.seq->submit(MemberId(0), proto::ClockTick{}, Origin{1, 2}));
    auto invalid = test::limitOrder(ClientOrderId(1), Side::Buy, 0, kT0);
    invalid.params.price = Price(0);
    QVERIFY(h.seq->submit(MemberId(3), invalid, Origin{1, 3}));
    QVERIFY(h.waitForReplyTo(Origin{1, 3}));
    h.seq->stop();

    const auto replies = h.collector.replies();
    QCOMPARE(replies.size(), std::size_t(3));
    for (std::size_t i = 0; i < 2; ++i) {
        const auto *result = std::get_if<proto::Result>(&replies[i].message);
        QVERIFY(result);
        QCOMPARE(result->code, proto::ResultCode::UnexpectedMessage);
    }
    // The engine's rejection is part of the deterministic stream: journaled, answered.
    const auto *rejected = std::get_if<proto::Result>(&replies[2].message);
    QVERIFY(rejected);
    QVERIFY(rejected->code != proto::ResultCode::Ok);
    QVERIFY(!rejected->message.empty());
    QCOMPARE(h.journal.lastSeq(), Seq(1));
    const auto contents = readJournal(h.journal);
    QCOMPARE(contents.types, (std::vector<std::uint16_t>{
                                 static_cast<std::uint16_t>(proto::MessageType::NewOrder)}));
}

void TestSequencer::stopDrainsEverythingSubmitted()
{
    Harness h(dbPath(), quietOptions());
    h.seq->start();
    const MemberId alpha = h.addMember("alpha", 64500);
    constexpr std::uint32_t kOrders = 3000;
    for (std::uint32_t i = 0; i < kOrders; ++i)
        QVERIFY(h.seq->submit(alpha, test::limitOrder(ClientOrderId(i + 1), Side::Buy, i, kT0),
                              Origin{1, i}));
    h.seq->stop();
    // Everything accepted before stop() was committed and delivered by the time it returned.
    std::size_t answered = 0;
    for (const auto &r : h.collector.replies())
        answered += r.origin.session == 1 ? 1 : 0;
    QCOMPARE(answered, std::size_t(kOrders));
    QCOMPARE(h.seq->lastDurableSeq(), Seq(1 + kOrders));
    QVERIFY(!h.seq->submit(alpha, test::limitOrder(ClientOrderId(99'999), Side::Buy, 0, kT0),
                           Origin{1, kOrders}));
    QVERIFY(!h.seq->fenced());
}

void TestSequencer::groupCommitTakesWholeQueue()
{
    std::unique_ptr<market::Engine> engine;
    MemberId alpha;
    {
        Harness setup(dbPath(), quietOptions());
        setup.seq->start();
        alpha = setup.addMember("alpha", 64500);
        setup.seq->stop();
        engine = std::move(setup.engine);
    }
    SequencerOptions options = quietOptions();
    options.maxBatch = 1000;
    Harness h(dbPath(), options, std::move(engine));
    constexpr std::uint32_t kOrders = 5000;
    // Queued before the market thread runs: it must take them maxBatch at a time, one journal
    // transaction each.
    for (std::uint32_t i = 0; i < kOrders; ++i)
        QVERIFY(h.seq->submit(alpha, test::limitOrder(ClientOrderId(i + 1), Side::Buy, i, kT0),
                              Origin{1, i}));
    h.seq->start();
    h.seq->stop();
    QCOMPARE(h.seq->batchesCommitted(), std::uint64_t(5));
    QCOMPARE(h.journal.batchSizes(), (std::vector<std::size_t>(5, 1000)));
    QCOMPARE(h.journal.batchCount(), std::uint64_t(6)); // with the member's batch
    QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());
}

void TestSequencer::groupCommitBatchesUnderConcurrentBurst()
{
    Harness h(dbPath(), quietOptions());
    h.seq->start();
    const MemberId alpha = h.addMember("alpha", 64500);
    const std::uint64_t before = h.seq->batchesCommitted();
    constexpr int kThreads = 4;
    constexpr std::uint32_t kPerThread = 2500;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (std::uint32_t i = 0; i < kPerThread; ++i) {
                const auto coid = ClientOrderId(static_cast<std::uint64_t>(t) * 1'000'000 + i + 1);
                while (!h.seq->submit(alpha, test::limitOrder(coid, Side::Buy, i, kT0),
                                      Origin{static_cast<std::uint64_t>(t + 1), i}))
                    std::this_thread::yield();
            }
        });
    }
    for (auto &t : threads)
        t.join();
    h.seq->stop();
    const std::uint64_t commands = kThreads * kPerThread;
    const std::uint64_t batches = h.seq->batchesCommitted() - before;
    qInfo("%llu commands in %llu journal batches", static_cast<unsigned long long>(commands),
          static_cast<unsigned long long>(batches));
    // Each batch costs one sync of the WAL, which takes far longer than matching an order: while
    // one batch syncs, the next one fills. One batch per command would mean no group commit.
    QVERIFY2(batches * 4 <= commands,
             qPrintable(QString("%1 batches for %2 commands").arg(batches).arg(commands)));
    QCOMPARE(h.seq->lastDurableSeq(), Seq(1 + commands));
    QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());
}

void TestSequencer::clockTicksAreJournaled()
{
    SequencerOptions options = quietOptions();
    options.tickInterval = std::chrono::milliseconds(1);
    Harness h(dbPath(), options);
    h.seq->start();
    // Waits for three ticks; the deadline only guards against a hang.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (h.seq->lastDurableSeq() < Seq(3) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    h.seq->stop();
    QVERIFY(h.seq->lastDurableSeq() >= Seq(3));

    const auto contents = readJournal(h.journal);
    QVERIFY2(contents.ok, contents.error.c_str());
    QVERIFY(contents.records.size() >= 3);
    for (const auto &r : contents.records) {
        QCOMPARE(r.type, static_cast<std::uint16_t>(proto::MessageType::ClockTick));
        QCOMPARE(r.member, MemberId(0));
    }
    // Nobody asked for a tick, so nobody is answered.
    QVERIFY(h.collector.replies().empty());
}

void TestSequencer::timeNeverGoesBackwards()
{
    // A wall clock stepped back (NTP, an operator) must not make the market's time run backwards.
    auto backwards = [](std::int64_t start) {
        auto n = std::make_shared<std::atomic<std::int64_t>>(0);
        return [n, start] {
            return kT0 + Duration(start - 1'000 * n->fetch_add(1));
        };
    };
    std::unique_ptr<market::Engine> engine;
    {
        SequencerOptions options = quietOptions();
        options.clock = backwards(1'000'000);
        Harness h(dbPath(), options);
        h.seq->start();
        for (std::uint32_t i = 0; i < 5; ++i) {
            QVERIFY(h.seq->submit(MemberId(0), test::addMember("m" + std::to_string(i), 64500 + i),
                                  Origin{1, i}));
            QVERIFY(h.waitForReplyTo(Origin{1, i}));
        }
        h.seq->stop();
        engine = std::move(h.engine);
    }
    {
        // After a restart the clock is even further back: time continues from the journal.
        SequencerOptions options = quietOptions();
        options.clock = backwards(0);
        Harness h(dbPath(), options, std::move(engine));
        h.seq->start();
        QVERIFY(h.seq->submit(MemberId(0), test::addMember("late", 64600), Origin{2, 1}));
        QVERIFY(h.waitForReplyTo(Origin{2, 1}));
        h.seq->stop();
        const auto contents = readJournal(h.journal);
        QVERIFY2(contents.ok, contents.error.c_str());
        QCOMPARE(contents.records.size(), std::size_t(6));
        for (const auto &r : contents.records)
            QCOMPARE(r.time, kT0 + Duration(1'000'000));
    }
}

void TestSequencer::recoverAfterStopEqualsLive()
{
    std::uint64_t liveHash = 0;
    Seq liveSeq;
    std::size_t trades = 0;
    {
        Harness h(dbPath(), quietOptions());
        h.seq->start();
        const MemberId alpha = h.addMember("alpha", 64500);
        const MemberId beta = h.addMember("beta", 64501);
        std::uint32_t req = 0;
        for (std::uint64_t i = 0; i < 300; ++i) {
            const bool sell = i % 2 == 0;
            QVERIFY(h.seq->submit(
                sell ? alpha : beta,
                test::limitOrder(ClientOrderId(i + 1), sell ? Side::Sell : Side::Buy, i, kT0),
                Origin{1, req++}));
            if (i % 10 == 9) // cancels and amends of earlier orders, by client order id / order id
                QVERIFY(h.seq->submit(sell ? alpha : beta,
                                      proto::CancelOrder{OrderId{}, ClientOrderId(i - 1)},
                                      Origin{1, req++}));
            if (i % 15 == 14)
                QVERIFY(h.seq->submit(
                    beta, proto::AmendOrder{OrderId(i), Price(101 * units::kMicro), Bandwidth{}},
                    Origin{1, req++}));
        }
        QVERIFY(h.seq->submit(alpha, proto::MassCancel{0}, Origin{1, req++}));
        QVERIFY(h.seq->submit(MemberId(0),
                              proto::SetMemberStatus{beta, proto::MemberStatus::Suspended},
                              Origin{1, req++}));
        h.seq->stop();
        QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());
        liveHash = h.engine->stateHash();
        liveSeq = h.engine->lastSeq();
        trades = h.engine->tradeCount();
        QCOMPARE(liveSeq, h.journal.lastSeq());
    }
    QVERIFY2(trades > 0, "the workload should trade");

    auto journal = store::openSqliteJournal(dbPath());
    auto recovered = sequencer::recover(*journal, true);
    QVERIFY2(recovered.ok, recovered.error.c_str());
    QCOMPARE(recovered.recovery.snapshotSeq, Seq(0));
    QCOMPARE(recovered.recovery.replayed, liveSeq.value());
    QCOMPARE(recovered.recovery.engine->lastSeq(), liveSeq);
    QCOMPARE(recovered.recovery.engine->stateHash(), liveHash);
    QCOMPARE(recovered.recovery.engine->checkInvariants(), std::string());
}

void TestSequencer::snapshotPlusTailEqualsFullReplay()
{
    std::unique_ptr<market::Engine> engine;
    std::uint64_t snapshotsSaved = 0;
    {
        SequencerOptions options = quietOptions();
        options.snapshotEvery = 64;
        options.maxBatch = 16;
        Harness h(dbPath(), options);
        h.seq->start();
        const MemberId alpha = h.addMember("alpha", 64500);
        const MemberId beta = h.addMember("beta", 64501);
        for (std::uint32_t i = 0; i < 300; ++i) {
            const bool sell = i % 3 == 0;
            QVERIFY(h.seq->submit(
                sell ? alpha : beta,
                test::limitOrder(ClientOrderId(i + 1), sell ? Side::Sell : Side::Buy, i, kT0),
                Origin{1, i}));
        }
        h.seq->stop();
        QVERIFY(!h.journal.snapshotAheadOfJournal());
        snapshotsSaved = h.journal.snapshotsSaved();
        engine = std::move(h.engine);
    }
    QVERIFY(snapshotsSaved >= 4);
    std::uint64_t liveHash = 0;
    {
        // More commands without snapshots, so the newest snapshot is followed by a tail.
        Harness h(dbPath(), quietOptions(), std::move(engine));
        h.seq->start();
        for (std::uint32_t i = 0; i < 100; ++i)
            QVERIFY(h.seq->submit(MemberId(1),
                                  test::limitOrder(ClientOrderId(1000 + i), Side::Sell, i, kT0),
                                  Origin{1, i}));
        h.seq->stop();
        liveHash = h.engine->stateHash();
    }

    auto journal = store::openSqliteJournal(dbPath());
    const auto fromSnapshot = sequencer::recover(*journal, true);
    QVERIFY2(fromSnapshot.ok, fromSnapshot.error.c_str());
    const auto full = sequencer::recover(*journal, false);
    QVERIFY2(full.ok, full.error.c_str());
    QVERIFY(fromSnapshot.recovery.snapshotSeq > Seq(0));
    QVERIFY(fromSnapshot.recovery.snapshotSeq <= Seq(302));
    QCOMPARE(fromSnapshot.recovery.replayed,
             journal->lastSeq().value() - fromSnapshot.recovery.snapshotSeq.value());
    QCOMPARE(full.recovery.replayed, journal->lastSeq().value());
    QCOMPARE(fromSnapshot.recovery.engine->stateHash(), full.recovery.engine->stateHash());
    QCOMPARE(full.recovery.engine->stateHash(), liveHash);
}

void TestSequencer::journalFailureFences()
{
    // Appends 1 and 2 hold the members; the third fails like a failed fsync.
    Harness h(dbPath(), quietOptions(), nullptr, 3);
    h.seq->start();
    const MemberId alpha = h.addMember("alpha", 64500);
    const MemberId beta = h.addMember("beta", 64501);
    QVERIFY(alpha.value() != 0 && beta.value() != 0);
    for (std::uint32_t i = 0; i < 20; ++i)
        h.seq->submit(alpha, test::limitOrder(ClientOrderId(i + 1), Side::Sell, i, kT0),
                      Origin{1, i});
    QVERIFY(h.waitForFailure());

    QVERIFY(h.seq->fenced());
    QVERIFY(!h.seq->submit(alpha, test::limitOrder(ClientOrderId(500), Side::Sell, 0, kT0),
                           Origin{1, 500}));
    QVERIFY(!h.seq->submitQuery(
        alpha, [](const market::Engine &) -> proto::Message { return proto::Ping{}; },
        Origin{1, 501}));
    h.seq->stop();
    {
        std::lock_guard lock(h.failureMutex);
        QCOMPARE(h.failures.size(), std::size_t(1));
        QVERIFY2(h.failures.front().find("injected failure of append 3") != std::string::npos,
                 h.failures.front().c_str());
    }
    QCOMPARE(h.journal.failedFirstSeq(), std::uint64_t(3));
    QCOMPARE(h.seq->lastDurableSeq(), Seq(2));
    QCOMPARE(h.journal.lastSeq(), Seq(2));
    // Nothing of the failed batch, nor of anything after it, left the sequencer.
    for (const auto &item : h.collector.items())
        QVERIFY(test::OutputCollector::seqOf(item) < Seq(3));
    QCOMPARE(h.collector.replies().size(), std::size_t(2));
    QVERIFY2(h.collector.violations().empty(), h.collector.violations().c_str());
}

void TestSequencer::throwingOutputHandlerFences()
{
    auto journal = store::openSqliteJournal(dbPath());
    market::Engine engine;
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> failures;
    std::size_t delivered = 0;
    Sequencer seq(
        engine, *journal, quietOptions(),
        [&](sequencer::OutputBatch &&) {
            std::lock_guard lock(mutex);
            if (++delivered == 2)
                throw std::runtime_error("session table corrupted");
        },
        [&](const std::string &reason) {
            std::lock_guard lock(mutex);
            failures.push_back(reason);
            changed.notify_all();
        });
    seq.start();
    for (std::uint32_t i = 0; i < 2; ++i) {
        QVERIFY(seq.submit(MemberId(0), test::addMember("m" + std::to_string(i), 64500 + i),
                           Origin{1, i}));
        // One command per batch, so the second batch is the one whose delivery fails.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (seq.lastDurableSeq() < Seq(i + 1) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    {
        std::unique_lock lock(mutex);
        QVERIFY(
            changed.wait_for(lock, std::chrono::seconds(60), [&] { return !failures.empty(); }));
        QCOMPARE(failures.size(), std::size_t(1));
        QVERIFY2(failures.front() == "the output handler failed: session table corrupted",
                 failures.front().c_str());
    }
    QVERIFY(seq.fenced());
    QVERIFY(!seq.submit(MemberId(0), test::addMember("late", 64600), Origin{1, 9}));
    seq.stop();
}

void TestSequencer::recoverRefusesDamage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("useSnapshot");
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("flipped byte, full replay")
        << "flip" << false
        << QByteArray(
               "journal batch 3..3, seq 3: record 0 at offset 0 (seq field reads 3): CRC mismatch");
    QTest::newRow("flipped byte after the snapshot")
        << "flip" << true
        << QByteArray("journal batch 3..3, seq 3: record 0 at offset 0 (seq field reads 3)");
    QTest::newRow("body that does not decode")
        << "garbage" << false
        << QByteArray("journal seq 4, new_order (0x0101): the body does not decode");
    QTest::newRow("a message that is not a command")
        << "result" << false << QByteArray("journal seq 4, result (0x0005): not a command");
    QTest::newRow("damaged snapshot")
        << "snapshot" << true << QByteArray("snapshot at seq 2 is damaged: CRC mismatch");
}

void TestSequencer::recoverRefusesDamage()
{
    QFETCH(QString, damage);
    QFETCH(bool, useSnapshot);
    QFETCH(QByteArray, error);
    {
        // Seq 1 and 2 add members (one batch each), a snapshot after 2, seq 3 is an order.
        SequencerOptions options = quietOptions();
        options.snapshotEvery = 2;
        options.maxBatch = 1;
        Harness h(dbPath(), options);
        h.seq->start();
        const MemberId alpha = h.addMember("alpha", 64500);
        h.addMember("beta", 64501);
        QVERIFY(h.seq->submit(alpha, test::limitOrder(ClientOrderId(1), Side::Buy, 0, kT0),
                              Origin{1, 1}));
        QVERIFY(h.waitForReplyTo(Origin{1, 1}));
        h.seq->stop();
        QCOMPARE(h.journal.lastSeq(), Seq(3));
        QCOMPARE(h.journal.latestSnapshot()->seq, Seq(2));
        if (damage == "garbage" || damage == "result") {
            // Intact records (good CRC) whose content is wrong: only decoding can tell.
            store::JournalBatch bad;
            std::vector<std::uint8_t> body;
            if (damage == "garbage") {
                body = {0x01, 0x02, 0x03};
                bad.add(Seq(4), kT0, alpha,
                        static_cast<std::uint16_t>(proto::MessageType::NewOrder), body);
            } else {
                proto::encodeBody(proto::Result{proto::ResultCode::Ok, "hello"}, body);
                bad.add(Seq(4), kT0, alpha, static_cast<std::uint16_t>(proto::MessageType::Result),
                        body);
            }
            h.journal.append(bad);
        }
    }
    if (damage == "flip" || damage == "snapshot") {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(dbPath().c_str(), &db), SQLITE_OK);
        const char *sql
            = damage == "flip"
                  ? "UPDATE journal SET bytes = substr(bytes, 1, 40) || x'deadbeef' || "
                    "substr(bytes, 45) WHERE first_seq = 3"
                  : "UPDATE snapshots SET bytes = x'00' || substr(bytes, 2) WHERE seq = 2";
        QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_changes(db), 1);
        sqlite3_close(db);
    }
    auto journal = store::openSqliteJournal(dbPath());
    const auto result = sequencer::recover(*journal, useSnapshot);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.find(error.constData()) != std::string::npos, result.error.c_str());
}

void TestSequencer::refusesEngineNotRecoveredFromJournal()
{
    {
        Harness h(dbPath(), quietOptions());
        h.seq->start();
        h.addMember("alpha", 64500);
        h.seq->stop();
    }
    auto journal = store::openSqliteJournal(dbPath());
    market::Engine fresh;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             Sequencer(fresh, *journal, quietOptions(), nullptr, nullptr));
}

QTEST_APPLESS_MAIN(TestSequencer)
#include "tst_sequencer.moc"
