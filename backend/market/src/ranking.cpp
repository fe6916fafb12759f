// Ranking of eligible sells for a buy (docs/market.md, rule 4): best price, best performance or
// the buyer's weighted mix, each a total order whose last tie-breakers are time priority and
// order id, so two candidates never compare equal. Integer arithmetic only.
#include <algorithm>
#include <limits>
#include <tuple>

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

namespace {

constexpr std::uint32_t kUnknown = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kPpm = 1'000'000;

bool fresh(const detail::RankedCandidate &c) noexcept
{
    return c.state == static_cast<std::uint8_t>(proto::QualityState::Fresh);
}
bool unreachable(const detail::RankedCandidate &c) noexcept
{
    return c.state == static_cast<std::uint8_t>(proto::QualityState::Unreachable);
}

// Performance figures with unknowns at the far end: (class, latency, loss). Class 0: measured
// (an unreachable destination has infinite latency and total loss); class 1: not measured, or
// the measurement is stale.
std::tuple<int, std::uint32_t, std::uint32_t> performance(const detail::RankedCandidate &c) noexcept
{
    if (fresh(c))
        return {0, c.latencyUs, c.lossPpm};
    if (unreachable(c))
        return {0, kUnknown, static_cast<std::uint32_t>(kPpm)};
    return {1, kUnknown, kUnknown};
}

// A metric normalised to 0..1,000,000 ppm between the best (0) and the worst (1,000,000) known
// value among the candidates; an unknown value counts as the worst.
struct Normaliser
{
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    std::int64_t worst = std::numeric_limits<std::int64_t>::min();
    void see(bool known, std::int64_t v)
    {
        if (!known)
            return;
        best = std::min(best, v);
        worst = std::max(worst, v);
    }
    std::int64_t operator()(bool known, std::int64_t v) const
    {
        if (!known)
            return kPpm;
        if (worst == best)
            return 0;
        __extension__ using i128 = __int128;
        return static_cast<std::int64_t>(i128(v - best) * kPpm / i128(worst - best));
    }
};

} // namespace

void detail::rankCandidates(std::vector<RankedCandidate> &list, RankingMode mode,
                            const proto::RankingWeights &weights)
{
    const auto timeOrder = [](const RankedCandidate &a, const RankedCandidate &b) {
        return std::tie(a.prioritySeq, a.id) < std::tie(b.prioritySeq, b.id);
    };
    switch (mode) {
    case RankingMode::BestPrice:
        for (RankedCandidate &c : list)
            c.score = c.price;
        std::sort(list.begin(), list.end(), [&](const RankedCandidate &a, const RankedCandidate &b) {
            if (a.price != b.price)
                return a.price < b.price;
            return timeOrder(a, b);
        });
        return;
    case RankingMode::BestPerformance:
        for (RankedCandidate &c : list)
            c.score = std::get<1>(performance(c));
        std::sort(list.begin(), list.end(), [&](const RankedCandidate &a, const RankedCandidate &b) {
            const auto pa = performance(a), pb = performance(b);
            if (pa != pb)
                return pa < pb;
            const int da = a.routeKnown ? a.distance : 256, db = b.routeKnown ? b.distance : 256;
            if (da != db)
                return da < db;
            if (a.price != b.price)
                return a.price < b.price;
            return timeOrder(a, b);
        });
        return;
    case RankingMode::Weighted: {
        Normaliser price, latency, loss, distance;
        for (const RankedCandidate &c : list) {
            price.see(true, c.price);
            latency.see(fresh(c), c.latencyUs);
            loss.see(fresh(c) || unreachable(c), unreachable(c) ? kPpm : c.lossPpm);
            distance.see(c.routeKnown, c.distance);
        }
        for (RankedCandidate &c : list)
            c.score = weights.price * price(true, c.price)
                      + weights.latency * latency(fresh(c), c.latencyUs)
                      + weights.loss * loss(fresh(c) || unreachable(c), unreachable(c) ? kPpm : c.lossPpm)
                      + weights.distance * distance(c.routeKnown, c.distance);
        std::sort(list.begin(), list.end(), [&](const RankedCandidate &a, const RankedCandidate &b) {
            if (a.score != b.score)
                return a.score < b.score;
            if (a.price != b.price)
                return a.price < b.price;
            return timeOrder(a, b);
        });
        return;
    }
    }
}

