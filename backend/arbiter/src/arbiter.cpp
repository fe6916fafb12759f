#include "bwx/arbiter/arbiter.h"

#include "bwx/bgp/pointer_map.h"
#include "contribution.h"
#include "export_attributes.h"
#include "holder_index.h"
#include "route_memo.h"
#include "trade_scope.h"
#include "traded_prefixes.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace bwx::arbiter {

using detail::Contribution;
using Role = proto::ExportRole;

namespace {

constexpr Role kRoles[] = {Role::SellerRouteToBuyer, Role::BuyerPrefixToSeller};
// Derived attribute sets kept between flushes; beyond this the cache starts over.
constexpr std::size_t kAttributeCacheLimit = 1 << 16;

bool isFinal(proto::TradeState state)
{
    return state == proto::TradeState::Ended || state == proto::TradeState::Cancelled;
}

void eraseValue(std::vector<std::uint32_t> &list, std::uint32_t value)
{
    list.erase(std::remove(list.begin(), list.end(), value), list.end());
}

} // namespace

struct Arbiter::Impl
{
    Impl(ArbiterConfig c, const RouteSource &r, ExportSink &s)
        : config(c)
        , routes(r)
        , sink(s)
        , memo(r)
        , composer(c.exchangeAsn)
    {}

    struct Trade
    {
        proto::TradeView view;
        bool used = false;
        bool active = false;
        // Role 1 of a prefix trade: whether the seller's covering route carries the traded
        // prefix itself (as last decided), so a change of that route knows what was sent.
        bool carriesTradedPrefix = false;
    };

    // What a receiver gets at one prefix, decided from its contributions.
    struct Composed
    {
        Contribution winner = 0;
        SourceRoute source;
        std::vector<TradeTag> tags;
    };

    // A member that receives routes because of its active trades. It holds no route: what it
    // receives at a prefix is decided when asked, from the prefix's holders and these lists.
    struct Receiver
    {
        // (the member whose routes the contribution carries, the contribution), sorted; all
        // but the prefix trades' seller routes, which are below.
        std::vector<std::pair<MemberId, Contribution>> bySource;
        // Role-1 contributions of prefix trades by traded prefix: such a trade exports only
        // inside its prefix (and the prefix itself, from the seller's covering route).
        detail::TradedPrefixes tradedPrefixes;
        // Prefixes whose route may have changed since the last flush; may repeat. Each with
        // the group of the attribute set it was seen with (0: none), only to list prefixes of
        // one set together. IPv4 entries pack the 40-bit prefix key above a 24-bit group: a
        // trade's activation lists whole seller tables at once.
        std::vector<std::uint64_t> dirtyV4;
        std::vector<std::pair<net::Prefix, std::uint32_t>> dirtyV6;
        // The sets seen since the last flush, by address (never dereferenced: a set may be gone
        // by the flush), numbered from 1.
        bgp::detail::PointerMap<std::uint32_t> groupOfSet;
        std::uint32_t groupCount = 0;
        std::size_t dirtyUnique = 0; // dirty entries after the last de-duplication
        // How many prefixes of each family it receives, counted when asked, until it changes.
        mutable std::optional<std::array<std::size_t, 2>> counts;
        mutable std::uint64_t countStamp = 0; // recount()'s: the last prefix it was counted at

        bool hasDirty() const noexcept { return !dirtyV4.empty() || !dirtyV6.empty(); }
    };

    ArbiterConfig config;
    const RouteSource &routes;
    ExportSink &sink;
    // Answers the decisions between two flushes and the sessions' reads of what a flush
    // changed, until they have read it all (outboundReads); the queries and checkInvariants()
    // ask `routes` itself.
    detail::RouteMemo memo;
    bool outboundReads = false;
    // outboundRoute()'s scratch, reused from read to read.
    std::vector<Contribution> outboundList;
    mutable std::vector<detail::RouteFacts> holderScratch;
    detail::ExportAttributes composer;

    std::vector<Trade> trades;
    std::vector<std::uint32_t> freeTrades;
    std::unordered_map<std::uint64_t, std::uint32_t> tradeIndex;
    // A seller's active trades: its prefix trades by traded prefix (sorted, so a route change
    // finds the few whose prefix covers it or lies inside it however many the seller has), the
    // others in a list.
    struct SellerTrades
    {
        std::vector<std::uint32_t> others;
        detail::TradedPrefixes byTradedPrefix; // trade indexes
    };
    std::unordered_map<MemberId, SellerTrades, StrongIntHash> activeBySeller;
    std::unordered_map<MemberId, std::vector<std::uint32_t>, StrongIntHash> activeByBuyer;
    std::map<MemberId, Receiver> receivers; // member order: flushes are deterministic
    // Per member and family (IPv4, IPv6), the active contributions that export its routes;
    // its routes of that family are in `holders` exactly while this is non-zero.
    std::unordered_map<MemberId, std::array<std::uint32_t, 2>, StrongIntHash> sourceRefs;
    detail::HolderIndex holders;

    static std::size_t familyIndex(net::Family f) noexcept { return f == net::Family::V4 ? 0 : 1; }

