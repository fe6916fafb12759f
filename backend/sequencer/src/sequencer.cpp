#include "bwx/sequencer/sequencer.h"

#include "bounded_queue.h"
#include "bwx/market/engine.h"
#include "bwx/proto/codec.h"
#include "bwx/store/journal.h"
#include "command_types.h"
#include "crash_point.h"
#include "recording_events.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace bwx::sequencer {
namespace {

// Batches handed from the market thread to the journal thread and not yet taken. The market
// thread builds a batch only when there is room for it, so with the one the journal thread is
// committing at most two batches are applied but not yet durable: enough to overlap matching
// with the sync, few enough that a failure discards little work.
constexpr std::size_t kHandoffCapacity = 1;

struct Pending
{
    MemberId member;
    std::variant<proto::Message, Sequencer::Query> work;
    Origin origin;
};

struct Work
{
    store::JournalBatch batch;
    OutputBatch outputs;
    std::optional<store::Snapshot> snapshot; // of the state after this batch
    std::string failure; // non-empty: the market thread failed here; fence instead of commit
};

Timestamp systemClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

std::string seqText(Seq s)
{
    return std::to_string(s.value());
}

} // namespace

struct Sequencer::Impl
{
    Impl(market::Engine &engine,
         store::Journal &journal,
         SequencerOptions options,
         OutputHandler onOutput,
         FailureHandler onFailure);

    void marketLoop();
    void journalLoop();
    // Market thread: sequences, journals and applies one command.
    void applyCommand(
        MemberId member, proto::Message &&body, Origin origin, bool wantsReply, Work &work);
    Work buildBatch(std::vector<Pending> &items, bool tick);
    // Lets the engine start loading what the batch's next commands touch while it works on
    // items[current] (Engine::prefetch): under load, amends and cancels of a large book no
    // longer wait for memory one after the other.
    void hintUpcoming(const std::vector<Pending> &items, std::size_t current) const;
    // Journal thread: makes one batch durable, then releases it. False when fenced.
    bool commit(Work &work);
    // False when the handler threw; the sequencer is then fenced.
    bool release(OutputBatch &&outputs);
    void fence(const std::string &reason);

    market::Engine &engine;
    store::Journal &journal;
    SequencerOptions options;
    OutputHandler onOutput;
    FailureHandler onFailure;
    CrashPlan crash;

    BoundedQueue<Pending> submitted;
    BoundedQueue<Work> handoff{kHandoffCapacity};
    std::thread marketThread;
    std::thread journalThread;
    std::mutex lifecycle;
    bool started = false;
    bool stopped = false;

    std::atomic<bool> fenced{false};
    std::atomic<std::uint64_t> durableSeq{0};
    std::atomic<std::uint64_t> batches{0};

    // Market thread only.
    Seq lastSeq{};
    Timestamp lastTime{};
    std::uint64_t sinceSnapshot = 0;
    std::vector<std::uint8_t> body;
};

Sequencer::Impl::Impl(market::Engine &engine_,
                      store::Journal &journal_,
                      SequencerOptions options_,
                      OutputHandler onOutput_,
                      FailureHandler onFailure_)
    : engine(engine_)
    , journal(journal_)
    , options(std::move(options_))
    , onOutput(std::move(onOutput_))
    , onFailure(std::move(onFailure_))
    , crash(CrashPlan::fromEnvironment())
    , submitted(options.queueCapacity)
{
    if (!options.clock)
        options.clock = systemClock;
    if (options.maxBatch == 0)
        options.maxBatch = 1;
    lastSeq = engine.lastSeq();
    if (journal.lastSeq() != lastSeq)
        throw std::invalid_argument("sequencer: the engine is at seq " + seqText(lastSeq)
                                    + " but the journal ends at seq " + seqText(journal.lastSeq())
                                    + "; recover the engine from this journal first");
    durableSeq = lastSeq.value();
    // Time never goes backwards across a restart either: continue from the last record's.
    if (lastSeq.value() > 0) {
        std::string error;
        const bool ok = journal.replay(
            Seq(lastSeq.value() - 1),
            [this](const store::JournalRecord &rec) { lastTime = rec.time; }, error);
        if (!ok)
            throw std::runtime_error("sequencer: cannot read the journal's last record: " + error);
    }
}

