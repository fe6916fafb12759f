#pragma once
// What the market says should be measured, read on the market thread by a sequencer query: every
// seller toward every prefix with open orders that one of its sell orders covers (its own sell
// prefixes, and buyers' more specific destinations), toward the destinations of its scheduled and
// active trades, and the members' names. Runs at its place in the command stream, so it sees one
// consistent state.
#include "bwx/domain/ids.h"
#include "bwx/quality/path_key.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace bwx::market {
class Engine;
}

namespace bwx::app {

struct MarketPaths
{
    std::map<MemberId, std::string> members;
    std::set<quality::PathKey> paths;
    std::set<net::Prefix> openPrefixes; // prefixes with open orders: the matrix's default rows
    // AS-path lengths the market holds for sells (from the registry's routes); only non-zero.
    std::map<quality::PathKey, std::uint8_t> distances;
    bool truncated = false; // more than maxPaths paths; the rest were left out
};

// Trades considered per member: the newest this many.
inline constexpr std::uint32_t kTradesPerMember = 10'000;

MarketPaths collectMarketPaths(const market::Engine &engine, std::size_t maxPaths);

} // namespace bwx::app
