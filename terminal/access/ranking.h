#pragma once
// The access manager's own ranking of sell orders (claims 12-14, 24, 25): a total order per
// selection mode with numbered tie-breakers ending in time priority and order id, so two
// candidates never compare equal. The exchange ranks candidate lists too; the engine re-ranks
// what it receives with these rules and reports any difference (docs/access-manager.md,
// "Ranking").
//
// price:        1 lower price, 2 earlier time priority, 3 lower order id.
// performance:  1 measured before unmeasured, 2 lower latency, 3 lower loss, 4 shorter AS path,
//               5 lower price, 6 earlier time priority, 7 lower order id.
// weighted:     1 lower weighted score, 2 lower price, 3 earlier time priority, 4 lower order id.
//               score = sum over price, latency, loss, distance of weight x position of the value
//               between the best (0) and the worst (10000) among the ranked candidates; a value
//               not measured counts as the worst.
#include "access/rules.h"

#include <bwx/proto/records.h>

#include <cstdint>
#include <vector>

namespace bwx::access {

inline constexpr std::int64_t kWeightedScale = 10'000;

struct LocalRanking
{
    std::vector<std::size_t> order;   // indices into the input, best first
    std::vector<std::int64_t> scores; // per input entry: the mode's score, lower is better
};

LocalRanking rankEntries(const std::vector<proto::BookEntry> &entries,
                         SelectionMode mode,
                         const proto::RankingWeights &weights);

} // namespace bwx::access