    static detail::RouteFacts factsOf(MemberId member, const SourceRoute &route)
    {
        return {member, route.routeClass, route.originAsn.value_or(0)};
    }
    static SourceRoute routeOf(const net::Prefix &prefix, const detail::RouteFacts &facts)
    {
        SourceRoute r;
        r.prefix = prefix;
        r.routeClass = facts.routeClass;
        if (facts.originAsn != 0)
            r.originAsn = facts.originAsn;
        return r;
    }

    std::uint32_t allocate(const proto::TradeView &view)
    {
        std::uint32_t index;
        if (!freeTrades.empty()) {
            index = freeTrades.back();
            freeTrades.pop_back();
        } else {
            index = static_cast<std::uint32_t>(trades.size());
            trades.emplace_back();
        }
        trades[index] = Trade{view, true, false, false};
        tradeIndex[view.tradeId.value()] = index;
        return index;
    }

    static constexpr int kGroupBits = 24;
    static constexpr std::uint32_t kGroupLimit = (1u << kGroupBits) - 1;

    void markDirty(Receiver &r, const net::Prefix &prefix, const void *set)
    {
        r.counts.reset();
        std::uint32_t group = 0;
        if (set) {
            auto [known, fresh] = r.groupOfSet.findOrInsert(set);
            if (fresh)
                *known = r.groupCount < kGroupLimit ? ++r.groupCount : 0; // beyond: ungrouped
            group = *known;
        }
        if (prefix.family() == net::Family::V4)
            r.dirtyV4.push_back(bgp::detail::KeyV4::of(prefix).bits() << kGroupBits | group);
        else
            r.dirtyV6.emplace_back(prefix, group);
        // A trade's activation lists a seller's whole table, often twice (the trade and its
        // reverse): de-duplicate as the list doubles, so it stays near one entry per prefix.
        const std::size_t size = r.dirtyV4.size() + r.dirtyV6.size();
        if (size > 2 * std::max<std::size_t>(r.dirtyUnique, 4096))
            r.dirtyUnique = compactDirty(r);
    }

    // Sorts by prefix and keeps one entry per prefix.
    static std::size_t compactDirty(Receiver &r)
    {
        std::sort(r.dirtyV4.begin(), r.dirtyV4.end());
        r.dirtyV4.erase(std::unique(r.dirtyV4.begin(), r.dirtyV4.end(),
                                    [](std::uint64_t a, std::uint64_t b) {
                                        return a >> kGroupBits == b >> kGroupBits;
                                    }),
                        r.dirtyV4.end());
        std::sort(r.dirtyV6.begin(), r.dirtyV6.end());
        r.dirtyV6.erase(
            std::unique(r.dirtyV6.begin(), r.dirtyV6.end(),
                        [](const auto &a, const auto &b) { return a.first == b.first; }),
            r.dirtyV6.end());
        return r.dirtyV4.size() + r.dirtyV6.size();
    }

    // The member's routes of `family` go into the holder index with its first active
    // contribution, and out with its last.
    void addSource(MemberId member, net::Family family)
    {
        if (sourceRefs[member][familyIndex(family)]++ != 0)
            return;
        RouteSelector selector;
        selector.family = family;
        selector.attributes = false; // the index keeps facts; the memo need not keep the routes
        memo.forEachRoute(member, selector, [&](const SourceRoute &route) {
            holders.set(route.prefix, factsOf(member, route));
        });
    }
    void releaseSource(MemberId member, net::Family family)
    {
        const auto it = sourceRefs.find(member);
        if (--it->second[familyIndex(family)] != 0)
            return;
        RouteSelector selector;
        selector.family = family;
        selector.attributes = false;
        memo.forEachRoute(member, selector,
                          [&](const SourceRoute &route) { holders.erase(route.prefix, member); });
        if (it->second == std::array<std::uint32_t, 2>{})
            sourceRefs.erase(it);
    }
    bool isSource(MemberId member, net::Family family) const
    {
        const auto it = sourceRefs.find(member);
        return it != sourceRefs.end() && it->second[familyIndex(family)] != 0;
    }

    template<class Pair, class Key>
    static void insertSorted(std::vector<Pair> &list, const Key &key, Contribution c)
    {
        const Pair entry{key, c};
        list.insert(std::upper_bound(list.begin(), list.end(), entry), entry);
    }
    template<class Pair, class Key>
    static void eraseSorted(std::vector<Pair> &list, const Key &key, Contribution c)
    {
        const Pair entry{key, c};
        const auto it = std::lower_bound(list.begin(), list.end(), entry);
        if (it != list.end() && *it == entry)
            list.erase(it);
    }

