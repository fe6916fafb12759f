// The registry's mutations: configuration, members, routes and validation data.
#include "registry_impl.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace bwx::registry {

using detail::MemberState;
using detail::RouteEntry;
using detail::SessionState;

namespace {

RegistryConfig checked(RegistryConfig config)
{
    if (auto status = checkConfig(config); !status)
        throw std::invalid_argument("invalid registry configuration: " + status.error());
    return config;
}

// The prefixes of the entries in one sorted data set but not the other: the only places where
// origin validation can have changed.
template<class Entry>
std::vector<net::Prefix> changedPrefixes(const std::vector<Entry> &before,
                                         const std::vector<Entry> &after)
{
    std::vector<Entry> difference;
    std::set_symmetric_difference(before.begin(), before.end(), after.begin(), after.end(),
                                  std::back_inserter(difference));
    std::vector<net::Prefix> prefixes;
    prefixes.reserve(difference.size());
    for (const Entry &entry : difference)
        prefixes.push_back(entry.prefix);
    std::sort(prefixes.begin(), prefixes.end());
    prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
    return prefixes;
}

std::vector<SessionState> sessionsFor(const std::vector<net::Address> &routers)
{
    std::vector<SessionState> sessions(routers.size());
    for (std::size_t i = 0; i < routers.size(); ++i)
        sessions[i].peer = routers[i];
    return sessions;
}

std::string unknownMember(MemberId id)
{
    return "unknown member " + std::to_string(id.value());
}

} // namespace

Registry::Registry(RegistryConfig config)
    : m_impl(std::make_unique<Impl>(checked(std::move(config))))
{}

Registry::~Registry() = default;

void Registry::setListener(RegistryListener *listener) noexcept
{
    m_impl->listener = listener;
}

const RegistryConfig &Registry::config() const noexcept
{
    return m_impl->config;
}

Expected<ReloadReport> Registry::setConfig(RegistryConfig config)
{
    if (auto status = checkConfig(config); !status)
        return makeError(status.error());
    Impl &impl = *m_impl;
    impl.config = std::move(config);
    impl.bogons = detail::BogonIndex(impl.config.bogons, impl.config.allowDocumentationPrefixes);
    ReloadReport report;
    ReportScope scope(impl, report);
    impl.revalidateAll();
    return report;
}

ReloadReport Registry::loadVrps(VrpSet vrps)
{
    Impl &impl = *m_impl;
    const std::vector<net::Prefix> changed
        = changedPrefixes(impl.rpki.set().entries(), vrps.entries());
    impl.rpki = RpkiValidator(std::move(vrps));
    ReloadReport report;
    ReportScope scope(impl, report);
    impl.revalidateCovered(changed);
    return report;
}

ReloadReport Registry::loadIrr(IrrSet routes)
{
    Impl &impl = *m_impl;
    const std::vector<net::Prefix> changed
        = changedPrefixes(impl.irr.set().entries(), routes.entries());
    impl.irr = IrrValidator(std::move(routes));
    ReloadReport report;
    ReportScope scope(impl, report);
    impl.revalidateCovered(changed);
    return report;
}

const VrpSet &Registry::vrps() const noexcept
{
    return m_impl->rpki.set();
}

const IrrSet &Registry::irr() const noexcept
{
    return m_impl->irr.set();
}

Status Registry::addMember(MemberConfig config)
{
    Impl &impl = *m_impl;
    auto member = canonicalMember(std::move(config));
    if (!member)
        return makeError(member.error());
    if (impl.members.count(member->id))
        return makeError("member " + std::to_string(member->id.value()) + " already exists");
    if (auto status = impl.checkOwnership(*member); !status)
        return status;
    MemberState state;
    state.sessions = sessionsFor(member->routers);
    state.config = std::move(*member);
    impl.own(state.config);
    const MemberId id = state.config.id;
    impl.members.emplace(id, std::move(state));
    return okStatus();
}

Expected<ReloadReport> Registry::updateMember(MemberConfig config)
{
    Impl &impl = *m_impl;
    auto member = canonicalMember(std::move(config));
    if (!member)
        return makeError(member.error());
    MemberState *state = impl.findMember(member->id);
    if (!state)
        return makeError(unknownMember(member->id));
    if (auto status = impl.checkOwnership(*member); !status)
        return makeError(status.error());

    ReloadReport report;
    ReportScope scope(impl, report);
    std::vector<SessionState> sessions;
    sessions.reserve(member->routers.size());
    for (SessionState &session : state->sessions) {
        if (std::binary_search(member->routers.begin(), member->routers.end(), session.peer))
            sessions.push_back(std::move(session));
        else
            impl.clearSession(*state, session);
    }
    for (const net::Address &router : member->routers) {
        if (!std::any_of(sessions.begin(), sessions.end(),
                         [&](const SessionState &s) { return s.peer == router; }))
            sessions.push_back(SessionState{router, {}, {}});
    }
    std::sort(sessions.begin(), sessions.end(),
              [](const SessionState &a, const SessionState &b) { return a.peer < b.peer; });
    impl.disown(state->config);
    state->config = std::move(*member);
    impl.own(state->config);
    state->sessions = std::move(sessions);
    for (SessionState &session : state->sessions)
        impl.revalidateSession(*state, session);
    return report;
}

