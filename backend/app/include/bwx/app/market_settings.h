#pragma once
// The market-wide settings bwxd's [market] section asks for (require_routes,
// max_open_orders_per_member, max_order_capacity) are not handed to the engine at start-up:
// they live in the journal as ConfigureMarket commands, so a replay (restart, --verify-journal)
// decides every command exactly as the live market did, whatever the file says today. bwxd
// compares the file with the settings in force and sequences a ConfigureMarket only when they
// differ: at start-up after recovery, and on SIGHUP.
#include "bwx/app/config.h"
#include "bwx/proto/messages.h"
#include "bwx/sequencer/sequencer.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace bwx::app {

// What [market] asks for.
proto::MarketSettings wantedSettings(const MarketConfig &market);
// The settings with 0 ("the engine's built-in default") replaced by that default, so two
// settings compare equal exactly when the market decides the same with them.
proto::MarketSettings effectiveSettings(const proto::MarketSettings &settings);
bool sameSettings(const proto::MarketSettings &a, const proto::MarketSettings &b);
// "require_routes=true max_open_orders_per_member=100000 max_order_capacity=1000000 Mbps"
std::string describe(const proto::MarketSettings &settings);

// Compares and sequences through the running sequencer. Thread-safe; observe() must see every
// output batch (bwxd's output handler calls it before passing the batch to the server).
class MarketSettingsKeeper
{
public:
    struct Outcome
    {
        bool ok = false;      // false: the market refused, or nothing could be submitted
        bool changed = false; // a ConfigureMarket was sequenced
        proto::MarketSettings before;
        proto::MarketSettings after;
        std::string error;
    };
    using Done = std::function<void(const Outcome &)>;

    explicit MarketSettingsKeeper(sequencer::Sequencer &sequencer);

    // Reads the settings in force at this point of the command stream, and if they differ from
    // `wanted`, sequences ConfigureMarket{wanted}. `done` runs once, on the journal thread
    // (or at once when nothing could be submitted).
    void reconcile(const proto::MarketSettings &wanted, Done done);
    // The same, waiting for the outcome (start-up).
    Outcome reconcileAndWait(const proto::MarketSettings &wanted, std::chrono::milliseconds timeout);

    void observe(const sequencer::OutputBatch &batch);

private:
    struct Pending
    {
        proto::MarketSettings wanted;
        proto::MarketSettings before;
        bool commandSent = false;
        Done done;
    };
    void onReply(std::uint32_t id, const proto::Message &message);

    sequencer::Sequencer &m_sequencer;
    std::mutex m_mutex;
    std::unordered_map<std::uint32_t, Pending> m_pending;
    std::uint32_t m_nextId = 1;
};

// Logs what reconcile() did: "market settings ..." (info) or why it failed (error).
void logMarketSettings(const std::string &prefix, const MarketSettingsKeeper::Outcome &outcome);

} // namespace bwx::app
