#include "access/qualitytracker.h"

#include <set>

namespace bwx::access {

bool beyondLimits(const proto::QualityCell &cell, const proto::QualityLimits &limits)
{
    if (cell.state == proto::QualityState::Unreachable)
        return true;
    return (limits.maxLatencyUs && cell.latencyUs > limits.maxLatencyUs)
           || (limits.maxLossPpm && cell.lossPpm > limits.maxLossPpm)
           || (limits.maxDistance && cell.distance > limits.maxDistance);
}

void QualityTracker::observe(const Rules &rules, const AccessState &state)
{
    if (!state.quality.received || state.quality.error != proto::ResultCode::Ok)
        return;
    std::set<Key> seen;
    for (const Group &group : rules.groups) {
        for (const Need &need : group.needs) {
            if (!need.replaceAfter.isPositive() || !need.destination.isPrefix())
                continue;
            for (const proto::TradeView &trade : state.trades) {
                const bool live = trade.state == proto::TradeState::Scheduled
                                  || trade.state == proto::TradeState::Active;
                if (trade.buyer != state.self || !live || !(trade.destination == need.destination))
                    continue;
                const Key key{need.name, trade.tradeId.value()};
                seen.insert(key);
                // The most specific measurement of this seller toward the need's prefix.
                const proto::QualityCell *cell = nullptr;
                for (const proto::QualityCell &c : state.quality.cells) {
                    if (c.seller != trade.seller || !c.destination.contains(need.destination.prefix))
                        continue;
                    if (!cell || c.destination.length() > cell->destination.length())
                        cell = &c;
                }
                if (!cell)
                    continue;
                const bool measured = cell->state == proto::QualityState::Fresh
                                      || cell->state == proto::QualityState::Unreachable;
                if (!measured)
                    continue;
                if (!beyondLimits(*cell, need.limits)) {
                    m_badSince.erase(key);
                    continue;
                }
                const Timestamp since = cell->measuredAt.isSet() ? cell->measuredAt : state.now;
                m_badSince.try_emplace(key, since);
            }
        }
    }
    // Trades that ended or needs that were removed are forgotten.
    for (auto it = m_badSince.begin(); it != m_badSince.end();) {
        if (seen.count(it->first) == 0)
            it = m_badSince.erase(it);
        else
            ++it;
    }
}

} // namespace bwx::access
