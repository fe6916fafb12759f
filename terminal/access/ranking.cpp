#include "access/ranking.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

namespace bwx::access {

namespace {

__extension__ using i128 = __int128;

constexpr std::int64_t kUnmeasured = std::numeric_limits<std::int64_t>::max();

std::int64_t latencyOf(const proto::BookEntry &e)
{
    return e.qualityKnown ? std::int64_t{e.latencyUs} : kUnmeasured;
}
std::int64_t lossOf(const proto::BookEntry &e)
{
    return e.qualityKnown ? std::int64_t{e.lossPpm} : kUnmeasured;
}
std::int64_t distanceOf(const proto::BookEntry &e)
{
    return e.qualityKnown ? std::int64_t{e.distance} : kUnmeasured;
}

// Where `value` lies between the best and worst measured values, 0..kWeightedScale; the worst
// when unmeasured.
struct Spread
{
    std::int64_t best = kUnmeasured;
    std::int64_t worst = 0;

    void see(std::int64_t value)
    {
        if (value == kUnmeasured)
            return;
        best = std::min(best, value);
        worst = std::max(worst, value);
    }

    std::int64_t position(std::int64_t value) const
    {
        if (value == kUnmeasured)
            return kWeightedScale;
        if (worst <= best)
            return 0;
        // Widened: a price difference times 10000 can pass 2^63 for absurd prices.
        const i128 scaled = static_cast<i128>(value - best) * kWeightedScale
                                / (worst - best);
        return static_cast<std::int64_t>(scaled);
    }
};

} // namespace

LocalRanking rankEntries(const std::vector<proto::BookEntry> &entries,
                         SelectionMode mode,
                         const proto::RankingWeights &weights)
{
    LocalRanking ranking;
    ranking.order.resize(entries.size());
    std::iota(ranking.order.begin(), ranking.order.end(), std::size_t{0});
    ranking.scores.resize(entries.size());

    Spread price, latency, loss, distance;
    for (const proto::BookEntry &e : entries) {
        price.see(e.price.value());
        latency.see(latencyOf(e));
        loss.see(lossOf(e));
        distance.see(distanceOf(e));
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const proto::BookEntry &e = entries[i];
        switch (mode) {
        case SelectionMode::Price:
            ranking.scores[i] = e.price.value();
            break;
        case SelectionMode::Performance:
            ranking.scores[i] = latencyOf(e);
            break;
        case SelectionMode::Weighted:
            ranking.scores[i] = weights.price * price.position(e.price.value())
                                + weights.latency * latency.position(latencyOf(e))
                                + weights.loss * loss.position(lossOf(e))
                                + weights.distance * distance.position(distanceOf(e));
            break;
        }
    }

    const auto key = [&](std::size_t i) {
        const proto::BookEntry &e = entries[i];
        const std::int64_t timePriority = e.createdAt.value();
        const std::int64_t id = static_cast<std::int64_t>(e.orderId.value());
        switch (mode) {
        case SelectionMode::Price:
            return std::tuple(e.price.value(), timePriority, id, std::int64_t{0}, std::int64_t{0},
                              std::int64_t{0}, std::int64_t{0});
        case SelectionMode::Performance:
            return std::tuple(std::int64_t{e.qualityKnown ? 0 : 1}, latencyOf(e), lossOf(e),
                              distanceOf(e), e.price.value(), timePriority, id);
        case SelectionMode::Weighted:
            break;
        }
        return std::tuple(ranking.scores[i], e.price.value(), timePriority, id, std::int64_t{0},
                          std::int64_t{0}, std::int64_t{0});
    };
    std::sort(ranking.order.begin(), ranking.order.end(),
              [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    return ranking;
}

} // namespace bwx::access