    void activate(std::uint32_t index)
    {
        Trade &t = trades[index];
        t.active = true;
        SellerTrades &sold = activeBySeller[t.view.seller];
        if (t.view.destination.isPrefix()) {
            sold.byTradedPrefix.insert(t.view.destination.prefix, index);
        } else {
            sold.others.push_back(index);
        }
        activeByBuyer[t.view.buyer].push_back(index);
        const net::Family family = detail::tradeFamily(t.view);
        for (const Role role : kRoles) {
            const MemberId source = detail::sourceMember(t.view, role);
            Receiver &receiver = receivers[detail::receiverOf(t.view, role)];
            const Contribution c = detail::makeContribution(index, role);
            addSource(source, family);
            if (role == Role::SellerRouteToBuyer && t.view.destination.isPrefix()) {
                receiver.tradedPrefixes.insert(t.view.destination.prefix, c);
                t.carriesTradedPrefix
                    = detail::sourceFor(memo, t.view, role, t.view.destination.prefix).has_value();
            } else {
                insertSorted(receiver.bySource, source, c);
            }
            detail::forEachExport(memo, t.view, role,
                                  [&](const net::Prefix &prefix, const SourceRoute &route) {
                                      markDirty(receiver, prefix, route.attributes.get());
                                  });
        }
    }

    void deactivate(std::uint32_t index)
    {
        Trade &t = trades[index];
        const net::Family family = detail::tradeFamily(t.view);
        for (const Role role : kRoles) {
            const MemberId source = detail::sourceMember(t.view, role);
            Receiver &receiver = receivers[detail::receiverOf(t.view, role)];
            const Contribution c = detail::makeContribution(index, role);
            // What it exported, while the routes it exported from are still indexed.
            detail::forEachExport(memo, t.view, role,
                                  [&](const net::Prefix &prefix, const SourceRoute &route) {
                                      markDirty(receiver, prefix, route.attributes.get());
                                  });
            if (role == Role::SellerRouteToBuyer && t.view.destination.isPrefix()) {
                receiver.tradedPrefixes.erase(t.view.destination.prefix, c);
            } else {
                eraseSorted(receiver.bySource, source, c);
            }
            releaseSource(source, family);
        }
        t.active = false;
        t.carriesTradedPrefix = false;
        SellerTrades &sold = activeBySeller[t.view.seller];
        if (t.view.destination.isPrefix()) {
            sold.byTradedPrefix.erase(t.view.destination.prefix, index);
        } else {
            eraseValue(sold.others, index);
        }
        eraseValue(activeByBuyer[t.view.buyer], index);
    }

    // The contributions that may give `receiver` a route at `prefix`: the active trades whose
    // source member holds a route there, and the prefix trades on a prefix covering it. Each is
    // decided by sourceFor() when composed.
    void
    candidates(const Receiver &r, const net::Prefix &prefix, std::vector<Contribution> &out) const
    {
        out.clear();
        holderScratch.clear();
        holders.holders(prefix, holderScratch);
        for (const detail::RouteFacts &facts : holderScratch) {
            auto it = std::lower_bound(r.bySource.begin(), r.bySource.end(),
                                       std::pair<MemberId, Contribution>{facts.member, 0});
            for (; it != r.bySource.end() && it->first == facts.member; ++it)
                out.push_back(it->second);
        }
        r.tradedPrefixes.forEachCovering(prefix, [&](Contribution c) { out.push_back(c); });
    }

    // Every prefix the receiver gets in `family` from the routes as `src` has them, each once,
    // in prefix order.
    std::vector<net::Prefix> received(const Receiver &r,
                                      net::Family family,
                                      const RouteSource &src,
                                      bool attributes = true) const
    {
        std::vector<std::uint64_t> v4;
        std::vector<net::Prefix> v6;
        auto collect = [&](Contribution c) {
            const proto::TradeView &view = trades[detail::tradeIndexOf(c)].view;
            if (detail::tradeFamily(view) != family)
                return;
            detail::forEachExport(
                src, view, detail::roleOf(c),
                [&](const net::Prefix &prefix, const SourceRoute &) {
                    if (family == net::Family::V4)
                        v4.push_back(bgp::detail::KeyV4::of(prefix).bits());
                    else
                        v6.push_back(prefix);
                },
                attributes);
        };
        for (const auto &[source, c] : r.bySource)
            collect(c);
        for (const auto &[traded, c] : r.tradedPrefixes.entries())
            collect(c);
        std::vector<net::Prefix> out;
        if (family == net::Family::V4) {
            std::sort(v4.begin(), v4.end());
            v4.erase(std::unique(v4.begin(), v4.end()), v4.end());
            out.reserve(v4.size());
            for (const std::uint64_t key : v4)
                out.push_back(bgp::detail::KeyV4::fromBits(key).prefix());
        } else {
            std::sort(v6.begin(), v6.end());
            v6.erase(std::unique(v6.begin(), v6.end()), v6.end());
            out = std::move(v6);
        }
        return out;
    }

    // How many prefixes each receiver gets, counted for all receivers at once in one pass over
    // the holder index, deciding each contribution from the indexed facts: the speaker asks
    // every status period (docs/bgp.md), and a walk of the registry per receiver would cost a
    // second of CPU after a large change. Kept until a receiver changes.
    std::size_t receivedCount(const Receiver &r, net::Family family) const
    {
        if (!r.counts)
            recount();
        return (*r.counts)[familyIndex(family)];
    }

    struct CountingEntry
    {
        const Receiver *receiver;
        Contribution contribution;
        std::uint8_t sellable; // bit per route class (1 << class): the seller sells it
    };