Expected<ReloadReport> Registry::removeMember(MemberId id)
{
    Impl &impl = *m_impl;
    MemberState *state = impl.findMember(id);
    if (!state)
        return makeError(unknownMember(id));
    ReloadReport report;
    ReportScope scope(impl, report);
    for (SessionState &session : state->sessions)
        impl.clearSession(*state, session);
    impl.disown(state->config);
    impl.members.erase(id);
    return report;
}

Status Registry::setPolicy(MemberId id, SellPolicy policy)
{
    MemberState *state = m_impl->findMember(id);
    if (!state)
        return makeError(unknownMember(id));
    MemberConfig config = state->config;
    config.policy = std::move(policy);
    auto member = canonicalMember(std::move(config));
    if (!member)
        return makeError(member.error());
    state->config.policy = std::move(member->policy);
    return okStatus();
}

const MemberConfig *Registry::member(MemberId id) const
{
    const MemberState *state = m_impl->findMember(id);
    return state ? &state->config : nullptr;
}

std::vector<MemberId> Registry::memberIds() const
{
    std::vector<MemberId> ids;
    ids.reserve(m_impl->members.size());
    for (const auto &[id, state] : m_impl->members)
        ids.push_back(id);
    return ids;
}

std::optional<MemberId> Registry::memberByRouter(const net::Address &router) const
{
    const auto it = m_impl->routerOwner.find(router);
    return it == m_impl->routerOwner.end() ? std::nullopt : std::optional<MemberId>(it->second);
}

std::optional<MemberId> Registry::memberByAsn(std::uint32_t asn) const
{
    const auto it = m_impl->asnOwner.find(asn);
    return it == m_impl->asnOwner.end() ? std::nullopt : std::optional<MemberId>(it->second);
}

Expected<AnnounceResult>
Registry::announce(MemberId memberId, const net::Address &peer, const RouteInput &route)
{
    Impl &impl = *m_impl;
    MemberState *member = impl.findMember(memberId);
    if (!member)
        return makeError(unknownMember(memberId));
    SessionState *session = member->session(peer);
    if (!session)
        return makeError(peer.toString() + " is not a router of " + member->config.name);
    if (auto problem = checkRouteInput(route))
        return makeError("malformed route " + route.prefix.toString() + ": " + *problem);

    const net::Family family = route.prefix.family();
    auto &rib = session->rib;
    ++member->counters.announcements;
    ++session->counters.announcements;
    RouteEntry *existing = rib.find(route.prefix);
    if (!existing) {
        const std::uint32_t limit
            = family == net::Family::V4 ? member->config.maxPrefixV4 : member->config.maxPrefixV6;
        if (limit != 0 && rib.size(family) >= limit) {
            ++member->counters.maxPrefixRefusals;
            ++session->counters.maxPrefixRefusals;
            if (impl.listener)
                impl.listener->maxPrefixExceeded(memberId, peer, family, limit);
            AnnounceResult refused;
            refused.reason = Reason::MaxPrefixExceeded;
            return refused;
        }
    }

    const RouteAttributesView attributes = route.attributes();
    const detail::Verdict verdict
        = detail::validateRoute(impl.context(), member->config, route.prefix, attributes);
    const RouteEntry next{impl.pool.intern(attributes), verdict.routeClass, verdict.reason,
                          verdict.rpki, verdict.irr};
    std::optional<RouteClass> routeClass;
    if (next.routeClass != 0)
        routeClass = static_cast<RouteClass>(next.routeClass);
    const AnnounceResult result{true, next.status(), next.reason, routeClass, next.rpki, next.irr};

    if (existing) {
        const RouteEntry before = *existing;
        const bool attributesChanged = before.attributes != next.attributes;
        impl.account(*member, *session, route.prefix, before, -1);
        *existing = next;
        impl.account(*member, *session, route.prefix, next, +1);
        if (attributesChanged || !before.sameVerdict(next))
            impl.emit(impl.change(memberId, peer, route.prefix, &before, &next, attributesChanged));
        // When the set is the same, intern() took a second reference; this returns it. Only
        // now: the change above reads the path of the set it replaced.
        impl.pool.release(before.attributes);
    } else {
        rib.insert(route.prefix, next);
        impl.account(*member, *session, route.prefix, next, +1);
        impl.emit(impl.change(memberId, peer, route.prefix, nullptr, &next, false));
    }
    return result;
}

Expected<bool>
Registry::withdraw(MemberId memberId, const net::Address &peer, const net::Prefix &prefix)
{
    Impl &impl = *m_impl;
    MemberState *member = impl.findMember(memberId);
    if (!member)
        return makeError(unknownMember(memberId));
    SessionState *session = member->session(peer);
    if (!session)
        return makeError(peer.toString() + " is not a router of " + member->config.name);
    if (!session->rib.contains(prefix))
        return false;
    impl.removeRoute(*member, *session, prefix);
    return true;
}

Expected<std::uint64_t> Registry::withdrawAll(MemberId memberId, const net::Address &peer)
{
    Impl &impl = *m_impl;
    MemberState *member = impl.findMember(memberId);
    if (!member)
        return makeError(unknownMember(memberId));
    SessionState *session = member->session(peer);
    if (!session)
        return makeError(peer.toString() + " is not a router of " + member->config.name);
    return impl.clearSession(*member, *session);
}

} // namespace bwx::registry
