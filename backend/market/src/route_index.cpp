#include "route_index.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

namespace bwx::market::detail {

bool passes(const RouteAttrs &attrs, RouteFilter filter, std::uint32_t value) noexcept
{
    switch (filter) {
    case RouteFilter::Any: return true;
    case RouteFilter::Class: return static_cast<std::uint32_t>(attrs.routeClass) == value;
    case RouteFilter::Origin: return attrs.originAsn == value;
    }
    return false;
}

void RouteIndex::changeGroup(const RouteGroupKey &key, std::uint8_t pathLength, int delta)
{
    RouteGroup &g = *m_groups.tryEmplace(key, RouteGroup{}).first;
    auto it = std::lower_bound(g.lengths.begin(), g.lengths.end(), pathLength,
                               [](const auto &e, std::uint8_t v) { return e.first < v; });
    if (delta > 0) {
        ++g.count;
        if (it != g.lengths.end() && it->first == pathLength)
            ++it->second;
        else
            g.lengths.insert(it, {pathLength, 1});
        return;
    }
    --g.count;
    if (--it->second == 0)
        g.lengths.erase(it);
    if (g.count == 0)
        m_groups.erase(key);
}

void RouteIndex::addToGroups(std::uint32_t member, net::Family family, const RouteAttrs &attrs,
                             int delta)
{
    changeGroup(RouteGroupKey{member, static_cast<std::uint32_t>(attrs.routeClass), family,
                              RouteFilter::Class},
                attrs.pathLength, delta);
    changeGroup(RouteGroupKey{member, attrs.originAsn, family, RouteFilter::Origin},
                attrs.pathLength, delta);
}

void RouteIndex::announce(MemberId member, const net::Prefix &prefix, const RouteAttrs &attrs)
{
    const std::uint32_t m = member.value();
    MemberRoutes &mine = m_members[m - 1];
    auto [stored, inserted] = mine.routes.tryEmplace(prefix, attrs);
    if (!inserted) {
        if (*stored == attrs)
            return;
    }
    ++mine.generation;
    ++m_generation;
    const auto length = static_cast<unsigned>(prefix.length());
    mine.lengths[prefix.family() == net::Family::V4 ? 0 : 1][length / 64] |= std::uint64_t{1}
                                                                              << (length % 64);
    if (!inserted) {
        addToGroups(m, prefix.family(), *stored, -1);
        *stored = attrs;
    }
    addToGroups(m, prefix.family(), attrs, +1);
    auto [held, fresh] = m_all.tryEmplace(prefix, {});
    if (fresh)
        m_allKeys.add(prefix);
    std::vector<RouteHolder> &holders = *held;
    auto it = std::lower_bound(holders.begin(), holders.end(), m,
                               [](const RouteHolder &h, std::uint32_t v) { return h.member < v; });
    if (it != holders.end() && it->member == m)
        it->attrs = attrs;
    else
        holders.insert(it, RouteHolder{m, attrs});
}

bool RouteIndex::withdraw(MemberId member, const net::Prefix &prefix)
{
    const std::uint32_t m = member.value();
    MemberRoutes &mine = m_members[m - 1];
    const RouteAttrs *stored = mine.routes.find(prefix);
    if (stored == nullptr)
        return false;
    ++mine.generation;
    ++m_generation;
    addToGroups(m, prefix.family(), *stored, -1);
    mine.routes.erase(prefix);
    std::vector<RouteHolder> *holders = m_all.find(prefix);
    auto it = std::lower_bound(holders->begin(), holders->end(), m,
                               [](const RouteHolder &h, std::uint32_t v) { return h.member < v; });
    holders->erase(it);
    if (holders->empty()) {
        m_all.erase(prefix);
        m_allKeys.remove(prefix);
    }
    return true;
}

void RouteIndex::clear(MemberId member)
{
    for (const Hit &route : routesOf(member))
        withdraw(member, route.prefix);
}

std::optional<RouteIndex::Hit> RouteIndex::longest(MemberId member, const net::Prefix &prefix,
                                                   RouteFilter filter, std::uint32_t value) const
{
    std::optional<Hit> found;
    if (member.value() == 0 || member.value() > m_members.size()
        || m_members[member.value() - 1].routes.empty())
        return found;
    const std::uint32_t m = member.value();
    if (m_chain.valid && m_chain.generation == m_generation && m_chain.prefix == prefix) {
        // The covering routes of every member are at hand (a buy's candidates ask this once
        // per seller): a binary search per covering prefix.
        for (auto c = m_chain.entries.rbegin(); c != m_chain.entries.rend(); ++c) {
            const std::vector<RouteHolder> &holders = *c->holders;
            const auto it = std::lower_bound(
                holders.begin(), holders.end(), m,
                [](const RouteHolder &h, std::uint32_t v) { return h.member < v; });
            if (it != holders.end() && it->member == m && passes(it->attrs, filter, value))
                return Hit{c->prefix, it->attrs};
        }
        return found;
    }
    // Otherwise probe the member's own routes at the lengths it holds, longest first: a few
    // lookups in a table of one member instead of a walk of the trie of every member's routes.
    const MemberRoutes &mine = m_members[m - 1];
    const std::uint64_t *lengths = mine.lengths[prefix.family() == net::Family::V4 ? 0 : 1];
    for (int length = prefix.length(); length >= 0; --length) {
        const auto bit = static_cast<unsigned>(length);
        if ((lengths[bit / 64] >> (bit % 64) & 1) == 0)
            continue;
        const net::Prefix route = net::Prefix::makeTruncating(prefix.address(), length);
        const RouteAttrs *attrs = mine.routes.find(route);
        if (attrs != nullptr && passes(*attrs, filter, value))
            return Hit{route, *attrs};
    }
    return found;
}

const std::vector<RouteIndex::Covering> &RouteIndex::coveringChain(const net::Prefix &prefix) const
{
    if (!m_chain.valid || m_chain.generation != m_generation || m_chain.prefix != prefix) {
        m_chain.entries.clear();
        m_allKeys.forEachCovering(m_all, prefix,
                                  [&](const net::Prefix &p, const std::vector<RouteHolder> &h) {
                                      m_chain.entries.push_back(Covering{p, &h});
                                  });
        m_chain.valid = true;
        m_chain.generation = m_generation;
        m_chain.prefix = prefix;
    }
    return m_chain.entries;
}

const RouteAttrs *RouteIndex::find(MemberId member, const net::Prefix &prefix) const
{
    if (member.value() == 0 || member.value() > m_members.size())
        return nullptr;
    return m_members[member.value() - 1].routes.find(prefix);
}

const RouteGroup *RouteIndex::group(MemberId member, net::Family family, RouteFilter filter,
                                    std::uint32_t value) const
{
    return m_groups.find(RouteGroupKey{member.value(), value, family, filter});
}

void RouteIndex::computeOuter(const MemberRoutes &mine, net::Family family, RouteFilter filter,
                              std::uint32_t value, std::vector<net::Prefix> &out) const
{
    // The slots of the group's routes are picked without a branch per slot (which slots hold
    // one is random: a branch on it mispredicted about once per route), then copied.
    std::vector<const net::Prefix *> picked(mine.routes.slotCount() + 1);
    std::size_t count = 0;
    mine.routes.forEachSlot([&](bool used, const net::Prefix &p, const RouteAttrs &a) {
        picked[count] = &p;
        count += static_cast<std::size_t>(used & (p.family() == family) & passes(a, filter, value));
    });
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        out[i] = *picked[i];
    // In prefix order a covering route comes before the routes inside it.
    std::sort(out.begin(), out.end());
    std::size_t kept = 0;
    for (const net::Prefix &p : out)
        if (kept == 0 || !out[kept - 1].contains(p))
            out[kept++] = p;
    out.resize(kept);
}

const RouteIndex::OuterRoutes &RouteIndex::outerRoutes(MemberId member, net::Family family,
                                                 RouteFilter filter, std::uint32_t value) const
{
    static OuterRoutes none;
    if (member.value() == 0 || member.value() > m_members.size())
        return none;
    const MemberRoutes &mine = m_members[member.value() - 1];
    OuterRoutes &cached = *m_outer.tryEmplace(RouteGroupKey{member.value(), value, family, filter},
                                              OuterRoutes{}).first;
    // Generations start at 0 and a member's first route makes it 1, so a fresh entry (0) is
    // recomputed unless the member never held a route (then it is rightly empty).
    if (cached.generation == mine.generation && (mine.generation != 0 || cached.prefixes.empty()))
        return cached;
    cached.generation = mine.generation;
    computeOuter(mine, family, filter, value, cached.prefixes);
    return cached;
}

void RouteIndex::prepareClassRoutes(MemberId member, std::size_t changes)
{
    if (member.value() == 0 || member.value() > m_members.size())
        return;
    const MemberRoutes &mine = m_members[member.value() - 1];
    if (mine.routes.empty() || changes < (mine.routes.size() + 7) / 8)
        return;
    std::vector<Hit> sorted;
    sorted.reserve(mine.routes.size());
    mine.routes.forEach(
        [&](const net::Prefix &p, const RouteAttrs &a) { sorted.push_back(Hit{p, a}); });
    std::sort(sorted.begin(), sorted.end(),
              [](const Hit &a, const Hit &b) { return a.prefix < b.prefix; });
    // In prefix order the routes inside a route follow it, so a route of a class is outermost
    // unless the last outermost route of its class found so far contains it.
    constexpr std::size_t kClasses = 3;
    std::array<std::vector<net::Prefix>, 2 * kClasses> outer;
    for (const Hit &route : sorted) {
        const auto cls = static_cast<std::size_t>(route.attrs.routeClass) - 1;
        if (cls >= kClasses)
            continue;
        std::vector<net::Prefix> &list =
            outer[(route.prefix.family() == net::Family::V4 ? 0 : kClasses) + cls];
        if (list.empty() || !list.back().contains(route.prefix))
            list.push_back(route.prefix);
    }
    for (std::size_t i = 0; i < outer.size(); ++i) {
        const RouteGroupKey key{member.value(), static_cast<std::uint32_t>(i % kClasses + 1),
                                i < kClasses ? net::Family::V4 : net::Family::V6,
                                RouteFilter::Class};
        if (outer[i].empty() && m_outer.find(key) == nullptr)
            continue;
        OuterRoutes &cached = *m_outer.tryEmplace(key, OuterRoutes{}).first;
        cached.generation = mine.generation;
        cached.prefixes.assign(outer[i].begin(), outer[i].end()); // no slack kept
    }
}

std::vector<RouteIndex::Hit> RouteIndex::routesOf(MemberId member) const
{
    std::vector<Hit> out;
    if (member.value() == 0 || member.value() > m_members.size())
        return out;
    m_members[member.value() - 1].routes.forEach(
        [&](const net::Prefix &p, const RouteAttrs &a) { out.push_back(Hit{p, a}); });
    std::sort(out.begin(), out.end(), [](const Hit &a, const Hit &b) { return a.prefix < b.prefix; });
    return out;
}

std::size_t RouteIndex::routeCount(MemberId member) const
{
    if (member.value() == 0 || member.value() > m_members.size())
        return 0;
    return m_members[member.value() - 1].routes.size();
}

std::string RouteIndex::check() const
{
    std::size_t total = 0;
    std::map<std::tuple<std::uint32_t, std::uint32_t, int, int>, std::pair<std::uint32_t, std::uint8_t>> groups;
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        const auto m = static_cast<std::uint32_t>(i + 1);
        std::string error;
        m_members[i].routes.forEach([&](const net::Prefix &p, const RouteAttrs &a) {
            ++total;
            const std::vector<RouteHolder> *holders = m_all.find(p);
            const bool held = holders != nullptr
                              && std::any_of(holders->begin(), holders->end(), [&](const RouteHolder &h) {
                                     return h.member == m && h.attrs == a;
                                 });
            if (!held && error.empty())
                error = "route " + p.toString() + " of member " + std::to_string(m)
                        + " missing from the shared route trie";
            for (const auto &[filter, value] :
                 {std::pair{RouteFilter::Class, static_cast<std::uint32_t>(a.routeClass)},
                  std::pair{RouteFilter::Origin, a.originAsn}}) {
                auto &g = groups[{m, value, static_cast<int>(filter), static_cast<int>(p.family())}];
                ++g.first;
                g.second = std::max(g.second, a.pathLength);
            }
        });
        if (!error.empty())
            return error;
    }
    std::size_t holders = 0;
    std::string error;
    m_all.forEach([&](const net::Prefix &p, const std::vector<RouteHolder> &h) {
        holders += h.size();
        for (std::size_t k = 1; k < h.size(); ++k)
            if (h[k - 1].member >= h[k].member && error.empty())
                error = "holders of " + p.toString() + " are not sorted by member";
        if (h.empty() && error.empty())
            error = "route trie keeps an empty prefix " + p.toString();
    });
    if (!error.empty())
        return error;
    if (std::string keys = m_allKeys.check(m_all, "route prefix"); !keys.empty())
        return keys;
    if (holders != total)
        return "route trie holds " + std::to_string(holders) + " routes, the members "
               + std::to_string(total);
    if (groups.size() != m_groups.size())
        return "route group counts differ from a recount";
    std::vector<net::Prefix> recomputed;
    m_outer.forEach([&](const RouteGroupKey &key, const OuterRoutes &cached) {
        if (!error.empty() || key.member == 0 || key.member > m_members.size())
            return;
        const MemberRoutes &mine = m_members[key.member - 1];
        if (cached.generation != mine.generation)
            return; // stale: recomputed on next use
        computeOuter(mine, key.family, key.filter, key.value, recomputed);
        if (recomputed != cached.prefixes)
            error = "outermost routes kept for member " + std::to_string(key.member)
                    + " differ from a recount";
    });
    if (!error.empty())
        return error;
    for (const auto &[key, value] : groups) {
        const RouteGroup *g = m_groups.find(RouteGroupKey{std::get<0>(key), std::get<1>(key),
                                                          static_cast<net::Family>(std::get<3>(key)),
                                                          static_cast<RouteFilter>(std::get<2>(key))});
        if (g == nullptr || g->count != value.first || g->longestPath() != value.second)
            return "route group of member " + std::to_string(std::get<0>(key))
                   + " differs from a recount";
    }
    return {};
}

} // namespace bwx::market::detail
