#include "bwx/arbiter/arbiter.h"

#include "bwx/bgp/pointer_map.h"
#include "export_attributes.h"
#include "export_table.h"
#include "route_memo.h"
#include "trade_scope.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace bwx::arbiter {

using detail::Contribution;
using detail::ExportTable;
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
    };

    // What a receiver gets at one prefix, decided from its contributions.
    struct Composed
    {
        Contribution winner = 0;
        SourceRoute source;
        std::vector<TradeTag> tags;
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
    // flush()'s: the group of each attribute set, by address.
    bgp::detail::PointerMap<std::uint32_t> groupOfSet;

    // The attribute set of the member route the contribution exports at `prefix` when it is
    // the route at exactly that prefix, else null: which set a session will most likely send.
    const void *setOf(const net::Prefix &prefix, Contribution c) const
    {
        const proto::TradeView &view = trades[detail::tradeIndexOf(c)].view;
        const auto route = memo.route(detail::sourceMember(view, detail::roleOf(c)), prefix);
        return route ? route->attributes.get() : nullptr;
    }
    detail::ExportAttributes composer;

    std::vector<Trade> trades;
    std::vector<std::uint32_t> freeTrades;
    std::unordered_map<std::uint64_t, std::uint32_t> tradeIndex;
    std::unordered_map<MemberId, std::vector<std::uint32_t>, StrongIntHash> activeBySeller;
    std::unordered_map<MemberId, std::vector<std::uint32_t>, StrongIntHash> activeByBuyer;
    std::map<MemberId, ExportTable> receivers; // member order: flushes are deterministic

    ExportTable &table(MemberId receiver) { return receivers[receiver]; }

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
        trades[index] = Trade{view, true, false};
        tradeIndex[view.tradeId.value()] = index;
        return index;
    }

    void activate(std::uint32_t index)
    {
        Trade &t = trades[index];
        t.active = true;
        activeBySeller[t.view.seller].push_back(index);
        activeByBuyer[t.view.buyer].push_back(index);
        for (const Role role : kRoles) {
            ExportTable &receiver = table(detail::receiverOf(t.view, role));
            const Contribution c = detail::makeContribution(index, role);
            detail::forEachExport(memo, t.view, role,
                                  [&](const net::Prefix &prefix) { receiver.add(prefix, c); });
        }
    }

    void deactivate(std::uint32_t index)
    {
        Trade &t = trades[index];
        t.active = false;
        eraseValue(activeBySeller[t.view.seller], index);
        eraseValue(activeByBuyer[t.view.buyer], index);
        for (const MemberId receiver : {t.view.buyer, t.view.seller})
            if (auto it = receivers.find(receiver); it != receivers.end())
                it->second.removeTrade(index);
    }

    // Re-decides one (trade, role, prefix): adds or removes the contribution and marks the
    // prefix dirty either way, since the source route's attributes may have changed.
    void reevaluate(std::uint32_t index,
                    Role role,
                    const net::Prefix &prefix,
                    const std::optional<SourceRoute> *exact)
    {
        const proto::TradeView &view = trades[index].view;
        ExportTable &receiver = table(detail::receiverOf(view, role));
        const Contribution c = detail::makeContribution(index, role);
        const bool exports = detail::sourceFor(memo, view, role, prefix, exact).has_value();
        if (exports) {
            if (!receiver.add(prefix, c))
                receiver.touch(prefix);
        } else {
            receiver.remove(prefix, c);
        }
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
    bool compose(const RouteSource &src, const std::vector<Contribution> &list,
                 Composed &out) const
    {
        ExactRoute exact;
        auto &ordered = orderScratch;
        ordered.clear();
        for (const Contribution c : list)
            ordered.push_back({{detail::roleOf(c), trades[detail::tradeIndexOf(c)].view.tradeId}, c});
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

    std::optional<SourceRoute> sourceOf(const RouteSource &src, Contribution c,
                                        ExactRoute &exact) const
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
        it->second.forEach([&](const net::Prefix &prefix, const std::vector<Contribution> &list) {
            composing = prefix;
            if (compose(routes, list, composed))
                f(prefix, composed);
        });
    }

    ExportRecord record(MemberId receiver, const net::Prefix &prefix, Composed composed,
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
    std::optional<std::optional<SourceRoute>> exact; // looked up once, on first need
    auto exactRoute = [&]() -> const std::optional<SourceRoute> * {
        if (!exact)
            exact.emplace(d.memo.route(member, prefix));
        return &*exact;
    };
    auto visit = [&](const std::vector<std::uint32_t> *indexes, Role role) {
        if (!indexes)
            return;
        // Copied: reevaluate() never changes the index lists, but the copy keeps that obvious.
        for (const std::uint32_t index : *indexes) {
            detail::affectedExports(d.trades[index].view, role, prefix,
                                    [&](const net::Prefix &exported) {
                                        d.reevaluate(index, role, exported,
                                                     exported == prefix ? exactRoute() : nullptr);
                                    });
        }
    };
    const auto seller = d.activeBySeller.find(member);
    visit(seller == d.activeBySeller.end() ? nullptr : &seller->second, Role::SellerRouteToBuyer);
    const auto buyer = d.activeByBuyer.find(member);
    visit(buyer == d.activeByBuyer.end() ? nullptr : &buyer->second, Role::BuyerPrefixToSeller);
}

bool Arbiter::hasPendingChanges() const
{
    for (const auto &[member, table] : m_impl->receivers)
        if (table.hasDirty())
            return true;
    return false;
}

void Arbiter::flush()
{
    Impl &d = *m_impl;
    for (auto &[receiver, table] : d.receivers) {
        if (!table.hasDirty())
            continue;
        // The changed prefixes in change order (IPv4 first, as PrefixList holds them), each with
        // the group of its member route's attribute set (0: none known, e.g. withdrawn).
        bgp::PrefixList inOrder;
        inOrder.reserve(table.dirtyCount(net::Family::V4), table.dirtyCount(net::Family::V6));
        std::vector<std::uint32_t> groups;
        groups.reserve(table.dirtyCount(net::Family::V4) + table.dirtyCount(net::Family::V6));
        std::vector<std::uint32_t> groupSizes(1, 0);
        d.groupOfSet.clear();
        table.drainDirty([&](const net::Prefix &prefix, const std::vector<Contribution> &list,
                             bool wasAnnounced) {
            // A contribution is held exactly while its trade exports the prefix from a route
            // that is there (checkInvariants), so the prefix is exported iff it has one; the
            // route itself is composed when a session reads it.
            const bool exported = !list.empty();
            if (!exported && !wasAnnounced)
                return false;
            std::uint32_t group = 0;
            if (const void *set = exported ? d.setOf(prefix, list.front()) : nullptr) {
                auto [known, fresh] = d.groupOfSet.findOrInsert(set);
                if (fresh) {
                    *known = static_cast<std::uint32_t>(groupSizes.size());
                    groupSizes.push_back(0);
                }
                group = *known;
            }
            ++groupSizes[group];
            groups.push_back(group);
            inOrder.push(prefix);
            return exported;
        });
        if (inOrder.empty())
            continue;
        // Listed set by set (sets in order of first appearance, each set's prefixes in change
        // order): a session packs the prefixes of one set into shared UPDATEs only when they
        // are close together in its queue, and the changes come seller table by seller table in
        // prefix order, where neighbours rarely share a set.
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
    d.groupOfSet.release();
    d.composer.trim(kAttributeCacheLimit);
    if (!d.outboundReads)
        d.memo.clear();
}

bool Arbiter::outboundRoute(bgp::PeerId, MemberId member, const net::Prefix &prefix,
                            bgp::OutboundRoute &out) const
{
    Impl &d = *m_impl;
    const auto it = d.receivers.find(member);
    if (it == d.receivers.end())
        return false;
    std::vector<Contribution> &list = d.outboundList;
    it->second.contributions(prefix, list);
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

void Arbiter::outboundPrefixes(bgp::PeerId, MemberId member, net::Family family,
                               bgp::PrefixList &out) const
{
    const auto it = m_impl->receivers.find(member);
    if (it == m_impl->receivers.end())
        return;
    out.reserve(family == net::Family::V4 ? it->second.size(family) : 0,
                family == net::Family::V6 ? it->second.size(family) : 0);
    it->second.forEachPrefix(family, [&](const net::Prefix &prefix) { out.push(prefix); });
}

std::size_t Arbiter::outboundCount(bgp::PeerId, MemberId member, net::Family family) const
{
    const auto it = m_impl->receivers.find(member);
    return it == m_impl->receivers.end() ? 0 : it->second.size(family);
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
    it->second.contributions(prefix, list);
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
    std::size_t n = 0;
    for (const auto &[member, table] : m_impl->receivers)
        n += table.size();
    return n;
}

std::vector<MemberId> Arbiter::receivers() const
{
    std::vector<MemberId> out;
    for (const auto &[member, table] : m_impl->receivers)
        if (table.size() > 0)
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
    std::size_t bytes = m_impl->trades.capacity() * sizeof(Impl::Trade);
    for (const auto &[member, table] : m_impl->receivers)
        bytes += table.memoryUsage();
    return bytes;
}

std::string Arbiter::checkInvariants() const
{
    const Impl &d = *m_impl;
    using Key = std::tuple<MemberId, net::Prefix, Contribution>;
    std::set<Key> expected;
    for (std::uint32_t index = 0; index < d.trades.size(); ++index) {
        const Impl::Trade &t = d.trades[index];
        if (!t.used || !t.active)
            continue;
        if (t.view.state != proto::TradeState::Active)
            return "trade " + std::to_string(t.view.tradeId.value())
                   + " exports but is not active";
        for (const Role role : kRoles) {
            const MemberId receiver = detail::receiverOf(t.view, role);
            const Contribution c = detail::makeContribution(index, role);
            detail::forEachExport(d.routes, t.view, role, [&](const net::Prefix &prefix) {
                expected.insert({receiver, prefix, c});
            });
        }
    }
    std::set<Key> held;
    for (const auto &[receiver, table] : d.receivers) {
        if (table.hasDirty())
            return "member " + std::to_string(receiver.value()) + " has unflushed changes";
        table.forEach([&](const net::Prefix &prefix, const std::vector<Contribution> &list) {
            for (const Contribution c : list)
                held.insert({receiver, prefix, c});
        });
    }
    for (const Key &k : expected)
        if (!held.count(k))
            return "member " + std::to_string(std::get<0>(k).value()) + " should receive "
                   + std::get<1>(k).toString() + " for trade "
                   + std::to_string(d.trades[detail::tradeIndexOf(std::get<2>(k))].view.tradeId.value());
    for (const Key &k : held)
        if (!expected.count(k))
            return "member " + std::to_string(std::get<0>(k).value()) + " receives "
                   + std::get<1>(k).toString() + " for trade index "
                   + std::to_string(detail::tradeIndexOf(std::get<2>(k)))
                   + " that no longer exports it";
    for (const auto &[receiver, table] : d.receivers) {
        std::string problem;
        table.forEach([&](const net::Prefix &prefix, const std::vector<Contribution> &) {
            if (problem.empty() && !table.announced(prefix))
                problem = "member " + std::to_string(receiver.value()) + " should have been sent "
                          + prefix.toString();
        });
        if (!problem.empty())
            return problem;
    }
    return {};
}

} // namespace bwx::arbiter
