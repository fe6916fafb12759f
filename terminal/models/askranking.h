#pragma once
// The order in which the matcher would take the sells of a book for an incoming buy, by the
// buyer's ranking mode (docs/market.md, "Ranking"), reproduced from the quality figures a book
// entry carries so the ladder can show the asks as a buyer with that mode would meet them.
#include <bwx/proto/messages.h>
#include <cstdint>
#include <vector>

namespace bwx::terminal {

// What a book entry says about the seller's measured quality toward the book's prefix.
enum class QualityFreshness {
    Unknown,     // never measured: no figures
    Stale,       // figures exist but are too old for the matcher to trust
    Fresh,       // current figures
    Unreachable, // measured: the destination did not answer (loss 100 %)
};

QualityFreshness freshnessOf(const bwx::proto::BookEntry &entry);

struct RankedAsk
{
    bwx::proto::BookEntry entry;
    std::int64_t score = 0; // lower is better; the meaning depends on the mode
    std::uint32_t rank = 0; // 1 = taken first

    friend bool operator==(const RankedAsk &, const RankedAsk &) = default;
};

// Sells ranked best first. Best price: price, time priority, order id. Best performance:
// measured (fresh or unreachable) before unmeasured, then latency, loss, AS-path distance
// (unknown last), price, time priority, order id. Weighted: the sum of each weight times the
// metric normalised to 0..1,000,000 between the best and the worst known value among the sells
// (unknown counts as worst), then price, time priority, order id. Buys in `sells` are ignored.
std::vector<RankedAsk> rankAsks(const std::vector<bwx::proto::BookEntry> &sells,
                                RankingMode mode,
                                const bwx::proto::RankingWeights &weights);

} // namespace bwx::terminal
