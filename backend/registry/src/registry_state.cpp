// The registry's bookkeeping: counters and indexes, notifications, revalidation, removal.
#include "registry_impl.h"

#include <algorithm>
#include <stdexcept>

namespace bwx::registry {

namespace detail {

SessionState *MemberState::session(const net::Address &peer) noexcept
{
    const auto it
        = std::lower_bound(sessions.begin(), sessions.end(), peer,
                           [](const SessionState &s, const net::Address &a) { return s.peer < a; });
    return it != sessions.end() && it->peer == peer ? &*it : nullptr;
}

const SessionState *MemberState::session(const net::Address &peer) const noexcept
{
    return const_cast<MemberState *>(this)->session(peer);
}

} // namespace detail

using detail::MemberState;
using detail::RouteEntry;
using detail::SessionState;

namespace {

void adjust(std::uint64_t &counter, int sign) noexcept
{
    counter = sign > 0 ? counter + 1 : counter - 1;
}

void adjust(std::uint32_t &counter, int sign) noexcept
{
    counter = sign > 0 ? counter + 1 : counter - 1;
}

std::optional<RouteClass> classOf(std::uint8_t value)
{
    if (value == 0)
        return std::nullopt;
    return static_cast<RouteClass>(value);
}

} // namespace

Registry::Impl::Impl(RegistryConfig c)
    : config(std::move(c))
    , bogons(config.bogons, config.allowDocumentationPrefixes)
{}

MemberState *Registry::Impl::findMember(MemberId id) noexcept
{
    const auto it = members.find(id);
    return it == members.end() ? nullptr : &it->second;
}

const MemberState *Registry::Impl::findMember(MemberId id) const noexcept
{
    const auto it = members.find(id);
    return it == members.end() ? nullptr : &it->second;
}

void Registry::Impl::account(MemberState &member,
                             SessionState &session,
                             const net::Prefix &prefix,
                             const RouteEntry &entry,
                             int sign)
{
    for (RouteCounters *counters : {&member.counters, &session.counters}) {
        adjust(counters->received, sign);
        if (entry.status() == RouteStatus::Valid) {
            adjust(counters->accepted, sign);
        } else {
            adjust(counters->rejected, sign);
            adjust(counters->rejectedByReason[static_cast<std::size_t>(entry.reason)], sign);
        }
    }
    if (entry.status() != RouteStatus::Valid)
        return;
    // A valid route always has a class: undecided classes are rejected.
    const std::size_t slot = detail::slotOf(prefix.family(), entry.routeClass);
    adjust(member.validByClass[slot], sign);
    const auto origin = pool.view(entry.attributes).path.originAsn();
    if (!origin)
        return;
    if (sign > 0) {
        adjust(member.validByOrigin[*origin][slot], sign);
        return;
    }
    const auto it = member.validByOrigin.find(*origin);
    if (it == member.validByOrigin.end())
        return; // cannot happen: the route was counted when it became valid (checkInvariants)
    adjust(it->second[slot], sign);
    if (std::all_of(it->second.begin(), it->second.end(), [](std::uint32_t n) { return n == 0; }))
        member.validByOrigin.erase(it);
}

void Registry::Impl::emit(const RouteChange &change)
{
    if (report)
        report->changes.push_back(change);
    if (listener)
        listener->routeChanged(change);
}

RouteChange Registry::Impl::change(MemberId member,
                                   const net::Address &peer,
                                   const net::Prefix &prefix,
                                   const RouteEntry *before,
                                   const RouteEntry *after,
                                   bool attributesChanged) const
{
    RouteChange c;
    c.member = member;
    c.peer = peer;
    c.prefix = prefix;
    c.attributesChanged = attributesChanged;
    if (before) {
        c.before = before->status();
        c.classBefore = classOf(before->routeClass);
        c.reasonBefore = before->reason;
        c.rpkiBefore = before->rpki;
        c.irrBefore = before->irr;
        const AsPathView path = pool.view(before->attributes).path;
        c.originBefore = path.originAsn();
        c.pathLengthBefore = path.length();
    }
    if (after) {
        c.after = after->status();
        c.classAfter = classOf(after->routeClass);
        c.reasonAfter = after->reason;
        c.rpkiAfter = after->rpki;
        c.irrAfter = after->irr;
    }
    return c;
}

bool Registry::Impl::revalidate(MemberState &member,
                                SessionState &session,
                                const net::Prefix &prefix,
                                RouteEntry &entry)
{
    if (report)
        ++report->routesChecked;
    const detail::Verdict verdict
        = detail::validateRoute(context(), member.config, prefix, pool.view(entry.attributes));
    RouteEntry next = entry;
    next.routeClass = verdict.routeClass;
    next.reason = verdict.reason;
    next.rpki = verdict.rpki;
    next.irr = verdict.irr;
    if (next.sameVerdict(entry))
        return false;
    const RouteEntry before = entry;
    account(member, session, prefix, before, -1);
    entry = next;
    account(member, session, prefix, next, +1);
    emit(change(member.config.id, session.peer, prefix, &before, &next, false));
    return true;
}

void Registry::Impl::revalidateSession(MemberState &member, SessionState &session)
{
    // Changing a value in place during the walk is allowed; the trie's shape does not change.
    session.rib.forEach([&](const net::Prefix &prefix, RouteEntry &entry) {
        revalidate(member, session, prefix, entry);
    });
}

void Registry::Impl::revalidateAll()
{
    for (auto &[id, member] : members) {
        for (SessionState &session : member.sessions)
            revalidateSession(member, session);
    }
}

void Registry::Impl::revalidateCovered(const std::vector<net::Prefix> &changed)
{
    if (changed.empty())
        return;
    std::vector<net::Prefix> affected;
    for (auto &[id, member] : members) {
        for (SessionState &session : member.sessions) {
            // A walk per changed prefix pays off only while they are few compared to the
            // routes; otherwise one pass over the session is cheaper. Both check the same
            // routes that can change, in prefix order, so the outcome is the same.
            if (changed.size() * 4 >= session.rib.size()) {
                revalidateSession(member, session);
                continue;
            }
            affected.clear();
            for (const net::Prefix &prefix : changed)
                session.rib.forEachCovered(prefix, [&](const net::Prefix &p, const RouteEntry &) {
                    affected.push_back(p);
                });
            std::sort(affected.begin(), affected.end());
            affected.erase(std::unique(affected.begin(), affected.end()), affected.end());
            for (const net::Prefix &prefix : affected)
                revalidate(member, session, prefix, *session.rib.find(prefix));
        }
    }
}

void Registry::Impl::removeRoute(MemberState &member,
                                 SessionState &session,
                                 const net::Prefix &prefix)
{
    RouteEntry *entry = session.rib.find(prefix);
    if (!entry)
        return;
    const RouteEntry before = *entry;
    account(member, session, prefix, before, -1);
    session.rib.erase(prefix);
    ++member.counters.withdrawals;
    ++session.counters.withdrawals;
    emit(change(member.config.id, session.peer, prefix, &before, nullptr, false));
    pool.release(before.attributes); // after the change, which reads the set's path
}

std::uint64_t Registry::Impl::clearSession(MemberState &member, SessionState &session)
{
    std::vector<net::Prefix> prefixes;
    prefixes.reserve(session.rib.size());
    session.rib.forEach(
        [&](const net::Prefix &prefix, const RouteEntry &) { prefixes.push_back(prefix); });
    for (const net::Prefix &prefix : prefixes)
        removeRoute(member, session, prefix);
    return prefixes.size();
}

Status Registry::Impl::checkOwnership(const MemberConfig &member) const
{
    if (const auto it = nameOwner.find(member.name);
        it != nameOwner.end() && it->second != member.id)
        return makeError("member name \"" + member.name + "\" is taken by member "
                         + std::to_string(it->second.value()));
    for (const std::uint32_t asn : member.asns) {
        if (const auto it = asnOwner.find(asn); it != asnOwner.end() && it->second != member.id)
            return makeError("AS" + std::to_string(asn) + " belongs to member "
                             + std::to_string(it->second.value()));
    }
    for (const net::Address &router : member.routers) {
        if (const auto it = routerOwner.find(router);
            it != routerOwner.end() && it->second != member.id)
            return makeError("router " + router.toString() + " belongs to member "
                             + std::to_string(it->second.value()));
        const bool onLan
            = config.lanPrefixes.empty()
              || std::any_of(config.lanPrefixes.begin(), config.lanPrefixes.end(),
                             [&](const net::Prefix &lan) { return lan.contains(router); });
        if (!onLan)
            return makeError("router " + router.toString() + " is not on the exchange LAN");
    }
    return okStatus();
}

void Registry::Impl::own(const MemberConfig &member)
{
    nameOwner[member.name] = member.id;
    for (const std::uint32_t asn : member.asns)
        asnOwner[asn] = member.id;
    for (const net::Address &router : member.routers)
        routerOwner[router] = member.id;
}

void Registry::Impl::disown(const MemberConfig &member)
{
    nameOwner.erase(member.name);
    for (const std::uint32_t asn : member.asns)
        asnOwner.erase(asn);
    for (const net::Address &router : member.routers)
        routerOwner.erase(router);
}

bool Registry::Impl::sellable(const MemberState &member,
                              std::uint8_t routeClass,
                              std::optional<MemberId> buyer) const
{
    if (routeClass == 0)
        return false;
    const auto cls = static_cast<RouteClass>(routeClass);
    return buyer ? member.config.policy.maySell(cls, member.config.id, *buyer)
                 : member.config.policy.sells(cls);
}

} // namespace bwx::registry
