#pragma once
// The market watch is conflated: it is not a stream of every change but a periodic comparison.
// Every interval (server.market_watch_interval_ms) the server computes one row per active
// prefix at one point of the command stream, compares the rows with the last ones it sent, and
// sends only the rows that differ (watchSeq + 1). A prefix that left the market is sent once as
// an empty row (no bids, no asks). A new subscriber gets the current rows as a snapshot with
// the current watchSeq, so snapshot + later updates always add up to the latest rows.
//
// Not thread-safe: the session manager uses it on its strand only.
#include "bwx/proto/messages.h"
#include "bwx/server/session_id.h"

#include <cstdint>
#include <vector>

namespace bwx::server {

class MarketWatch
{
public:
    // Replaces the rows with `rows` (any order, one per prefix) and returns the rows that
    // changed, removal rows included, in prefix order. When something changed watchSeq grows.
    std::vector<proto::WatchRow> update(std::vector<proto::WatchRow> rows);

    std::uint64_t watchSeq() const { return m_watchSeq; }
    const std::vector<proto::WatchRow> &rows() const { return m_rows; } // prefix order

    bool subscribe(SessionId session);   // false if already subscribed
    bool unsubscribe(SessionId session); // false if it was not
    const std::vector<SessionId> &subscribers() const { return m_subscribers; }

    // The empty row that tells a client a prefix left the market watch.
    static proto::WatchRow removalRow(const net::Prefix &prefix);

private:
    std::vector<proto::WatchRow> m_rows;
    std::uint64_t m_watchSeq = 0;
    std::vector<SessionId> m_subscribers;
};

} // namespace bwx::server

namespace bwx::market {
class Engine;
}

namespace bwx::server {
// One row per active prefix, computed on the market thread (inside a sequencer query).
std::vector<proto::WatchRow> watchRows(const market::Engine &engine);
} // namespace bwx::server
