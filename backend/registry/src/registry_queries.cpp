// The registry's read side: routes, deliverers, distances, counters.
#include "registry_impl.h"

namespace bwx::registry {

using detail::MemberState;
using detail::RouteEntry;
using detail::SessionState;

namespace {

// A member's best valid route covering a prefix: the most specific, then the shortest path;
// sessions are visited in address order and only a strictly better route replaces the best,
// so equal candidates resolve to the lowest session address.
struct Best
{
    const SessionState *session = nullptr;
    net::Prefix route;
    const RouteEntry *entry = nullptr;
    std::uint32_t pathLength = 0;
};

template<class Accept>
Best bestCovering(const Registry::Impl &impl,
                  const MemberState &member,
                  const net::Prefix &prefix,
                  Accept accept)
{
    Best best;
    for (const SessionState &session : member.sessions) {
        session.rib.forEachCovering(prefix, [&](const net::Prefix &route, const RouteEntry &entry) {
            if (entry.status() != RouteStatus::Valid || !accept(entry))
                return;
            const std::uint32_t length = impl.pool.view(entry.attributes).path.length();
            const bool better
                = !best.entry || route.length() > best.route.length()
                  || (route.length() == best.route.length() && length < best.pathLength);
            if (better)
                best = {&session, route, &entry, length};
        });
    }
    return best;
}

} // namespace

RouteView Registry::Impl::view(const MemberState &member,
                               const SessionState &session,
                               const net::Prefix &prefix,
                               const RouteEntry &entry,
                               bool withReasonText) const
{
    const RouteAttributesView attributes = pool.view(entry.attributes);
    RouteView v;
    v.member = member.config.id;
    v.peer = session.peer;
    v.prefix = prefix;
    v.status = entry.status();
    v.reason = entry.reason;
    if (withReasonText && entry.reason != Reason::None)
        v.reasonText
            = detail::explainReason(context(), member.config, prefix, attributes, entry.reason);
    if (entry.routeClass != 0)
        v.routeClass = static_cast<RouteClass>(entry.routeClass);
    v.rpki = entry.rpki;
    v.irr = entry.irr;
    v.asPath.assign(attributes.path.asns().begin(), attributes.path.asns().end());
    v.asSets.assign(attributes.path.sets().begin(), attributes.path.sets().end());
    v.nextHop = attributes.nextHop;
    v.communities.assign(attributes.communities.begin(), attributes.communities.end());
    v.largeCommunities.assign(attributes.largeCommunities.begin(),
                              attributes.largeCommunities.end());
    v.originAsn = attributes.path.originAsn();
    v.pathLength = attributes.path.length();
    return v;
}

std::optional<RouteView>
Registry::route(MemberId memberId, const net::Address &peer, const net::Prefix &prefix) const
{
    const MemberState *member = m_impl->findMember(memberId);
    const SessionState *session = member ? member->session(peer) : nullptr;
    const RouteEntry *entry = session ? session->rib.find(prefix) : nullptr;
    if (!entry)
        return std::nullopt;
    return m_impl->view(*member, *session, prefix, *entry, true);
}

void Registry::forEachRoute(MemberId memberId,
                            const RouteFilter &filter,
                            const std::function<bool(const RouteView &)> &f) const
{
    const Impl &impl = *m_impl;
    const MemberState *member = impl.findMember(memberId);
    if (!member)
        return;
    if (filter.within && filter.family && filter.within->family() != *filter.family)
        return;
    bool go = true;
    const auto visit = [&](const SessionState &session, const net::Prefix &prefix,
                           const RouteEntry &entry) {
        if (filter.status && entry.status() != *filter.status)
            return true;
        if (filter.routeClass && entry.routeClass != static_cast<std::uint8_t>(*filter.routeClass))
            return true;
        if (filter.originAsn
            && impl.pool.view(entry.attributes).path.originAsn() != filter.originAsn)
            return true;
        go = f(impl.view(*member, session, prefix, entry, filter.withReasonText));
        return go;
    };
    for (const SessionState &session : member->sessions) {
        if (filter.peer && *filter.peer != session.peer)
            continue;
        const auto inSession = [&](const net::Prefix &prefix, const RouteEntry &entry) {
            return visit(session, prefix, entry);
        };
        if (filter.within) {
            session.rib.forEachCovered(*filter.within, inSession);
        } else if (filter.family) {
            session.rib.forEach(*filter.family, inSession);
        } else {
            session.rib.forEach(inSession);
        }
        if (!go)
            return;
    }
}

std::vector<RouteView> Registry::routes(MemberId member, const RouteFilter &filter) const
{
    std::vector<RouteView> out;
    forEachRoute(member, filter, [&](const RouteView &view) {
        out.push_back(view);
        return true;
    });
    return out;
}

std::vector<RouteView> Registry::routesByOrigin(std::uint32_t asn,
                                                std::optional<net::Family> family) const
{
    std::vector<RouteView> out;
    RouteFilter filter;
    filter.family = family;
    filter.status = RouteStatus::Valid;
    filter.originAsn = asn;
    filter.withReasonText = false;
    for (const auto &[id, member] : m_impl->members) {
        // The origin index says which members have any such route, so the others are skipped.
        if (!member.validByOrigin.count(asn))
            continue;
        forEachRoute(id, filter, [&](const RouteView &view) {
            out.push_back(view);
            return true;
        });
    }
    return out;
}

std::vector<Deliverer> Registry::deliverers(const net::Prefix &prefix,
                                            std::optional<MemberId> buyer) const
{
    const Impl &impl = *m_impl;
    std::vector<Deliverer> out;
    for (const auto &entry : impl.members) {
        // Not a structured binding: the lambda below captures the member (clang 14 refuses).
        const MemberId id = entry.first;
        const MemberState &member = entry.second;
        if (buyer && *buyer == id)
            continue;
        const Best best = bestCovering(impl, member, prefix, [&](const RouteEntry &route) {
            return impl.sellable(member, route.routeClass, buyer);
        });
        if (!best.entry)
            continue;
        out.push_back({id, best.session->peer, best.route,
                       static_cast<RouteClass>(best.entry->routeClass), best.pathLength,
                       impl.pool.view(best.entry->attributes).path.originAsn()});
    }
    return out;
}

bool Registry::canDeliver(MemberId seller,
                          const Destination &destination,
                          std::optional<MemberId> buyer) const
{
    const Impl &impl = *m_impl;
    const MemberState *member = impl.findMember(seller);
    if (!member || (buyer && *buyer == seller))
        return false;
    switch (destination.kind) {
    case DestinationKind::Prefix:
        return bestCovering(impl, *member, destination.prefix,
                            [&](const RouteEntry &entry) {
                                return impl.sellable(*member, entry.routeClass, buyer);
                            })
                   .entry
               != nullptr;
    case DestinationKind::OriginAsn: {
        const auto it = member->validByOrigin.find(destination.originAsn);
        if (it == member->validByOrigin.end())
            return false;
        for (std::uint8_t cls = 1; cls <= 3; ++cls) {
            if (it->second[detail::slotOf(destination.family, cls)] > 0
                && impl.sellable(*member, cls, buyer))
                return true;
        }
        return false;
    }
    case DestinationKind::RouteClass: {
        const auto cls = static_cast<std::uint8_t>(destination.routeClass);
        if (cls < 1 || cls > 3)
            return false;
        return member->validByClass[detail::slotOf(destination.family, cls)] > 0
               && impl.sellable(*member, cls, buyer);
    }
    }
    return false;
}

std::optional<std::uint32_t> Registry::networkDistance(MemberId memberId,
                                                       const net::Prefix &prefix) const
{
    const MemberState *member = m_impl->findMember(memberId);
    if (!member)
        return std::nullopt;
    const Best best
        = bestCovering(*m_impl, *member, prefix, [](const RouteEntry &) { return true; });
    if (!best.entry)
        return std::nullopt;
    return best.pathLength;
}

bool Registry::maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const
{
    const MemberState *member = m_impl->findMember(seller);
    return member && member->config.policy.maySell(routeClass, seller, buyer);
}

RouteCounters Registry::counters(MemberId memberId) const
{
    const MemberState *member = m_impl->findMember(memberId);
    return member ? member->counters : RouteCounters{};
}

RouteCounters Registry::sessionCounters(MemberId memberId, const net::Address &peer) const
{
    const MemberState *member = m_impl->findMember(memberId);
    const SessionState *session = member ? member->session(peer) : nullptr;
    return session ? session->counters : RouteCounters{};
}

} // namespace bwx::registry
