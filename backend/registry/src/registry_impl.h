#pragma once
// The registry's state, shared by the files that implement its mutations, queries and
// introspection.
//
// Per member, one Adj-RIB-In per session (router address): a member with two routers has two
// sessions, and one going down must not withdraw what the other still announces. A route is a
// trie entry of 8 bytes: an interned attribute set id plus the verdict of its checks.
#include "attribute_pool.h"
#include "bwx/net/sorted_prefix_map.h"
#include "bwx/registry/registry.h"
#include "route_checks.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace bwx::registry {

namespace detail {

struct RouteEntry
{
    std::uint32_t attributes = 0; // AttributePool id
    std::uint8_t routeClass = 0;  // RouteClass value, 0 when undecided
    Reason reason = Reason::None;
    RpkiState rpki = RpkiState::NotFound;
    IrrState irr = IrrState::NotFound;

    RouteStatus status() const noexcept
    {
        return reason == Reason::None ? RouteStatus::Valid : RouteStatus::Invalid;
    }
    bool sameVerdict(const RouteEntry &o) const noexcept
    {
        return routeClass == o.routeClass && reason == o.reason && rpki == o.rpki && irr == o.irr;
    }
};
static_assert(sizeof(RouteEntry) == 8);

struct SessionState
{
    net::Address peer;
    // In prefix order, 16 bytes an IPv4 route (sorted_prefix_map.h): a session's routes are
    // the registry's largest table.
    net::SortedPrefixMap<RouteEntry> rib;
    RouteCounters counters;
};

// Valid routes per origin ASN, by family (0 IPv4, 1 IPv6) and class: [family * 3 + class - 1].
using OriginCounts = std::array<std::uint32_t, 6>;

inline std::size_t familyIndex(net::Family family) noexcept
{
    return family == net::Family::V4 ? 0 : 1;
}

inline std::size_t slotOf(net::Family family, std::uint8_t routeClass) noexcept
{
    return familyIndex(family) * 3 + routeClass - 1u;
}

struct MemberState
{
    MemberConfig config;
    std::vector<SessionState> sessions; // sorted by peer address
    RouteCounters counters;
    std::unordered_map<std::uint32_t, OriginCounts> validByOrigin;
    std::array<std::uint64_t, 6> validByClass{}; // same slots as OriginCounts

    SessionState *session(const net::Address &peer) noexcept;
    const SessionState *session(const net::Address &peer) const noexcept;
};

} // namespace detail

struct Registry::Impl
{
    RegistryConfig config;
    detail::BogonIndex bogons;
    RpkiValidator rpki;
    IrrValidator irr;
    detail::AttributePool pool;
    std::map<MemberId, detail::MemberState> members;
    std::map<net::Address, MemberId> routerOwner;
    std::map<std::uint32_t, MemberId> asnOwner;
    std::map<std::string, MemberId, std::less<>> nameOwner;
    RegistryListener *listener = nullptr;
    ReloadReport *report = nullptr; // the reload being reported, if any

    explicit Impl(RegistryConfig c);

    detail::CheckContext context() const noexcept { return {config, bogons, rpki, irr}; }
    detail::MemberState *findMember(MemberId id) noexcept;
    const detail::MemberState *findMember(MemberId id) const noexcept;

    // Adds (sign +1) or removes (-1) a route's contribution to counters and indexes.
    void account(detail::MemberState &member,
                 detail::SessionState &session,
                 const net::Prefix &prefix,
                 const detail::RouteEntry &entry,
                 int sign);
    void emit(const RouteChange &change);
    // Reads the path of `before`'s set: call it before releasing that set.
    RouteChange change(MemberId member,
                       const net::Address &peer,
                       const net::Prefix &prefix,
                       const detail::RouteEntry *before,
                       const detail::RouteEntry *after,
                       bool attributesChanged) const;

    // Re-runs the checks on a stored route; notifies and returns true if its verdict changed.
    bool revalidate(detail::MemberState &member,
                    detail::SessionState &session,
                    const net::Prefix &prefix,
                    detail::RouteEntry &entry);
    void revalidateSession(detail::MemberState &member, detail::SessionState &session);
    // Only the routes equal to or more specific than one of `changed` (sorted, unique).
    void revalidateCovered(const std::vector<net::Prefix> &changed);
    void revalidateAll();

    void removeRoute(detail::MemberState &member,
                     detail::SessionState &session,
                     const net::Prefix &prefix);
    std::uint64_t clearSession(detail::MemberState &member, detail::SessionState &session);

    // The member configuration's conflicts with other members (ids, names, ASNs, routers).
    Status checkOwnership(const MemberConfig &member) const;
    void own(const MemberConfig &member);
    void disown(const MemberConfig &member);

    RouteView view(const detail::MemberState &member,
                   const detail::SessionState &session,
                   const net::Prefix &prefix,
                   const detail::RouteEntry &entry,
                   bool withReasonText) const;
    bool sellable(const detail::MemberState &member,
                  std::uint8_t routeClass,
                  std::optional<MemberId> buyer) const;
};

// Collects the changes of one reload into a report for as long as it lives.
class ReportScope
{
public:
    ReportScope(Registry::Impl &impl, ReloadReport &report) noexcept
        : m_impl(impl)
    {
        m_impl.report = &report;
    }
    ~ReportScope() { m_impl.report = nullptr; }
    ReportScope(const ReportScope &) = delete;
    ReportScope &operator=(const ReportScope &) = delete;

private:
    Registry::Impl &m_impl;
};

} // namespace bwx::registry
