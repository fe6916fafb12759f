#pragma once
// Settlement inside bwxd: the flow collectors, attribution of flows to the market's trades, the
// usage database, over/under-use notices, and the answers to QueryUsage, QueryStatement,
// QueryStatementDocument and QueryCollectors.
//
// Everything runs on one settlement thread of its own (an io_context with the collector's
// sockets and the timers); other threads only post to it: the sequencer's output handler hands
// over trades and members (observe), the server hands over requests (handle) and gets the
// answers through the reply callback. Nothing here calls into the server: notices and log lines
// leave through the hooks bwxd provides.
#include "bwx/core/asio.h"
#include "bwx/expected.h"
#include "bwx/proto/messages.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/settlement_service/market_trades.h"
#include "bwx/settlement/settlement_config.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bwx::settlement {

struct ServiceCaller
{
    MemberId member; // 0 for an admin
    bool admin = false;
};

enum class LogSeverity : std::uint8_t { Info, Warning, Error };

struct ServiceHooks
{
    // A notice for a member (over/under-use); called on the settlement thread.
    std::function<void(MemberId, proto::Notice)> notify;
    std::function<void(LogSeverity, const std::string &)> log;
    std::function<Timestamp()> clock; // default: the system clock
};

class SettlementService
{
public:
    // `maxReplyBytes`: the largest reply a session takes (its maximum frame size less headroom);
    // a longer usage series or document is refused with a message instead of being sent.
    SettlementService(SettlementConfig config, ServiceHooks hooks, std::size_t maxReplyBytes);
    ~SettlementService(); // stops
    SettlementService(const SettlementService &) = delete;
    SettlementService &operator=(const SettlementService &) = delete;

    // Before start(): the market's trades and members as recovered from the journal.
    void load(MarketSnapshot snapshot);
    // Opens the usage database, binds the collectors' sockets and starts the settlement thread.
    Expected<std::vector<EndpointStatus>> start();
    // Writes the usage still in memory and stops the thread; safe to call twice.
    void stop();

    // The sequencer's output, on the journal thread: trades executed or changed and members
    // added are copied and posted to the settlement thread. Cheap; never blocks.
    void observe(const sequencer::OutputBatch &batch);

    // A request of one of requestTypes(); `reply` is called exactly once, from the settlement
    // thread (or at once when the service is stopped).
    void handle(const ServiceCaller &caller,
                proto::Message &&request,
                std::function<void(proto::Message)> reply);
    static const std::vector<proto::MessageType> &requestTypes();

    // Runs `task` on the settlement thread and waits for it (tests, shutdown).
    void runSync(const std::function<void()> &task);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace bwx::settlement
