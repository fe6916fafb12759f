#pragma once
// Quality of sell orders toward a subscribed prefix, for book updates.
//
// A sell's BookEntry carries the seller's measured quality toward one destination, and which
// destination matters: a sell on 203.0.0.0/16 in the book of 203.0.113.0/24 must show the
// seller's latency toward the /24. The market's bookChanged event knows only the order, not the
// books it lands in, so before a book update holding sells is sent, the server asks the market
// (a query at its place in the command stream) for the quality of those sells toward the
// stream's prefix, exactly as Engine::effectiveBook(prefix) reports it in snapshots. One query
// answers every stream waiting at that moment (a "round").
#include "bwx/domain/ids.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/messages.h"

#include <cstdint>
#include <vector>

namespace bwx::market {
class Engine;
}

namespace bwx::server {

struct SellQuality
{
    OrderId order{};
    std::uint32_t latencyUs = 0;
    std::uint32_t lossPpm = 0;
    std::uint8_t distance = 0;
    std::uint8_t qualityKnown = 0;
};

struct QualityRequest
{
    net::Prefix prefix{};              // the stream
    std::vector<OrderId> sells;        // ascending, no duplicates
    std::vector<SellQuality> answers;  // filled by answerQualityRound; orders gone are missing
};

using QualityRound = std::vector<QualityRequest>;

// On the market thread: fills every request's answers from the effective book of its prefix.
void answerQualityRound(const market::Engine &engine, QualityRound &round);

// Copies the quality fields of `quality` into `entry`.
void applyQuality(proto::BookEntry &entry, const SellQuality &quality);

} // namespace bwx::server