    void recount() const
    {
        std::unordered_map<MemberId, std::vector<CountingEntry>, StrongIntHash> bySourceAll;
        for (const auto &[member, r] : receivers) {
            r.counts = std::array<std::size_t, 2>{};
            r.countStamp = 0;
            for (const auto &[source, c] : r.bySource) {
                const proto::TradeView &view = trades[detail::tradeIndexOf(c)].view;
                std::uint8_t sellable = 0;
                if (detail::roleOf(c) == Role::SellerRouteToBuyer)
                    for (const RouteClass k :
                         {RouteClass::Customer, RouteClass::Peer, RouteClass::Transit})
                        if (routes.maySell(view.seller, k, view.buyer))
                            sellable |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(k));
                bySourceAll[source].push_back({&r, c, sellable});
            }
        }
        std::uint64_t stamp = 0;
        net::Prefix current;
        holders.forEach([&](const net::Prefix &prefix, const detail::RouteFacts &facts) {
            if (stamp == 0 || prefix != current) {
                ++stamp;
                current = prefix;
            }
            const auto it = bySourceAll.find(facts.member);
            if (it == bySourceAll.end())
                return;
            const SourceRoute route = routeOf(prefix, facts);
            for (const CountingEntry &e : it->second) {
                if (e.receiver->countStamp == stamp)
                    continue; // counted already at this prefix
                if (exportsByFacts(e.contribution, route, e.sellable)) {
                    e.receiver->countStamp = stamp;
                    ++(*e.receiver->counts)[familyIndex(prefix.family())];
                }
            }
        });
        // What the prefix trades export (inside their prefixes, each a handful of routes),
        // unless counted above already.
        for (const auto &[member, r] : receivers) {
            std::vector<net::Prefix> exported;
            for (const auto &[traded, c] : r.tradedPrefixes.entries())
                detail::forEachExport(
                    routes, trades[detail::tradeIndexOf(c)].view, Role::SellerRouteToBuyer,
                    [&](const net::Prefix &prefix, const SourceRoute &) {
                        if (!receivesFromHolders(r, prefix))
                            exported.push_back(prefix);
                    },
                    false);
            std::sort(exported.begin(), exported.end());
            exported.erase(std::unique(exported.begin(), exported.end()), exported.end());
            for (const net::Prefix &prefix : exported)
                ++(*r.counts)[familyIndex(prefix.family())];
        }
    }

    // Whether contribution `c` (of `bySource`: never a prefix trade's seller routes) exports the
    // route at its own prefix, from the indexed facts.
    bool exportsByFacts(Contribution c, const SourceRoute &route, std::uint8_t sellable) const
    {
        const proto::TradeView &view = trades[detail::tradeIndexOf(c)].view;
        const Role role = detail::roleOf(c);
        if (detail::tradeFamily(view) != route.prefix.family())
            return false;
        return detail::exportsOwnRoute(view, role, route,
                                       (sellable >> static_cast<unsigned>(route.routeClass)) & 1u);
    }

    // Whether a holder's own route at `prefix` reaches the receiver through a contribution other
    // than a prefix trade's.
    bool receivesFromHolders(const Receiver &r, const net::Prefix &prefix) const
    {
        holderScratch.clear();
        holders.holders(prefix, holderScratch);
        for (const detail::RouteFacts &facts : holderScratch) {
            const SourceRoute route = routeOf(prefix, facts);
            auto it = std::lower_bound(r.bySource.begin(), r.bySource.end(),
                                       std::pair<MemberId, Contribution>{facts.member, 0});
            for (; it != r.bySource.end() && it->first == facts.member; ++it) {
                const proto::TradeView &view = trades[detail::tradeIndexOf(it->second)].view;
                if (detail::tradeFamily(view) == prefix.family()
                    && detail::exportsOwnRoute(routes, view, detail::roleOf(it->second), route))
                    return true;
            }
        }
        return false;
    }

    // One member's route at the prefix being composed: its contributions (a trade as seller,
    // another as buyer) all start from the same lookup.
    struct ExactRoute
    {
        MemberId member{};
        std::optional<std::optional<SourceRoute>> route;
    };

    Composed outboundComposed; // outboundRoute()'s, reused

    // Fills `out` (reused from export to export: composing runs once per exported route and
    // allocates nothing once the buffers have grown); false when nothing is exported.
    bool compose(const RouteSource &src, const std::vector<Contribution> &list, Composed &out) const
    {
        ExactRoute exact;
        auto &ordered = orderScratch;
        ordered.clear();
        for (const Contribution c : list)
            ordered.push_back(
                {{detail::roleOf(c), trades[detail::tradeIndexOf(c)].view.tradeId}, c});
        std::sort(ordered.begin(), ordered.end());

        bool found = false;
        out.tags.clear();
        MemberId winnerSource{};
        for (const auto &[key, c] : ordered) {
            const Role role = std::get<0>(key);
            const proto::TradeView &view = trades[detail::tradeIndexOf(c)].view;
            if (!found) {
                auto source = sourceOf(src, c, exact);
                if (!source)
                    continue;
                found = true;
                out.winner = c;
                out.source = std::move(*source);
                out.tags.push_back({role, view.tradeId});
                winnerSource = detail::sourceMember(view, role);
                continue;
            }
            // Only trades carried by the very same member route merge into the announcement;
            // a session carries one route per prefix, so the others wait behind the winner.
            if (detail::sourceMember(view, role) != winnerSource)
                continue;
            auto source = sourceOf(src, c, exact);
            if (source && source->prefix == out.source.prefix
                && source->attributes == out.source.attributes)
                out.tags.push_back({role, view.tradeId});
        }
        return found;
    }
    mutable std::vector<std::pair<std::tuple<Role, TradeId>, Contribution>> orderScratch;

    // Filled by the caller before compose(): the prefix being composed.
    mutable net::Prefix composing;

    std::optional<SourceRoute>
    sourceOf(const RouteSource &src, Contribution c, ExactRoute &exact) const
    {
        const proto::TradeView &view = trades[detail::tradeIndexOf(c)].view;
        const Role role = detail::roleOf(c);
        const MemberId member = detail::sourceMember(view, role);
        if (!exact.route || exact.member != member) {
            exact.member = member;
            exact.route.emplace(src.route(member, composing));
        }
        return detail::sourceFor(src, view, role, composing, &*exact.route);
    }

    // Reused by decorationFor(), which runs once per exported route.
    mutable std::vector<bgp::LargeCommunity> tagScratch;

    bgp::DecorationRef decorationFor(const Composed &composed,
                                     detail::ExportAttributes &attributes) const
    {
        std::vector<bgp::LargeCommunity> &tags = tagScratch;
        tags.clear();
        for (const TradeTag &tag : composed.tags)
            if (auto community = tradeCommunity(config.exchangeAsn, tag.role, tag.trade))
                tags.push_back(*community);
        std::sort(tags.begin(), tags.end());
        return attributes.decoration(tags);
    }

    // Every export the receiver holds, composed from the routes as they are now:
    // f(prefix, composed), in table order.
    template<class F> void forEachExport(MemberId receiver, F &&f) const
    {
        const auto it = receivers.find(receiver);
        if (it == receivers.end())
            return;
        Composed composed;
        std::vector<Contribution> list;
        for (const net::Family family : {net::Family::V4, net::Family::V6}) {
            for (const net::Prefix &prefix : received(it->second, family, routes)) {
                candidates(it->second, prefix, list);
                composing = prefix;
                if (compose(routes, list, composed))
                    f(prefix, composed);
            }
        }
    }

    ExportRecord record(MemberId receiver,
                        const net::Prefix &prefix,
                        Composed composed,
                        detail::ExportAttributes &attributes) const
    {
        ExportRecord r;
        r.receiver = receiver;
        r.prefix = prefix;
        const proto::TradeView &view = trades[detail::tradeIndexOf(composed.winner)].view;
        r.role = detail::roleOf(composed.winner);
        r.trade = view.tradeId;
        r.counterparty = r.role == Role::SellerRouteToBuyer ? view.seller : view.buyer;
        r.sourcePrefix = composed.source.prefix;
        std::vector<bgp::LargeCommunity> tags;
        for (const TradeTag &tag : composed.tags)
            if (auto community = tradeCommunity(config.exchangeAsn, tag.role, tag.trade))
                tags.push_back(*community);
        std::sort(tags.begin(), tags.end());
        r.attributes = attributes.derive(composed.source.attributes, tags);
        r.trades = std::move(composed.tags);
        return r;
    }
};

