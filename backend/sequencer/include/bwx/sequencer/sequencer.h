#pragma once
// The write path of the exchange: commands from any thread are sequenced (seq + timestamp),
// applied by the market thread, appended to the journal in batches (one sync per batch), and
// only then is anything they caused released to the outside world. Queries run on the market
// thread at their place in the stream and are released with the batch they were answered in,
// so a reply never shows state that a crash could still take back.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"
#include "bwx/proto/messages.h"

namespace bwx::market {
class Engine;
struct EngineConfig;
}
namespace bwx::store {
class Journal;
}

namespace bwx::sequencer {

// Where a reply goes. Opaque to the sequencer; session 0 means nobody is waiting.
struct Origin {
    std::uint64_t session = 0;
    std::uint32_t requestId = 0;
};

namespace out {
// The answer to one command or query: Result (rejection or plain success), OrderUpdate,
// MemberList, or a query's reply message.
struct Reply {
    Origin origin;
    MemberId member{};
    proto::Message message;
};
// An order changed without its owner asking (fills of resting orders, expiry, mass cancel...).
struct OrderChanged {
    proto::OrderView order;
    Seq seq{};
};
// A trade: the server sends a Fill to each party.
struct TradeExecuted {
    proto::TradeView trade;
    ClientOrderId buyClientOrderId{};
    ClientOrderId sellClientOrderId{};
    std::string buyerName;
    std::string sellerName;
    Seq seq{};
};
struct BookChanged {
    proto::BookAction action = proto::BookAction::Add;
    proto::BookEntry entry;
};
struct TradeChanged {
    proto::TradeView trade;
};
struct MemberChanged {
    proto::MemberView member;
};
// An alert for one member (port full, routes under an order or trade withdrawn or back, orders
// cancelled because its last session ended); the server sends `notice` to that member only.
struct Notice {
    MemberId member{};
    proto::Notice notice;
};
} // namespace out

using Output = std::variant<out::Reply, out::OrderChanged, out::TradeExecuted, out::BookChanged,
                            out::TradeChanged, out::MemberChanged, out::Notice>;

// Everything caused by consecutive commands, in the order it happened; released only after the
// journal holds every command up to lastSeq.
struct OutputBatch {
    Seq lastSeq{};
    std::vector<Output> items;
};

struct SequencerOptions {
    std::size_t maxBatch = 4096;                 // commands per journal batch at most
    std::size_t queueCapacity = 1 << 16;         // submit() refuses beyond this (Overloaded)
    std::chrono::milliseconds tickInterval{1000}; // ClockTick cadence (GTD expiry, delivery)
    std::uint64_t snapshotEvery = 1'000'000;     // commands between snapshots; 0 = never
    std::function<Timestamp()> clock;            // wall clock; default system_clock
};

class Sequencer {
public:
    using OutputHandler = std::function<void(OutputBatch&&)>;
    // Called once, from the journal thread, if the journal fails: the sequencer is fenced and
    // accepts nothing more. The process should stop.
    using FailureHandler = std::function<void(const std::string& reason)>;

    Sequencer(market::Engine& engine, store::Journal& journal, SequencerOptions options,
              OutputHandler onOutput, FailureHandler onFailure);
    ~Sequencer(); // stops
    Sequencer(const Sequencer&) = delete;
    Sequencer& operator=(const Sequencer&) = delete;

    void start();
    // Drains what was submitted, commits it, delivers its outputs, then stops the threads.
    void stop();

    // Thread-safe. `body` must be a command message: a member's NewOrder, CancelOrder,
    // AmendOrder, MassCancel, TakeOrder, SetCancelOnDisconnect, CancelTrade; an admin's
    // AddMember, SetMemberStatus, SetMemberLimits, CancelTrade; or one of the exchange's own RouteBatch, QualityBatch,
    // SessionsClosed, ConfigureMarket (the caller makes sure those never come from the wire).
    // Returns false when the queue is full or the sequencer is fenced or stopped; the caller
    // answers Overloaded / JournalUnavailable.
    bool submit(MemberId member, proto::Message body, Origin origin);

    // Thread-safe. Runs `query` on the market thread at this point of the stream; its result
    // is delivered as an out::Reply to `origin` with the batch it was answered in.
    using Query = std::function<proto::Message(const market::Engine&)>;
    bool submitQuery(MemberId member, Query query, Origin origin);

    bool fenced() const;
    Seq lastDurableSeq() const;
    std::uint64_t batchesCommitted() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Start-up: loads the latest snapshot (if any) and replays the journal after it. Returns the
// engine, or an error naming the damaged record.
struct Recovery {
    std::unique_ptr<market::Engine> engine;
    Seq snapshotSeq{};
    std::uint64_t replayed = 0;
};
struct RecoveryResult {
    bool ok = false;
    Recovery recovery;
    std::string error;
};
RecoveryResult recover(store::Journal& journal, bool useSnapshot = true);
// The same with other initial engine settings. Kept for source compatibility: the market's
// settings now come from the journal (ConfigureMarket commands, replayed like any other), and
// EngineConfig only gives the defaults in force before the first ConfigureMarket. A journal
// that holds its ConfigureMarket replays identically with either overload.
RecoveryResult recover(store::Journal& journal, bool useSnapshot, const market::EngineConfig& config);

} // namespace bwx::sequencer
