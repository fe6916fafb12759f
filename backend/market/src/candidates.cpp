// Engine::candidates (claim 24, rule 5): the sell orders that cover a prospective buy's
// destination, the eligible ones in the buyer's ranking order, then the others with the first
// check they fail and why, in price-time order. At most kMaxCandidates entries.
#include <algorithm>
#include <limits>
#include <tuple>

#include "engine_impl.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

namespace {

constexpr std::size_t kMaxCandidates = 256;

} // namespace

std::vector<proto::Candidate> Engine::candidates(MemberId buyer, const proto::OrderParams &params,
                                                 Timestamp now) const
{
    const Impl &d = *m_impl;
    std::vector<proto::Candidate> out;
    // An invalid buy has no candidates; NewOrder with the same parameters says what is wrong.
    if (params.side != Side::Buy
        || !detail::validateOrderParams(params, now, Bandwidth(std::numeric_limits<std::int64_t>::max())).ok())
        return out;

    // The prospective buy as the engine would hold it, newer than every resting order.
    detail::LiveOrder buy;
    buy.remaining = params.capacity;
    buy.minBlock = params.minBlock;
    buy.deliveryStart = params.deliveryStart;
    buy.deliveryEnd = params.deliveryEnd;
    buy.prioritySeq = std::numeric_limits<std::uint64_t>::max();
    buy.member = buyer;
    buy.side = Side::Buy;
    buy.traffic = params.trafficType;
    buy.kind = params.destination.kind;
    buy.price = params.price;
    buy.capacity = params.capacity;
    buy.maxLatencyUs = params.limits.maxLatencyUs;
    buy.maxLossPpm = params.limits.maxLossPpm;
    buy.maxDistance = params.limits.maxDistance;
    buy.ranking = params.ranking;
    if (params.limits != proto::QualityLimits{})
        buy.flags |= detail::kHasLimits;
    const detail::BookKey dest = detail::keyOf(params.destination, Side::Buy, buyer);
    const std::int64_t limit =
        params.type == OrderType::Market ? std::numeric_limits<std::int64_t>::max() : params.price.value();

    // Every sell that could cover the destination (checkPair then decides whether it does).
    std::vector<std::uint32_t> sells;
    const auto addBook = [&](std::uint32_t b) {
        d.books[b].asks.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
            for (std::uint32_t s = d.levels[e.level].head; s != kNil; s = d.queue[s].next)
                sells.push_back(s);
            return true;
        });
    };
    if (dest.isPrefix()) {
        for (const auto &[slot, shown] : d.sellsServing(dest.prefix))
            sells.push_back(slot);
    } else {
        const detail::BookTrie &trie = d.trieOf(dest.family);
        trie.forEachBookUnder(trie.root(), addBook);
        d.groupBooks.forEach([&](const detail::BookKey &key, std::uint32_t b) {
            if (key.member != 0 && key.family == dest.family && key.kind == dest.kind
                && key.value == dest.value)
                addBook(b);
        });
    }

    struct Row
    {
        std::uint32_t slot;
        detail::PairVerdict verdict;
    };
    std::vector<detail::RankedCandidate> eligible;
    std::vector<Row> verdicts;
    for (const std::uint32_t slot : sells) {
        const detail::LiveOrder &sell = d.live[slot];
        const detail::PairVerdict v = d.checkPairAt(now, buy, dest, limit, sell, d.keyOfLinked(slot),
                                                    sell.price.value(), kNil, nullptr);
        if (v.code == ResultCode::NotCovering)
            continue;
        if (v.code == ResultCode::Ok)
            eligible.push_back(d.rankedOf(slot, v));
        verdicts.push_back(Row{slot, v});
    }
    detail::rankCandidates(eligible, params.ranking, params.weights);
    const auto verdictOf = [&](std::uint32_t slot) -> const detail::PairVerdict & {
        return std::find_if(verdicts.begin(), verdicts.end(), [&](const Row &r) { return r.slot == slot; })
            ->verdict;
    };
    const auto entryOf = [&](std::uint32_t slot, const detail::PairVerdict &v) {
        const net::Prefix shown = d.keyOfLinked(slot).isPrefix() ? d.books[d.levels[d.live[slot].level].book].prefix
                                                                 : v.route;
        return d.bookEntryToward(slot, v.qualityRef, shown);
    };
    std::uint32_t rank = 0;
    for (const detail::RankedCandidate &r : eligible) {
        if (out.size() == kMaxCandidates)
            return out;
        proto::Candidate c;
        c.entry = entryOf(r.slot, verdictOf(r.slot));
        c.score = r.score;
        c.rank = ++rank;
        out.push_back(std::move(c));
    }
    std::vector<const Row *> others;
    for (const Row &r : verdicts)
        if (r.verdict.code != ResultCode::Ok)
            others.push_back(&r);
    std::sort(others.begin(), others.end(), [&](const Row *a, const Row *b) {
        const detail::LiveOrder &x = d.live[a->slot], &y = d.live[b->slot];
        return std::tie(x.price, x.prioritySeq, x.id) < std::tie(y.price, y.prioritySeq, y.id);
    });
    for (const Row *r : others) {
        if (out.size() == kMaxCandidates)
            break;
        proto::Candidate c;
        c.entry = entryOf(r->slot, r->verdict);
        c.reason = r->verdict.code;
        c.explanation = d.explain(r->verdict, buy, d.live[r->slot], now);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace bwx::market