Arbiter::Arbiter(ArbiterConfig config, const RouteSource &routes, ExportSink &sink)
    : m_impl(std::make_unique<Impl>(config, routes, sink))
{}

Arbiter::~Arbiter() = default;

void Arbiter::tradeChanged(const proto::TradeView &trade)
{
    Impl &d = *m_impl;
    const auto known = d.tradeIndex.find(trade.tradeId.value());
    if (isFinal(trade.state)) {
        if (known == d.tradeIndex.end())
            return;
        const std::uint32_t index = known->second;
        if (d.trades[index].active)
            d.deactivate(index);
        d.trades[index] = Impl::Trade{};
        d.tradeIndex.erase(known);
        d.freeTrades.push_back(index);
        return;
    }
    const bool wantActive = trade.state == proto::TradeState::Active;
    if (known == d.tradeIndex.end()) {
        const std::uint32_t index = d.allocate(trade);
        if (wantActive)
            d.activate(index);
        return;
    }
    const std::uint32_t index = known->second;
    Impl::Trade &t = d.trades[index];
    if (t.active && !wantActive) {
        d.deactivate(index);
        t.view = trade;
    } else if (!t.active && wantActive) {
        t.view = trade;
        d.activate(index);
    } else {
        t.view.state = trade.state; // parties and destinations of a trade never change
    }
}