void Sequencer::Impl::applyCommand(
    MemberId member, proto::Message &&message, Origin origin, bool wantsReply, Work &work)
{
    const Seq seq(lastSeq.value() + 1);
    const Timestamp now = std::max(lastTime, options.clock());
    body.clear();
    proto::encodeBody(message, body);
    work.batch.add(seq, now, member, static_cast<std::uint16_t>(proto::typeOf(message)), body);
    lastSeq = seq;
    lastTime = now;

    RecordingEvents events(work.outputs.items, origin, member, seq, wantsReply);
    if (std::holds_alternative<proto::CancelTrade>(message))
        events.answerWithCancelledTrade();
    engine.apply(market::Command{seq, now, member, std::move(message)}, events);
    events.finish(engine);
}

void Sequencer::Impl::hintUpcoming(const std::vector<Pending> &items, std::size_t current) const
{
    std::array<const proto::Message *, market::Engine::kPrefetchAhead> upcoming{};
    std::size_t n = 0;
    for (std::size_t k = current + 1; k < items.size() && n < upcoming.size(); ++k)
        if (const auto *message = std::get_if<proto::Message>(&items[k].work))
            upcoming[n++] = message;
    engine.prefetch(std::span<const proto::Message *const>(upcoming.data(), n));
}

Work Sequencer::Impl::buildBatch(std::vector<Pending> &items, bool tick)
{
    Work work;
    try {
        if (tick)
            applyCommand(MemberId(0), proto::ClockTick{}, Origin{}, false, work);
        for (std::size_t i = 0; i < items.size(); ++i) {
            Pending &p = items[i];
            if (auto *query = std::get_if<Query>(&p.work)) {
                proto::Message answer;
                try {
                    answer = (*query)(engine);
                } catch (const std::exception &e) {
                    answer = proto::Result{proto::ResultCode::InternalError,
                                           std::string("query failed: ") + e.what()};
                }
                work.outputs.items.emplace_back(out::Reply{p.origin, p.member, std::move(answer)});
                continue;
            }
            auto &message = std::get<proto::Message>(p.work);
            const auto type = proto::typeOf(message);
            if (!isSubmittableCommand(type)) {
                // Answered in order like everything else, and never sequenced: it changes nothing.
                work.outputs.items.emplace_back(
                    out::Reply{p.origin, p.member,
                               proto::Result{proto::ResultCode::UnexpectedMessage,
                                             std::string(proto::name(type))
                                                 + " is not a command the sequencer accepts"}});
                continue;
            }
            hintUpcoming(items, i);
            applyCommand(p.member, std::move(message), p.origin, true, work);
        }
        sinceSnapshot += work.batch.count();
        if (options.snapshotEvery > 0 && sinceSnapshot >= options.snapshotEvery) {
            store::Snapshot snapshot;
            snapshot.seq = lastSeq;
            engine.saveSnapshot(snapshot.bytes);
            work.snapshot = std::move(snapshot);
            sinceSnapshot = 0;
        }
    } catch (const std::exception &e) {
        // The engine's state is unknown from here on: nothing of this batch may be released or
        // journaled, and nothing after it may be accepted.
        Work failed;
        failed.failure = "the market failed at seq " + seqText(lastSeq) + ": " + e.what();
        return failed;
    }
    work.outputs.lastSeq = lastSeq;
    return work;
}

void Sequencer::Impl::marketLoop()
{
    const bool ticking = options.tickInterval.count() > 0;
    auto nextTick = std::chrono::steady_clock::now() + options.tickInterval;
    std::vector<Pending> items;
    while (!fenced.load()) {
        // Take commands only once the hand-off has room: they wait in the submit queue (and join
        // a bigger batch) rather than being applied into a batch that cannot move yet.
        if (!handoff.waitForRoom())
            break;
        items.clear();
        const auto popped = submitted.popSome(
            items, options.maxBatch,
            ticking ? std::optional<std::chrono::steady_clock::time_point>(nextTick)
                    : std::nullopt);
        if (fenced.load() || popped == BoundedQueue<Pending>::Pop::Closed)
            break;
        const auto now = std::chrono::steady_clock::now();
        const bool tick = ticking && now >= nextTick;
        if (tick)
            nextTick = now + options.tickInterval;
        Work work = buildBatch(items, tick);
        const bool failed = !work.failure.empty();
        if (failed)
            fenced = true; // refuse submits at once; the journal thread reports it in order
        if (!handoff.push(std::move(work)) || failed)
            break;
    }
    handoff.close();
}

