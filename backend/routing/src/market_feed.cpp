#include "bwx/routing/market_feed.h"

#include <algorithm>

namespace bwx::routing {

namespace {

proto::RouteChange announce(const net::Prefix &prefix, const Deliverable &d)
{
    return {proto::RouteAction::Announce, prefix, d.routeClass, d.originAsn, d.pathLength};
}

// Commands of at most `maxChanges` changes; the first carries `replaceAll`.
std::vector<proto::RouteBatch> chunk(MemberId member,
                                     std::vector<proto::RouteChange> changes,
                                     std::uint32_t maxChanges,
                                     bool replaceAll)
{
    std::vector<proto::RouteBatch> out;
    const std::size_t step = std::max<std::uint32_t>(1, maxChanges);
    for (std::size_t at = 0; at < changes.size() || (replaceAll && out.empty()); at += step) {
        proto::RouteBatch b;
        b.member = member;
        b.replaceAll = replaceAll && out.empty() ? 1 : 0;
        const std::size_t end = std::min(changes.size(), at + step);
        b.changes.assign(std::make_move_iterator(changes.begin() + static_cast<std::ptrdiff_t>(at)),
                         std::make_move_iterator(changes.begin() + static_cast<std::ptrdiff_t>(end)));
        out.push_back(std::move(b));
        if (end == changes.size())
            break;
    }
    return out;
}

} // namespace

MarketFeed::Before MarketFeed::beforeOf(const std::optional<Deliverable> &d)
{
    if (!d)
        return {};
    return {d->originAsn, static_cast<std::uint8_t>(d->routeClass), d->pathLength};
}

bool MarketFeed::sameAs(const Before &before, const Deliverable &now)
{
    return before.routeClass == static_cast<std::uint8_t>(now.routeClass)
           && before.originAsn == now.originAsn && before.pathLength == now.pathLength;
}

bool MarketFeed::wantsChange(MemberId member, const net::Prefix &prefix) const
{
    const auto it = m_members.find(member);
    if (it == m_members.end())
        return true;
    const Member &m = it->second;
    return !m.held && !m.fullSync && !m.dirty.find(prefix);
}

void MarketFeed::changed(MemberId member,
                         const net::Prefix &prefix,
                         std::optional<Deliverable> before)
{
    Member &m = m_members[member];
    if (m.held || m.fullSync)
        return;
    const auto [slot, fresh] = m.dirty.findOrInsert(prefix);
    if (fresh)
        *slot = beforeOf(before);
}

void MarketFeed::requestFullSync(MemberId member)
{
    m_members[member].fullSync = true;
}

void MarketFeed::hold(MemberId member)
{
    m_members[member].held = true;
}

void MarketFeed::release(MemberId member)
{
    Member &m = m_members[member];
    m.held = false;
    m.fullSync = true;
}

bool MarketFeed::held(MemberId member) const
{
    const auto it = m_members.find(member);
    return it != m_members.end() && it->second.held;
}

bool MarketFeed::pending() const
{
    for (const auto &[id, m] : m_members)
        if (!m.held && (m.fullSync || m.dirty.size() != 0))
            return true;
    return false;
}

std::size_t MarketFeed::pendingCount(MemberId member) const
{
    const auto it = m_members.find(member);
    return it == m_members.end() ? 0 : it->second.dirty.size();
}

std::size_t MarketFeed::flush(const DeliverableSource &source,
                              const Submit &submit,
                              std::uint32_t maxChanges)
{
    std::size_t commands = 0;
    for (auto &[id, m] : m_members) {
        if (m.held)
            continue;
        if (m.fullSync)
            commands += flushFull(id, m, source, submit, maxChanges);
        else if (m.dirty.size() != 0)
            commands += flushDirty(id, m, source, submit, maxChanges);
    }
    return commands;
}

std::size_t MarketFeed::flushFull(MemberId id,
                                  Member &m,
                                  const DeliverableSource &source,
                                  const Submit &submit,
                                  std::uint32_t maxChanges)
{
    std::vector<proto::RouteChange> all;
    source.forEachDeliverable(id, [&](const net::Prefix &prefix, const Deliverable &d) {
        all.push_back(announce(prefix, d));
    });
    std::sort(all.begin(), all.end(),
              [](const proto::RouteChange &a, const proto::RouteChange &b) {
                  return a.prefix < b.prefix;
              });
    std::vector<net::Prefix> prefixes; // kept for a refusal: the changes move into submit()
    prefixes.reserve(all.size());
    for (const proto::RouteChange &c : all)
        prefixes.push_back(c.prefix);
    auto batches = chunk(id, std::move(all), maxChanges, true);
    std::size_t done = 0; // changes the market has
    for (std::size_t i = 0; i < batches.size(); ++i) {
        const std::size_t size = batches[i].changes.size();
        if (!submit(std::move(batches[i]))) {
            if (i == 0)
                return 0; // still a full sync next time
            // The market has the first part of the set and none of the rest, which follows
            // as ordinary changes.
            for (std::size_t k = done; k < prefixes.size(); ++k)
                *m.dirty.findOrInsert(prefixes[k]).first = Before{};
            return i;
        }
        if (i == 0) {
            m.fullSync = false;
            m.dirty = {}; // replaced: whatever changed before now reaches the market
        }
        done += size;
    }
    return batches.size();
}

std::size_t MarketFeed::flushDirty(MemberId id,
                                   Member &m,
                                   const DeliverableSource &source,
                                   const Submit &submit,
                                   std::uint32_t maxChanges)
{
    std::vector<std::pair<net::Prefix, Before>> dirty;
    dirty.reserve(m.dirty.size());
    m.dirty.forEach([&](const net::Prefix &p, const Before &b) { dirty.emplace_back(p, b); });
    // A fresh table: a session's worth of changes must not keep its capacity.
    m.dirty = {};
    std::sort(dirty.begin(), dirty.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });

    std::vector<proto::RouteChange> changes;
    std::vector<std::size_t> origin; // origin[i]: the entry of `dirty` changes[i] came from
    for (std::size_t i = 0; i < dirty.size(); ++i) {
        const auto &[prefix, before] = dirty[i];
        const auto now = source.deliverable(id, prefix);
        if (now) {
            if (before.routeClass != 0 && sameAs(before, *now))
                continue;
            changes.push_back(announce(prefix, *now));
        } else if (before.routeClass != 0) {
            changes.push_back({proto::RouteAction::Withdraw, prefix, RouteClass(before.routeClass),
                               before.originAsn, before.pathLength});
        } else {
            continue; // came and went between two flushes: the market never heard of it
        }
        origin.push_back(i);
    }
    if (origin.empty())
        return 0;
    auto batches = chunk(id, std::move(changes), maxChanges, false);
    std::size_t done = 0;
    for (std::size_t i = 0; i < batches.size(); ++i) {
        const std::size_t size = batches[i].changes.size();
        if (!submit(std::move(batches[i]))) {
            // The market still has what it had before the refused changes.
            for (std::size_t k = done; k < origin.size(); ++k) {
                const auto &[prefix, before] = dirty[origin[k]];
                *m.dirty.findOrInsert(prefix).first = before;
            }
            return i;
        }
        done += size;
    }
    return batches.size();
}

} // namespace bwx::routing
