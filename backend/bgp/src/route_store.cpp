#include "route_store.h"

namespace bwx::bgp::detail {

namespace {

bool sameRoute(const AttributesRef &a, const DecorationRef &da, const OutboundRoute &r)
{
    return (a == r.attributes || (a && r.attributes && *a == *r.attributes))
           && sameDecoration(da.get(), r.decoration.get());
}

} // namespace

const RouteStore::Table *RouteStore::table(PeerId peer) const
{
    const auto it = m_routes.find(peer.value());
    return it == m_routes.end() ? nullptr : &it->second;
}

std::shared_ptr<PrefixList> RouteStore::announce(PeerId peer,
                                                 const std::vector<OutboundRoute> &routes)
{
    auto changed = std::make_shared<PrefixList>();
    Table &t = m_routes[peer.value()];
    // A prefix listed twice is reported once: the session reads its latest route anyway.
    RouteTable<bool> listed;
    for (const OutboundRoute &r : routes) {
        if (!r.attributes)
            continue;
        auto [stored, fresh] = t.findOrInsert(r.prefix);
        if (!fresh && sameRoute(stored->attributes, stored->decoration, r))
            continue;
        stored->attributes = r.attributes;
        stored->decoration = r.decoration;
        if (listed.findOrInsert(r.prefix).second)
            changed->push(r.prefix);
    }
    return changed;
}

std::shared_ptr<PrefixList> RouteStore::withdraw(PeerId peer,
                                                 const std::vector<net::Prefix> &prefixes)
{
    auto changed = std::make_shared<PrefixList>();
    if (const auto it = m_routes.find(peer.value()); it != m_routes.end())
        for (const net::Prefix &p : prefixes)
            if (it->second.erase(p))
                changed->push(p);
    return changed;
}

bool RouteStore::outboundRoute(PeerId peer, MemberId, const net::Prefix &prefix,
                               OutboundRoute &out) const
{
    const Table *t = table(peer);
    const Stored *stored = t ? t->find(prefix) : nullptr;
    if (!stored)
        return false;
    out.prefix = prefix;
    out.attributes = stored->attributes;
    out.decoration = stored->decoration;
    return true;
}

void RouteStore::outboundPrefixes(PeerId peer, MemberId, net::Family family,
                                  PrefixList &out) const
{
    const Table *t = table(peer);
    if (!t)
        return;
    t->forEach([&](const net::Prefix &p, const Stored &) {
        if (p.family() == family)
            out.push(p);
    });
}

std::size_t RouteStore::outboundCount(PeerId peer, MemberId, net::Family family) const
{
    const Table *t = table(peer);
    return t ? t->size(family) : 0;
}

} // namespace bwx::bgp::detail