void Arbiter::routeChanged(MemberId member, const net::Prefix &prefix)
{
    Impl &d = *m_impl;
    d.memo.forget(member, prefix);
    if (!d.isSource(member, prefix.family()))
        return; // no active trade exports this member's routes of this family
    // The route as it was (from the index) and as it is: a receiver is told about the prefix
    // when the trade exported it before or exports it now, so a route no trade exports changes
    // nothing downstream.
    const std::optional<detail::RouteFacts> before = d.holders.find(prefix, member);
    const std::optional<SourceRoute> after = d.memo.route(member, prefix);
    if (after)
        d.holders.set(prefix, Impl::factsOf(member, *after));
    else
        d.holders.erase(prefix, member);
    const std::optional<SourceRoute> was
        = before ? std::optional<SourceRoute>(Impl::routeOf(prefix, *before)) : std::nullopt;

    auto visitOne = [&](std::uint32_t index, Role role) {
        Impl::Trade &t = d.trades[index];
        Impl::Receiver &receiver = d.receivers[detail::receiverOf(t.view, role)];
        detail::affectedExports(t.view, role, prefix, [&](const net::Prefix &exported) {
            if (role == Role::SellerRouteToBuyer && t.view.destination.isPrefix()
                && exported == t.view.destination.prefix) {
                // The traded prefix, carried by the seller's best covering route.
                const bool now = detail::sourceFor(d.memo, t.view, role, exported).has_value();
                const bool carried = t.carriesTradedPrefix;
                t.carriesTradedPrefix = now;
                if (carried || now)
                    d.markDirty(receiver, exported, nullptr);
                return;
            }
            const bool exportedBefore = was && detail::exportsOwnRoute(d.memo, t.view, role, *was);
            const bool exportedNow = after && detail::exportsOwnRoute(d.memo, t.view, role, *after);
            if (exportedBefore || exportedNow)
                d.markDirty(receiver, exported, after ? after->attributes.get() : nullptr);
        });
    };
    if (const auto seller = d.activeBySeller.find(member); seller != d.activeBySeller.end()) {
        const Impl::SellerTrades &sold = seller->second;
        for (const std::uint32_t index : sold.others)
            visitOne(index, Role::SellerRouteToBuyer);
        // The prefix trades the change can touch: those on a prefix covering the changed one
        // (its own route, or one inside the traded prefix), and those inside it (whose traded
        // prefix the changed route may carry).
        const auto visitSold = [&](std::uint32_t index) {
            visitOne(index, Role::SellerRouteToBuyer);
        };
        sold.byTradedPrefix.forEachCovering(prefix, visitSold);
        sold.byTradedPrefix.forEachInside(prefix, visitSold);
    }
    if (const auto buyer = d.activeByBuyer.find(member); buyer != d.activeByBuyer.end())
        for (const std::uint32_t index : buyer->second)
            visitOne(index, Role::BuyerPrefixToSeller);
}

bool Arbiter::hasPendingChanges() const
{
    for (const auto &[member, receiver] : m_impl->receivers)
        if (receiver.hasDirty())
            return true;
    return false;
}

void Arbiter::flush()
{
    Impl &d = *m_impl;
    for (auto it = d.receivers.begin(); it != d.receivers.end();) {
        const MemberId receiver = it->first;
        Impl::Receiver &r = it->second;
        if (r.hasDirty()) {
            Impl::compactDirty(r);
            r.dirtyUnique = 0;
            auto dirtyV4 = std::move(r.dirtyV4);
            r.dirtyV4 = {};
            auto dirtyV6 = std::move(r.dirtyV6);
            r.dirtyV6 = {};
            // The changed prefixes (IPv4 first, as PrefixList holds them), each with the group
            // of the attribute set it was marked with (0: none, e.g. a withdrawal). The session
            // reads each route when it sends it; nothing is decided here.
            bgp::PrefixList inOrder;
            inOrder.reserve(dirtyV4.size(), dirtyV6.size());
            std::vector<std::uint32_t> groups;
            groups.reserve(dirtyV4.size() + dirtyV6.size());
            std::vector<std::uint32_t> groupSizes(r.groupCount + 1, 0);
            r.groupOfSet.release();
            r.groupCount = 0;
            auto classify = [&](const net::Prefix &prefix, std::uint32_t group) {
                ++groupSizes[group];
                groups.push_back(group);
                inOrder.push(prefix);
            };
            for (const std::uint64_t entry : dirtyV4)
                classify(bgp::detail::KeyV4::fromBits(entry >> Impl::kGroupBits).prefix(),
                         static_cast<std::uint32_t>(entry & Impl::kGroupLimit));
            decltype(dirtyV4)().swap(dirtyV4);
            for (const auto &[prefix, group] : dirtyV6)
                classify(prefix, group);
            decltype(dirtyV6)().swap(dirtyV6);
            // Listed set by set (sets in the order they were first marked, each set's prefixes
            // in prefix order): a session packs the prefixes of one set into shared UPDATEs only
            // when they are close together in its queue, and neighbouring prefixes rarely
            // share a set.
            std::vector<std::uint32_t> next(groupSizes.size());
            for (std::uint32_t g = 0, at = 0; g < groupSizes.size(); ++g) {
                next[g] = at;
                at += groupSizes[g];
            }
            std::vector<std::uint32_t> order(groups.size());
            for (std::uint32_t i = 0; i < groups.size(); ++i)
                order[next[groups[i]]++] = i;
            std::vector<std::uint32_t>().swap(groups);
            auto changed = std::make_shared<bgp::PrefixList>();
            changed->reserve(inOrder.size(net::Family::V4), inOrder.size(net::Family::V6));
            for (const std::uint32_t i : order)
                changed->push(inOrder.at(i));
            if (d.sink.changed(receiver, std::move(changed)))
                d.outboundReads = true;
        }
        if (r.bySource.empty() && r.tradedPrefixes.empty() && !r.hasDirty())
            it = d.receivers.erase(it);
        else
            ++it;
    }
    d.composer.trim(kAttributeCacheLimit);
    if (!d.outboundReads)
        d.memo.clear();
}

