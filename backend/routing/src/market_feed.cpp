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

void MarketFeed::changed(MemberId member, const net::Prefix &prefix)
{
    m_members[member].dirty.push_back(prefix);
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
        if (!m.held && (m.fullSync || !m.dirty.empty()))
            return true;
    return false;
}

std::size_t MarketFeed::sentCount(MemberId member) const
{
    const auto it = m_members.find(member);
    return it == m_members.end() ? 0 : it->second.sent.size();
}

std::optional<Deliverable> MarketFeed::sent(MemberId member, const net::Prefix &prefix) const
{
    const auto it = m_members.find(member);
    if (it == m_members.end())
        return std::nullopt;
    const Sent *s = it->second.sent.find(prefix);
    if (!s)
        return std::nullopt;
    return Deliverable{RouteClass(s->routeClass), s->originAsn, s->pathLength};
}

void MarketFeed::apply(Member &m, const proto::RouteChange &change)
{
    if (change.action == proto::RouteAction::Withdraw) {
        m.sent.erase(change.prefix);
        return;
    }
    *m.sent.findOrInsert(change.prefix).first
        = Sent{change.originAsn, static_cast<std::uint8_t>(change.routeClass), change.pathLength};
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
        else if (!m.dirty.empty())
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
    auto batches = chunk(id, std::move(all), maxChanges, true);
    std::size_t sent = 0;
    for (auto &batch : batches) {
        const bool first = sent == 0;
        std::vector<proto::RouteChange> changes = batch.changes; // kept for the bookkeeping
        if (!submit(std::move(batch))) {
            if (first)
                return 0; // still a full sync next time
            // The market has the first part of the set; the rest follows as ordinary changes.
            for (std::size_t i = sent + 1; i < batches.size(); ++i)
                for (const auto &c : batches[i].changes)
                    m.dirty.push_back(c.prefix);
            for (const auto &c : changes)
                m.dirty.push_back(c.prefix);
            break;
        }
        if (first) {
            m.sent.clear();
            m.fullSync = false;
            // Released, not cleared: a member held until its routers sent their tables has
            // a whole table's prefixes listed here, and the capacity would stay allocated.
            std::vector<net::Prefix>().swap(m.dirty);
        }
        for (const auto &c : changes)
            apply(m, c);
        ++sent;
    }
    return sent;
}

std::size_t MarketFeed::flushDirty(MemberId id,
                                   Member &m,
                                   const DeliverableSource &source,
                                   const Submit &submit,
                                   std::uint32_t maxChanges)
{
    std::vector<net::Prefix> dirty;
    dirty.swap(m.dirty);
    std::sort(dirty.begin(), dirty.end());
    dirty.erase(std::unique(dirty.begin(), dirty.end()), dirty.end());

    std::vector<proto::RouteChange> changes;
    for (const net::Prefix &prefix : dirty) {
        const auto now = source.deliverable(id, prefix);
        const Sent *before = m.sent.find(prefix);
        if (now) {
            if (!before || before->originAsn != now->originAsn
                || before->routeClass != static_cast<std::uint8_t>(now->routeClass)
                || before->pathLength != now->pathLength)
                changes.push_back(announce(prefix, *now));
        } else if (before) {
            changes.push_back({proto::RouteAction::Withdraw, prefix, RouteClass(before->routeClass),
                               before->originAsn, before->pathLength});
        }
    }
    if (changes.empty())
        return 0;
    auto batches = chunk(id, std::move(changes), maxChanges, false);
    std::size_t sent = 0;
    for (std::size_t i = 0; i < batches.size(); ++i) {
        std::vector<proto::RouteChange> copy = batches[i].changes;
        if (!submit(std::move(batches[i]))) {
            for (const auto &c : copy)
                m.dirty.push_back(c.prefix);
            for (std::size_t j = i + 1; j < batches.size(); ++j)
                for (const auto &c : batches[j].changes)
                    m.dirty.push_back(c.prefix);
            break;
        }
        for (const auto &c : copy)
            apply(m, c);
        ++sent;
    }
    return sent;
}

} // namespace bwx::routing