bool Sequencer::Impl::commit(Work &work)
{
    if (!work.failure.empty()) {
        fence(work.failure);
        return false;
    }
    if (!work.batch.empty()) {
        if (crash.reached(CrashPoint::BeforeAppend))
            CrashPlan::crash(CrashPoint::BeforeAppend);
        try {
            journal.append(work.batch);
        } catch (const std::exception &e) {
            // JournalError, or anything else the store let through: either way the batch is not
            // known to be durable, and retrying could report success for lost data.
            fence(e.what());
            return false;
        }
        batches.fetch_add(1);
        durableSeq = work.batch.lastSeq().value();
        if (crash.reached(CrashPoint::AfterAppendBeforeRelease))
            CrashPlan::crash(CrashPoint::AfterAppendBeforeRelease);
    }
    if (crash.reached(CrashPoint::MidRelease)) {
        // Half the outputs go out, then the process dies: some clients have their answer,
        // others never will, and recovery must hold every command either group sent.
        auto &items = work.outputs.items;
        const std::size_t half = std::max<std::size_t>(1, items.size() / 2);
        OutputBatch first;
        first.lastSeq = work.outputs.lastSeq;
        first.items.assign(
            std::make_move_iterator(items.begin()),
            std::make_move_iterator(items.begin()
                                    + static_cast<std::ptrdiff_t>(std::min(half, items.size()))));
        release(std::move(first));
        CrashPlan::crash(CrashPoint::MidRelease);
    }
    if (!release(std::move(work.outputs)))
        return false;
    if (work.snapshot) {
        try {
            journal.saveSnapshot(work.snapshot->seq, work.snapshot->bytes);
        } catch (const std::exception &e) {
            fence(e.what());
            return false;
        }
    }
    return true;
}

bool Sequencer::Impl::release(OutputBatch &&outputs)
{
    if (outputs.items.empty() || !onOutput)
        return true;
    try {
        onOutput(std::move(outputs));
    } catch (const std::exception &e) {
        // Some of the batch may have gone out and the rest cannot: the outside world no longer
        // matches the market, so stop rather than carry on with a hole in the stream.
        fence(std::string("the output handler failed: ") + e.what());
        return false;
    }
    return true;
}

void Sequencer::Impl::fence(const std::string &reason)
{
    fenced = true;
    submitted.closeAndDiscard();
    handoff.closeAndDiscard();
    if (onFailure)
        onFailure(reason);
}

void Sequencer::Impl::journalLoop()
{
    std::vector<Work> works;
    for (;;) {
        works.clear();
        if (handoff.popSome(works, 1, std::nullopt) == BoundedQueue<Work>::Pop::Closed)
            return;
        for (Work &work : works) {
            if (!commit(work))
                return;
        }
    }
}

Sequencer::Sequencer(market::Engine &engine,
                     store::Journal &journal,
                     SequencerOptions options,
                     OutputHandler onOutput,
                     FailureHandler onFailure)
    : m_impl(std::make_unique<Impl>(
        engine, journal, std::move(options), std::move(onOutput), std::move(onFailure)))
{}

Sequencer::~Sequencer()
{
    stop();
}

void Sequencer::start()
{
    std::lock_guard lock(m_impl->lifecycle);
    if (m_impl->started || m_impl->stopped)
        return;
    m_impl->started = true;
    m_impl->journalThread = std::thread([impl = m_impl.get()] { impl->journalLoop(); });
    m_impl->marketThread = std::thread([impl = m_impl.get()] { impl->marketLoop(); });
}

void Sequencer::stop()
{
    std::lock_guard lock(m_impl->lifecycle);
    if (m_impl->stopped)
        return;
    m_impl->stopped = true;
    // The market thread drains what was accepted, hands it on and closes the hand-off; the
    // journal thread commits and releases the rest and ends.
    m_impl->submitted.close();
    if (m_impl->marketThread.joinable())
        m_impl->marketThread.join();
    if (m_impl->journalThread.joinable())
        m_impl->journalThread.join();
}

bool Sequencer::submit(MemberId member, proto::Message body, Origin origin)
{
    if (m_impl->fenced.load())
        return false;
    return m_impl->submitted.tryPush(Pending{member, std::move(body), origin});
}

bool Sequencer::submitQuery(MemberId member, Query query, Origin origin)
{
    if (m_impl->fenced.load() || !query)
        return false;
    return m_impl->submitted.tryPush(Pending{member, std::move(query), origin});
}

bool Sequencer::fenced() const
{
    return m_impl->fenced.load();
}

Seq Sequencer::lastDurableSeq() const
{
    return Seq(m_impl->durableSeq.load());
}

std::uint64_t Sequencer::batchesCommitted() const
{
    return m_impl->batches.load();
}

} // namespace bwx::sequencer