bool Arbiter::outboundRoute(bgp::PeerId,
                            MemberId member,
                            const net::Prefix &prefix,
                            bgp::OutboundRoute &out) const
{
    Impl &d = *m_impl;
    const auto it = d.receivers.find(member);
    if (it == d.receivers.end())
        return false;
    std::vector<Contribution> &list = d.outboundList;
    d.candidates(it->second, prefix, list);
    if (list.empty())
        return false;
    // From the memo: a burst's reads ask for each member route several times (once per
    // receiving member), and the registry's answer costs far more than the memo's.
    d.composing = prefix;
    if (!d.compose(d.memo, list, d.outboundComposed))
        return false;
    out.prefix = prefix;
    out.attributes = d.outboundComposed.source.attributes;
    out.decoration = d.decorationFor(d.outboundComposed, d.composer);
    return true;
}

void Arbiter::outboundPrefixes(bgp::PeerId,
                               MemberId member,
                               net::Family family,
                               bgp::PrefixList &out) const
{
    const Impl &d = *m_impl;
    const auto it = d.receivers.find(member);
    if (it == d.receivers.end())
        return;
    const std::vector<net::Prefix> prefixes = d.received(it->second, family, d.memo);
    out.reserve(family == net::Family::V4 ? prefixes.size() : 0,
                family == net::Family::V6 ? prefixes.size() : 0);
    for (const net::Prefix &prefix : prefixes)
        out.push(prefix);
}

std::size_t Arbiter::outboundCount(bgp::PeerId, MemberId member, net::Family family) const
{
    const Impl &d = *m_impl;
    const auto it = d.receivers.find(member);
    return it == d.receivers.end() ? 0 : d.receivedCount(it->second, family);
}

void Arbiter::outboundDrained()
{
    m_impl->outboundReads = false;
    m_impl->memo.clear();
}

std::vector<ExportRecord> Arbiter::exports(MemberId receiver) const
{
    const Impl &d = *m_impl;
    std::vector<ExportRecord> out;
    detail::ExportAttributes attributes(d.config.exchangeAsn);
    d.forEachExport(receiver, [&](const net::Prefix &prefix, Impl::Composed &composed) {
        out.push_back(d.record(receiver, prefix, std::move(composed), attributes));
    });
    std::sort(out.begin(), out.end(),
              [](const ExportRecord &a, const ExportRecord &b) { return a.prefix < b.prefix; });
    return out;
}

std::optional<ExportRecord> Arbiter::exportOf(MemberId receiver, const net::Prefix &prefix) const
{
    const Impl &d = *m_impl;
    const auto it = d.receivers.find(receiver);
    if (it == d.receivers.end())
        return std::nullopt;
    std::vector<Contribution> list;
    d.candidates(it->second, prefix, list);
    if (list.empty())
        return std::nullopt;
    d.composing = prefix;
    Impl::Composed composed;
    if (!d.compose(d.routes, list, composed))
        return std::nullopt;
    detail::ExportAttributes attributes(d.config.exchangeAsn);
    return d.record(receiver, prefix, std::move(composed), attributes);
}

std::size_t Arbiter::exportCount() const
{
    const Impl &d = *m_impl;
    std::size_t n = 0;
    for (const auto &[member, receiver] : d.receivers)
        n += d.receivedCount(receiver, net::Family::V4)
             + d.receivedCount(receiver, net::Family::V6);
    return n;
}

std::vector<MemberId> Arbiter::receivers() const
{
    const Impl &d = *m_impl;
    std::vector<MemberId> out;
    for (const auto &[member, receiver] : d.receivers)
        if (d.receivedCount(receiver, net::Family::V4) + d.receivedCount(receiver, net::Family::V6)
            > 0)
            out.push_back(member);
    return out;
}

std::vector<proto::TradeView> Arbiter::trades() const
{
    std::vector<proto::TradeView> out;
    for (const auto &t : m_impl->trades)
        if (t.used)
            out.push_back(t.view);
    std::sort(out.begin(), out.end(), [](const proto::TradeView &a, const proto::TradeView &b) {
        return a.tradeId < b.tradeId;
    });
    return out;
}

std::optional<proto::TradeView> Arbiter::trade(TradeId id) const
{
    const auto it = m_impl->tradeIndex.find(id.value());
    if (it == m_impl->tradeIndex.end())
        return std::nullopt;
    return m_impl->trades[it->second].view;
}

