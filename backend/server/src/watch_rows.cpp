#include "bwx/market/engine.h"
#include "bwx/server/market_watch.h"

namespace bwx::server {

std::vector<proto::WatchRow> watchRows(const market::Engine &engine)
{
    const std::vector<net::Prefix> prefixes = engine.activePrefixes();
    std::vector<proto::WatchRow> rows;
    rows.reserve(prefixes.size());
    for (const net::Prefix &prefix : prefixes)
        rows.push_back(engine.watchRow(prefix));
    return rows;
}

} // namespace bwx::server
