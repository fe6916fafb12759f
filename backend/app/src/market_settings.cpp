#include "bwx/app/market_settings.h"

#include "bwx/market/engine.h"
#include "bwx/server/log.h"
#include "bwx/server/session_id.h"

#include <future>
#include <memory>

namespace bwx::app {

proto::MarketSettings wantedSettings(const MarketConfig &market)
{
    proto::MarketSettings settings;
    settings.requireRoutes = market.requireRoutes ? 1 : 0;
    settings.maxOpenOrdersPerMember = market.maxOpenOrdersPerMember;
    settings.maxOrderCapacity = market.maxOrderCapacity;
    return settings;
}

proto::MarketSettings effectiveSettings(const proto::MarketSettings &settings)
{
    const market::EngineConfig defaults;
    proto::MarketSettings out = settings;
    out.requireRoutes = settings.requireRoutes != 0 ? 1 : 0;
    if (out.maxOpenOrdersPerMember == 0)
        out.maxOpenOrdersPerMember = defaults.maxOpenOrdersPerMember;
    if (out.maxOrderCapacity.value() == 0)
        out.maxOrderCapacity = defaults.maxOrderCapacity;
    return out;
}

bool sameSettings(const proto::MarketSettings &a, const proto::MarketSettings &b)
{
    return effectiveSettings(a) == effectiveSettings(b);
}

std::string describe(const proto::MarketSettings &settings)
{
    const proto::MarketSettings s = effectiveSettings(settings);
    return std::string("require_routes=") + (s.requireRoutes ? "true" : "false")
           + " max_open_orders_per_member=" + std::to_string(s.maxOpenOrdersPerMember)
           + " max_order_capacity=" + formatBandwidth(s.maxOrderCapacity);
}

MarketSettingsKeeper::MarketSettingsKeeper(sequencer::Sequencer &sequencer)
    : m_sequencer(sequencer)
{}

void MarketSettingsKeeper::reconcile(const proto::MarketSettings &wanted, Done done)
{
    std::uint32_t id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_pending[id] = Pending{wanted, {}, false, done};
    }
    // The settings are read on the market thread at this point of the stream, so what is
    // compared is exactly what the next command would be decided with.
    const bool submitted = m_sequencer.submitQuery(
        MemberId{},
        [](const market::Engine &engine) -> proto::Message {
            return proto::ConfigureMarket{engine.settings()};
        },
        sequencer::Origin{server::kDaemonOrigin, id});
    if (!submitted) {
        {
            std::lock_guard lock(m_mutex);
            m_pending.erase(id);
        }
        Outcome outcome;
        outcome.error = "the market did not take the query (overloaded or stopped)";
        done(outcome);
    }
}

MarketSettingsKeeper::Outcome
MarketSettingsKeeper::reconcileAndWait(const proto::MarketSettings &wanted,
                                       std::chrono::milliseconds timeout)
{
    auto promise = std::make_shared<std::promise<Outcome>>();
    auto future = promise->get_future();
    reconcile(wanted, [promise](const Outcome &outcome) { promise->set_value(outcome); });
    if (future.wait_for(timeout) != std::future_status::ready) {
        Outcome outcome;
        outcome.error = "no answer from the market within "
                        + std::to_string(timeout.count()) + " ms";
        return outcome;
    }
    return future.get();
}

void MarketSettingsKeeper::observe(const sequencer::OutputBatch &batch)
{
    for (const sequencer::Output &item : batch.items) {
        const auto *reply = std::get_if<sequencer::out::Reply>(&item);
        if (reply && reply->origin.session == server::kDaemonOrigin)
            onReply(reply->origin.requestId, reply->message);
    }
}

void MarketSettingsKeeper::onReply(std::uint32_t id, const proto::Message &message)
{
    Done done;
    Outcome outcome;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        Pending &pending = it->second;
        if (!pending.commandSent) {
            const auto *current = std::get_if<proto::ConfigureMarket>(&message);
            if (!current) {
                outcome.error = "the settings query failed";
                if (const auto *result = std::get_if<proto::Result>(&message))
                    outcome.error += ": " + result->message;
            } else if (sameSettings(current->settings, pending.wanted)) {
                outcome.ok = true;
                outcome.before = outcome.after = current->settings;
            } else {
                pending.before = current->settings;
                pending.commandSent = true;
                // Submitted from the journal thread: submit() never blocks, it refuses.
                if (m_sequencer.submit(MemberId{}, proto::ConfigureMarket{pending.wanted},
                                       sequencer::Origin{server::kDaemonOrigin, id}))
                    return; // its answer comes in a later batch
                outcome.error = "the market did not take the ConfigureMarket command "
                                "(overloaded or stopped)";
                outcome.before = current->settings;
            }
        } else {
            const auto *result = std::get_if<proto::Result>(&message);
            outcome.before = pending.before;
            if (result && result->code == proto::ResultCode::Ok) {
                outcome.ok = true;
                outcome.changed = true;
                outcome.after = pending.wanted;
            } else {
                outcome.after = pending.before;
                outcome.error = result ? std::string(proto::name(result->code)) + ": "
                                             + result->message
                                       : std::string("unexpected answer to ConfigureMarket");
            }
        }
        done = std::move(pending.done);
        m_pending.erase(it);
    }
    done(outcome);
}

void logMarketSettings(const std::string &prefix, const MarketSettingsKeeper::Outcome &outcome)
{
    if (!outcome.ok) {
        server::logError(prefix + "market settings not applied: " + outcome.error);
        return;
    }
    if (outcome.changed)
        server::logInfo(prefix + "market settings changed from " + describe(outcome.before)
                        + " to " + describe(outcome.after) + " (journaled as configure_market)");
    else
        server::logInfo(prefix + "market settings in force: " + describe(outcome.after));
}

} // namespace bwx::app
