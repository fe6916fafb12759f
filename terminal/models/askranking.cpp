#include "models/askranking.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace bwx::terminal {

namespace {

constexpr std::uint32_t kUnknown = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kPpm = 1'000'000;

// A distance of 0 means the exchange found no route of the seller toward the prefix: a real
// AS path holds at least the seller's own AS.
bool distanceKnown(const proto::BookEntry &e)
{
    return e.distance != 0;
}

// (class, latency, loss): class 0 measured, class 1 not usable (unknown or stale), so an
// unmeasured seller never outranks a measured one, and an unreachable one ranks behind every
// reachable one because of its infinite latency.
std::tuple<int, std::uint32_t, std::uint32_t> performance(const proto::BookEntry &e)
{
    switch (freshnessOf(e)) {
    case QualityFreshness::Fresh:
        return {0, e.latencyUs, e.lossPpm};
    case QualityFreshness::Unreachable:
        return {0, kUnknown, static_cast<std::uint32_t>(kPpm)};
    case QualityFreshness::Unknown:
    case QualityFreshness::Stale:
        break;
    }
    return {1, kUnknown, kUnknown};
}

bool timeBefore(const proto::BookEntry &a, const proto::BookEntry &b)
{
    return std::tie(a.createdAt, a.orderId) < std::tie(b.createdAt, b.orderId);
}

// Maps a metric onto 0..1,000,000 between the best and the worst known value seen.
class Normaliser
{
public:
    void see(bool known, std::int64_t value)
    {
        if (!known)
            return;
        m_best = std::min(m_best, value);
        m_worst = std::max(m_worst, value);
    }
    std::int64_t operator()(bool known, std::int64_t value) const
    {
        if (!known)
            return kPpm;
        if (m_worst == m_best)
            return 0;
        // Price differences times a million can exceed 64 bits.
        __extension__ using Wide = __int128;
        return static_cast<std::int64_t>(Wide(value - m_best) * kPpm / Wide(m_worst - m_best));
    }

private:
    std::int64_t m_best = std::numeric_limits<std::int64_t>::max();
    std::int64_t m_worst = std::numeric_limits<std::int64_t>::min();
};

bool lossKnown(const proto::BookEntry &e)
{
    const QualityFreshness f = freshnessOf(e);
    return f == QualityFreshness::Fresh || f == QualityFreshness::Unreachable;
}

std::int64_t lossOf(const proto::BookEntry &e)
{
    return freshnessOf(e) == QualityFreshness::Unreachable ? kPpm : e.lossPpm;
}

} // namespace

QualityFreshness freshnessOf(const proto::BookEntry &entry)
{
    // The exchange sends an unreachable destination as known quality with total loss and no
    // latency, and a stale figure as unknown quality that still carries its numbers.
    if (entry.qualityKnown != 0)
        return entry.lossPpm >= kPpm && entry.latencyUs == 0 ? QualityFreshness::Unreachable
                                                             : QualityFreshness::Fresh;
    if (entry.latencyUs != 0 || entry.lossPpm != 0)
        return QualityFreshness::Stale;
    return QualityFreshness::Unknown;
}

std::vector<RankedAsk> rankAsks(const std::vector<proto::BookEntry> &sells,
                                RankingMode mode,
                                const proto::RankingWeights &weights)
{
    std::vector<RankedAsk> out;
    out.reserve(sells.size());
    for (const proto::BookEntry &entry : sells)
        if (entry.side == Side::Sell)
            out.push_back({entry, 0, 0});

    switch (mode) {
    case RankingMode::BestPrice:
        for (RankedAsk &r : out)
            r.score = r.entry.price.value();
        std::sort(out.begin(), out.end(), [](const RankedAsk &a, const RankedAsk &b) {
            if (a.entry.price != b.entry.price)
                return a.entry.price < b.entry.price;
            return timeBefore(a.entry, b.entry);
        });
        break;
    case RankingMode::BestPerformance:
        for (RankedAsk &r : out)
            r.score = std::get<1>(performance(r.entry));
        std::sort(out.begin(), out.end(), [](const RankedAsk &a, const RankedAsk &b) {
            const auto pa = performance(a.entry);
            const auto pb = performance(b.entry);
            if (pa != pb)
                return pa < pb;
            const int da = distanceKnown(a.entry) ? a.entry.distance : 256;
            const int db = distanceKnown(b.entry) ? b.entry.distance : 256;
            if (da != db)
                return da < db;
            if (a.entry.price != b.entry.price)
                return a.entry.price < b.entry.price;
            return timeBefore(a.entry, b.entry);
        });
        break;
    case RankingMode::Weighted: {
        Normaliser price, latency, loss, distance;
        for (const RankedAsk &r : out) {
            const proto::BookEntry &e = r.entry;
            price.see(true, e.price.value());
            latency.see(freshnessOf(e) == QualityFreshness::Fresh, e.latencyUs);
            loss.see(lossKnown(e), lossOf(e));
            distance.see(distanceKnown(e), e.distance);
        }
        for (RankedAsk &r : out) {
            const proto::BookEntry &e = r.entry;
            r.score = weights.price * price(true, e.price.value())
                      + weights.latency
                            * latency(freshnessOf(e) == QualityFreshness::Fresh, e.latencyUs)
                      + weights.loss * loss(lossKnown(e), lossOf(e))
                      + weights.distance * distance(distanceKnown(e), e.distance);
        }
        std::sort(out.begin(), out.end(), [](const RankedAsk &a, const RankedAsk &b) {
            if (a.score != b.score)
                return a.score < b.score;
            if (a.entry.price != b.entry.price)
                return a.entry.price < b.entry.price;
            return timeBefore(a.entry, b.entry);
        });
        break;
    }
    }
    std::uint32_t rank = 0;
    for (RankedAsk &r : out)
        r.rank = ++rank;
    return out;
}

} // namespace bwx::terminal
