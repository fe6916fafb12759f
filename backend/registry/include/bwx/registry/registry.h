#pragma once
// The trade route registry: members, their sessions' Adj-RIB-In with each route's class and
// validation state, and the questions the market asks of them ("which members can deliver this
// destination, and how far away is it?").
//
// A deterministic state machine: no clock, no I/O, no randomness. The same sequence of calls
// (configuration, members, announcements and withdrawals, VRP and IRR data sets) yields the
// same state, the same notifications and the same stateHash(). Not thread-safe: one thread
// owns it, as with the market engine.
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/expected.h"
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/registry/config.h"
#include "bwx/registry/listener.h"
#include "bwx/registry/member.h"
#include "bwx/registry/origin_validation.h"
#include "bwx/registry/reason.h"
#include "bwx/registry/route_input.h"
#include "bwx/registry/rpsl.h"
#include "bwx/registry/status.h"
#include "bwx/registry/views.h"
#include "bwx/registry/vrp.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bwx::registry {

struct AnnounceResult
{
    bool stored = false; // false only when refused by max-prefix
    RouteStatus status = RouteStatus::Absent;
    Reason reason = Reason::None;
    std::optional<RouteClass> routeClass;
    RpkiState rpki = RpkiState::NotFound;
    IrrState irr = IrrState::NotFound;
};

class Registry
{
public:
    // Throws std::invalid_argument with checkConfig()'s message for an invalid configuration.
    explicit Registry(RegistryConfig config);
    ~Registry();
    Registry(const Registry &) = delete;
    Registry &operator=(const Registry &) = delete;

    // Not part of the state; nullptr to stop notifications.
    void setListener(RegistryListener *listener) noexcept;

    // ---- configuration and validation data (each revalidates what it can affect) ----
    const RegistryConfig &config() const noexcept;
    Expected<ReloadReport> setConfig(RegistryConfig config);
    ReloadReport loadVrps(VrpSet vrps);
    ReloadReport loadIrr(IrrSet routes);
    const VrpSet &vrps() const noexcept;
    const IrrSet &irr() const noexcept;

    // ---- members ----
    // Refused (nothing changes) for an invalid member, a taken id, name, ASN or router address.
    Status addMember(MemberConfig member);
    // Replaces the configuration; sessions of removed routers are withdrawn, every route of the
    // member is revalidated.
    Expected<ReloadReport> updateMember(MemberConfig member);
    Expected<ReloadReport> removeMember(MemberId id);
    // Policy only: no route changes state.
    Status setPolicy(MemberId id, SellPolicy policy);

    const MemberConfig *member(MemberId id) const;
    std::vector<MemberId> memberIds() const; // ascending
    std::optional<MemberId> memberByRouter(const net::Address &router) const;
    std::optional<MemberId> memberByAsn(std::uint32_t asn) const;

    // ---- routes (from the member's BGP session on `peer`, one of its router addresses) ----
    // An announcement replaces the session's route for the same prefix. Errors (unknown member
    // or session, malformed input) change nothing.
    Expected<AnnounceResult>
    announce(MemberId member, const net::Address &peer, const RouteInput &route);
    // True when the session held a route for the prefix.
    Expected<bool> withdraw(MemberId member, const net::Address &peer, const net::Prefix &prefix);
    // Session down: every route of the session goes. Returns how many.
    Expected<std::uint64_t> withdrawAll(MemberId member, const net::Address &peer);

    // ---- queries ----
    std::optional<RouteView>
    route(MemberId member, const net::Address &peer, const net::Prefix &prefix) const;
    // In session (address) order, then prefix order. f returns false to stop.
    void forEachRoute(MemberId member,
                      const RouteFilter &filter,
                      const std::function<bool(const RouteView &)> &f) const;
    std::vector<RouteView> routes(MemberId member, const RouteFilter &filter = {}) const;
    // Valid routes of every member whose origin is `asn`, in member order.
    std::vector<RouteView> routesByOrigin(std::uint32_t asn,
                                          std::optional<net::Family> family = {}) const;

    // Members holding a valid route that covers `prefix` (the prefix itself or a less specific
    // one), each with its best such route: the most specific, then the shortest AS path, then
    // the lowest session address. Only routes whose class the member sells count: to `buyer`
    // when given (and never the buyer itself), to anyone otherwise. Member order.
    std::vector<Deliverer> deliverers(const net::Prefix &prefix,
                                      std::optional<MemberId> buyer = {}) const;
    // "You cannot sell what you cannot reach": a prefix needs a valid sellable covering route,
    // an origin ASN at least one valid sellable route with that origin in the destination's
    // family, a route class at least one valid route of that class in the family and a policy
    // that sells it.
    bool canDeliver(MemberId seller,
                    const Destination &destination,
                    std::optional<MemberId> buyer = {}) const;
    // AS-path length of the member's best valid covering route (policy does not matter).
    std::optional<std::uint32_t> networkDistance(MemberId member, const net::Prefix &prefix) const;
    bool maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const;

    RouteCounters counters(MemberId member) const;
    RouteCounters sessionCounters(MemberId member, const net::Address &peer) const;

    // ---- determinism and introspection ----
    // Over configuration, members, validation data and every route with its attributes and
    // state, independent of memory layout and insertion order.
    std::uint64_t stateHash() const;
    MemoryStats memoryUsage() const;
    // Recounts counters and indexes and checks attribute reference counts; the first
    // violation, or an empty string.
    std::string checkInvariants() const;

    // Opaque; named here only so the implementation's own helpers can refer to it.
    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace bwx::registry