detail::RankedCandidate Engine::Impl::rankedOf(std::uint32_t slot, const detail::PairVerdict &v) const
{
    const detail::LiveOrder &o = live[slot];
    detail::RankedCandidate r;
    r.slot = slot;
    r.id = o.id.value();
    r.price = o.price.value();
    r.prioritySeq = o.prioritySeq;
    r.routeKnown = v.routeKnown;
    r.distance = v.distance;
    if (const auto figure = figureOf(o.member, v.qualityRef)) {
        r.state = figure->state;
        r.latencyUs = figure->latencyUs;
        r.lossPpm = figure->lossPpm;
    }
    return r;
}

std::vector<detail::RankedCandidate> Engine::Impl::rankCandidates(const detail::Taker &taker,
                                                                   detail::DryRun *dry)
{
    // Every crossing sell, then put in price-time order: the order the pairs have always been
    // checked in, which decides which port-full notice a member gets first. The books are not
    // merged as they are walked (the price-time match must, to stop at its first fill; ranking
    // reads them all): one step of each book's walk in turn, so that the cache misses of the
    // walks overlap instead of each waiting for the one before (the next order of a level, then
    // the next level's first order).
    collectCursors(taker);
    struct Crossing
    {
        std::int64_t price;
        std::uint64_t prioritySeq;
        std::uint64_t id;
        std::uint32_t slot;
    };
    std::vector<Crossing> crossing;
    crossing.reserve(64); // enough for most buys; more grows it
    std::size_t active = cursors.size();
    while (active != 0) {
        for (std::size_t i = 0; i < active;) {
            detail::Cursor &c = cursors[i];
            crossing.push_back(Crossing{c.price, 0, 0, c.order});
            std::uint32_t next = queue[c.order].next;
            if (next == kNil) {
                const detail::LevelMap::Entry *e = books[c.book].asks.levels.below(-c.price);
                if (e == nullptr || -e->key > taker.limit) {
                    cursors[i] = cursors[--active];
                    continue;
                }
                c.price = -e->key;
                next = levels[e->level].head;
            }
            c.order = next;
            detail::prefetchLine(&queue[next]);
            detail::prefetchLine(&live[next]);
            ++i;
        }
    }
    cursors.clear();
    for (Crossing &x : crossing) {
        x.prioritySeq = live[x.slot].prioritySeq;
        x.id = live[x.slot].id.value();
    }
    std::sort(crossing.begin(), crossing.end(), [](const Crossing &a, const Crossing &b) {
        return std::tie(a.price, a.prioritySeq, a.id) < std::tie(b.price, b.prioritySeq, b.id);
    });

    const detail::LiveOrder &t = live[taker.slot];
    std::vector<detail::RankedCandidate> eligible;
    for (const Crossing &x : crossing) {
        const std::uint32_t slot = x.slot;
        const detail::LiveOrder &o = live[slot];
        const detail::PairVerdict v = checkPair(t, taker.dest, taker.limit, o, keyOfLinked(slot),
                                                o.price.value(), taker.slot, dry);
        if (v.code == ResultCode::Ok || v.code == ResultCode::OwnOrder)
            eligible.push_back(rankedOf(slot, v));
        else if (v.code == ResultCode::PortCapacityExceeded && dry == nullptr)
            portFull(v, t, o);
    }
    detail::rankCandidates(eligible, t.ranking, rec(t.id).params.weights);
    return eligible;
}

} // namespace bwx::market
