#include "bwx/server/market_watch.h"

#include <algorithm>

namespace bwx::server {

proto::WatchRow MarketWatch::removalRow(const net::Prefix &prefix)
{
    proto::WatchRow row;
    row.prefix = prefix;
    return row;
}

std::vector<proto::WatchRow> MarketWatch::update(std::vector<proto::WatchRow> rows)
{
    std::stable_sort(
        rows.begin(), rows.end(),
        [](const proto::WatchRow &a, const proto::WatchRow &b) { return a.prefix < b.prefix; });
    // Duplicates would make the diff ambiguous; the last row given for a prefix wins.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (kept > 0 && rows[kept - 1].prefix == rows[i].prefix)
            rows[kept - 1] = std::move(rows[i]);
        else if (kept++ != i)
            rows[kept - 1] = std::move(rows[i]);
    }
    rows.resize(kept);

    std::vector<proto::WatchRow> changed;
    auto oldIt = m_rows.begin();
    auto newIt = rows.begin();
    while (oldIt != m_rows.end() || newIt != rows.end()) {
        if (newIt == rows.end() || (oldIt != m_rows.end() && oldIt->prefix < newIt->prefix)) {
            changed.push_back(removalRow(oldIt->prefix));
            ++oldIt;
        } else if (oldIt == m_rows.end() || newIt->prefix < oldIt->prefix) {
            changed.push_back(*newIt);
            ++newIt;
        } else {
            if (!(*oldIt == *newIt))
                changed.push_back(*newIt);
            ++oldIt;
            ++newIt;
        }
    }
    m_rows = std::move(rows);
    if (!changed.empty())
        ++m_watchSeq;
    return changed;
}

bool MarketWatch::subscribe(SessionId session)
{
    if (std::find(m_subscribers.begin(), m_subscribers.end(), session) != m_subscribers.end())
        return false;
    m_subscribers.push_back(session);
    return true;
}

bool MarketWatch::unsubscribe(SessionId session)
{
    return std::erase(m_subscribers, session) > 0;
}

} // namespace bwx::server
