// State hash, memory accounting and the invariant check.
#include "hasher.h"
#include "registry_impl.h"

#include <map>

namespace bwx::registry {

using detail::Hasher;
using detail::MemberState;
using detail::RouteEntry;
using detail::SessionState;

namespace {

void hashConfig(Hasher &h, const RegistryConfig &c)
{
    h.add(std::uint64_t{c.exchangeAsn});
    h.add(static_cast<std::uint64_t>(c.lanPrefixes.size()));
    for (const net::Prefix &lan : c.lanPrefixes)
        h.add(lan);
    for (const int length : {c.maxLengthV4, c.maxLengthV6, c.minLengthV4, c.minLengthV6})
        h.add(static_cast<std::uint64_t>(length));
    h.add(std::uint64_t{c.maxAsPathLength});
    for (const bool flag :
         {c.rejectPrivateAsns, c.rejectAsSets, c.allowDocumentationAsns,
          c.allowDocumentationPrefixes, c.rpki.rejectInvalid, c.rpki.rejectNotFound,
          c.irr.rejectInvalid, c.irr.rejectNotFound, c.irr.allowMoreSpecifics})
        h.add(std::uint64_t{flag});
    h.add(static_cast<std::uint64_t>(c.bogons.size()));
    for (const BogonEntry &entry : c.bogons) {
        h.add(entry.prefix);
        h.add(static_cast<std::uint64_t>(entry.kind));
        h.add(entry.description);
    }
}

void hashCounters(Hasher &h, const RouteCounters &c)
{
    for (const std::uint64_t value :
         {c.received, c.accepted, c.rejected, c.announcements, c.withdrawals, c.maxPrefixRefusals})
        h.add(value);
    for (const std::uint64_t value : c.rejectedByReason)
        h.add(value);
}

void hashMember(Hasher &h, const MemberConfig &m)
{
    h.add(std::uint64_t{m.id.value()});
    h.add(m.name);
    h.add(static_cast<std::uint64_t>(m.asns.size()));
    for (const std::uint32_t asn : m.asns)
        h.add(std::uint64_t{asn});
    h.add(static_cast<std::uint64_t>(m.routers.size()));
    for (const net::Address &router : m.routers)
        h.add(router);
    h.add(static_cast<std::uint64_t>(m.ports.size()));
    for (const Port &port : m.ports) {
        h.add(port.name);
        h.add(static_cast<std::uint64_t>(port.capacity.value()));
    }
    h.add(static_cast<std::uint64_t>(m.defaultClass));
    for (const ClassPolicy *policy : {&m.policy.customer, &m.policy.peer, &m.policy.transit}) {
        h.add(std::uint64_t{policy->sell});
        h.add(static_cast<std::uint64_t>(policy->mode));
        h.add(static_cast<std::uint64_t>(policy->members.size()));
        for (const MemberId id : policy->members)
            h.add(std::uint64_t{id.value()});
    }
    h.add(std::uint64_t{m.maxPrefixV4});
    h.add(std::uint64_t{m.maxPrefixV6});
}

bool sameCurrentCounts(const RouteCounters &a, const RouteCounters &b)
{
    return a.received == b.received && a.accepted == b.accepted && a.rejected == b.rejected
           && a.rejectedByReason == b.rejectedByReason;
}

} // namespace

std::uint64_t Registry::stateHash() const
{
    const Impl &impl = *m_impl;
    Hasher h(0x6277782d72656731u); // "bwx-reg1"
    hashConfig(h, impl.config);
    h.add(impl.rpki.set().contentHash());
    h.add(impl.irr.set().contentHash());
    h.add(static_cast<std::uint64_t>(impl.members.size()));
    for (const auto &[id, member] : impl.members) {
        hashMember(h, member.config);
        hashCounters(h, member.counters);
        h.add(static_cast<std::uint64_t>(member.sessions.size()));
        for (const SessionState &session : member.sessions) {
            h.add(session.peer);
            hashCounters(h, session.counters);
            h.add(static_cast<std::uint64_t>(session.rib.size()));
            session.rib.forEach([&](const net::Prefix &prefix, const RouteEntry &entry) {
                h.add(prefix);
                h.add(impl.pool.contentHash(entry.attributes));
                h.add((std::uint64_t{entry.routeClass} << 24)
                      | (std::uint64_t{static_cast<std::uint8_t>(entry.reason)} << 16)
                      | (std::uint64_t{static_cast<std::uint8_t>(entry.rpki)} << 8)
                      | std::uint64_t{static_cast<std::uint8_t>(entry.irr)});
            });
        }
    }
    return h.value();
}

MemoryStats Registry::memoryUsage() const
{
    const Impl &impl = *m_impl;
    MemoryStats stats;
    for (const auto &[id, member] : impl.members) {
        for (const SessionState &session : member.sessions) {
            stats.routes += session.rib.size();
            stats.ribBytes += session.rib.memoryUsage();
        }
        // An unordered_map node holds the pair and a next pointer; the buckets one pointer each.
        stats.indexBytes
            += member.validByOrigin.size()
                   * (sizeof(std::pair<const std::uint32_t, detail::OriginCounts>) + sizeof(void *))
               + member.validByOrigin.bucket_count() * sizeof(void *);
    }
    stats.attributeSets = impl.pool.size();
    stats.attributeBytes = impl.pool.memoryUsage();
    stats.validationBytes = impl.rpki.memoryUsage() + impl.irr.memoryUsage();
    return stats;
}

std::string Registry::checkInvariants() const
{
    const Impl &impl = *m_impl;
    std::map<std::uint32_t, std::uint32_t> references;
    for (const auto &entry : impl.members) {
        // Not a structured binding: the lambda below captures the member (clang 14 refuses).
        const MemberId id = entry.first;
        const MemberState &member = entry.second;
        const std::string who = "member " + std::to_string(id.value()) + ": ";
        if (member.config.id != id)
            return who + "keyed under another id";
        if (impl.nameOwner.count(member.config.name) == 0
            || impl.nameOwner.at(member.config.name) != id)
            return who + "name index out of date";
        for (const std::uint32_t asn : member.config.asns) {
            if (impl.asnOwner.count(asn) == 0 || impl.asnOwner.at(asn) != id)
                return who + "ASN index out of date";
        }
        if (member.sessions.size() != member.config.routers.size())
            return who + "sessions do not match the routers";
        RouteCounters memberCount;
        std::unordered_map<std::uint32_t, detail::OriginCounts> byOrigin;
        std::array<std::uint64_t, 6> byClass{};
        for (std::size_t i = 0; i < member.sessions.size(); ++i) {
            const SessionState &session = member.sessions[i];
            const std::string where = who + "session " + session.peer.toString() + ": ";
            if (session.peer != member.config.routers[i])
                return where + "not in router order";
            if (impl.routerOwner.count(session.peer) == 0
                || impl.routerOwner.at(session.peer) != id)
                return where + "router index out of date";
            if (!session.rib.isConsistent())
                return where + "trie inconsistent";
            RouteCounters sessionCount;
            std::string problem;
            session.rib.forEach([&](const net::Prefix &prefix, const RouteEntry &route) {
                if (!impl.pool.isLive(route.attributes)) {
                    problem = where + prefix.toString() + " refers to a freed attribute set";
                    return false;
                }
                ++references[route.attributes];
                const RouteAttributesView attributes = impl.pool.view(route.attributes);
                const detail::Verdict verdict
                    = detail::validateRoute(impl.context(), member.config, prefix, attributes);
                if (verdict.reason != route.reason || verdict.routeClass != route.routeClass
                    || verdict.rpki != route.rpki || verdict.irr != route.irr) {
                    problem = where + prefix.toString() + " has a stale verdict";
                    return false;
                }
                for (RouteCounters *c : {&sessionCount, &memberCount}) {
                    ++c->received;
                    if (route.status() == RouteStatus::Valid)
                        ++c->accepted;
                    else {
                        ++c->rejected;
                        ++c->rejectedByReason[static_cast<std::size_t>(route.reason)];
                    }
                }
                if (route.status() == RouteStatus::Valid) {
                    const std::size_t slot = detail::slotOf(prefix.family(), route.routeClass);
                    ++byClass[slot];
                    if (const auto origin = attributes.path.originAsn())
                        ++byOrigin[*origin][slot];
                }
                return true;
            });
            if (!problem.empty())
                return problem;
            if (!sameCurrentCounts(sessionCount, session.counters))
                return where + "counters differ from a recount";
        }
        if (!sameCurrentCounts(memberCount, member.counters))
            return who + "counters differ from a recount";
        if (byOrigin != member.validByOrigin)
            return who + "origin index differs from a recount";
        if (byClass != member.validByClass)
            return who + "class counts differ from a recount";
    }
    if (impl.nameOwner.size() != impl.members.size())
        return "name index has stale entries";
    std::size_t routers = 0;
    std::size_t asns = 0;
    for (const auto &[id, member] : impl.members) {
        routers += member.config.routers.size();
        asns += member.config.asns.size();
    }
    if (impl.routerOwner.size() != routers || impl.asnOwner.size() != asns)
        return "router or ASN index has stale entries";
    if (references.size() != impl.pool.size())
        return "attribute pool holds " + std::to_string(impl.pool.size()) + " sets, routes use "
               + std::to_string(references.size());
    for (const auto &[attributes, count] : references) {
        if (impl.pool.references(attributes) != count)
            return "attribute set " + std::to_string(attributes) + " has "
                   + std::to_string(impl.pool.references(attributes)) + " references, routes hold "
                   + std::to_string(count);
    }
    if (!impl.pool.isConsistent())
        return "attribute pool lookup table inconsistent";
    return {};
}

} // namespace bwx::registry