std::size_t Arbiter::memoryUsage() const
{
    const Impl &d = *m_impl;
    std::size_t bytes = d.trades.capacity() * sizeof(Impl::Trade) + d.holders.memoryUsage();
    for (const auto &[member, r] : d.receivers)
        bytes += r.bySource.capacity() * sizeof(r.bySource[0]) + r.tradedPrefixes.memoryUsage()
                 + r.dirtyV4.capacity() * sizeof(r.dirtyV4[0])
                 + r.dirtyV6.capacity() * sizeof(r.dirtyV6[0]);
    return bytes;
}

std::string Arbiter::checkInvariants() const
{
    const Impl &d = *m_impl;
    // What the active trades imply: each receiver's lists and each member's source counts.
    std::map<MemberId, Impl::Receiver> expected;
    std::map<MemberId, std::array<std::uint32_t, 2>> refs;
    for (std::uint32_t index = 0; index < d.trades.size(); ++index) {
        const Impl::Trade &t = d.trades[index];
        if (!t.used || !t.active)
            continue;
        if (t.view.state != proto::TradeState::Active)
            return "trade " + std::to_string(t.view.tradeId.value()) + " exports but is not active";
        for (const Role role : kRoles) {
            const Contribution c = detail::makeContribution(index, role);
            Impl::Receiver &r = expected[detail::receiverOf(t.view, role)];
            const MemberId source = detail::sourceMember(t.view, role);
            ++refs[source][Impl::familyIndex(detail::tradeFamily(t.view))];
            if (role != Role::SellerRouteToBuyer || !t.view.destination.isPrefix())
                Impl::insertSorted(r.bySource, source, c);
            if (role == Role::SellerRouteToBuyer && t.view.destination.isPrefix()) {
                r.tradedPrefixes.insert(t.view.destination.prefix, c);
                const bool carried
                    = detail::sourceFor(d.routes, t.view, role, t.view.destination.prefix)
                          .has_value();
                if (carried != t.carriesTradedPrefix)
                    return "trade " + std::to_string(t.view.tradeId.value())
                           + (carried ? " carries" : " no longer carries")
                           + " its traded prefix, but the arbiter has not noticed";
            }
        }
    }
    for (const auto &[member, r] : d.receivers) {
        if (r.hasDirty())
            return "member " + std::to_string(member.value()) + " has unflushed changes";
        const auto it = expected.find(member);
        const bool none = r.bySource.empty() && r.tradedPrefixes.empty();
        if (it == expected.end() ? !none
                                 : (r.bySource != it->second.bySource
                                    || r.tradedPrefixes != it->second.tradedPrefixes))
            return "member " + std::to_string(member.value())
                   + " receives through other trades than the active ones";
    }
    for (const auto &[member, r] : expected)
        if (!d.receivers.count(member))
            return "member " + std::to_string(member.value()) + " should receive routes";
    for (const auto &[member, counts] : refs) {
        const auto it = d.sourceRefs.find(member);
        if (it == d.sourceRefs.end() || it->second != counts)
            return "member " + std::to_string(member.value())
                   + " is counted as the source of other trades than the active ones";
    }
    if (refs.size() != d.sourceRefs.size())
        return "a member no active trade exports from is still counted as a source";

    // The holder index holds exactly the sources' valid routes, with their class and origin.
    std::set<std::tuple<net::Prefix, MemberId, std::uint8_t, std::uint32_t>> wanted;
    for (const auto &[member, counts] : refs) {
        for (const net::Family family : {net::Family::V4, net::Family::V6}) {
            if (counts[Impl::familyIndex(family)] == 0)
                continue;
            RouteSelector selector;
            selector.family = family;
            d.routes.forEachRoute(member, selector, [&](const SourceRoute &route) {
                const auto facts = Impl::factsOf(member, route);
                wanted.insert({route.prefix, member, static_cast<std::uint8_t>(facts.routeClass),
                               facts.originAsn});
            });
        }
    }
    std::set<std::tuple<net::Prefix, MemberId, std::uint8_t, std::uint32_t>> held;
    d.holders.forEach([&](const net::Prefix &prefix, const detail::RouteFacts &facts) {
        held.insert(
            {prefix, facts.member, static_cast<std::uint8_t>(facts.routeClass), facts.originAsn});
    });
    if (held.size() != d.holders.size())
        return "the holder index counts " + std::to_string(d.holders.size()) + " holders but lists "
               + std::to_string(held.size());
    for (const auto &w : wanted)
        if (!held.count(w))
            return "the holder index lacks member " + std::to_string(std::get<1>(w).value())
                   + "'s route " + std::get<0>(w).toString() + " (or has other facts)";
    for (const auto &h : held)
        if (!wanted.count(h))
            return "the holder index has member " + std::to_string(std::get<1>(h).value())
                   + "'s route " + std::get<0>(h).toString() + ", which is not a valid route"
                   + " of an exporting member (or has other facts)";
    return {};
}

} // namespace bwx::arbiter
