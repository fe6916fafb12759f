#pragma once
// A member of the exchange as the registry knows it: its ASNs, its routers on the exchange LAN
// (each address is one BGP session), its ports and what it is willing to sell to whom.
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"
#include "bwx/net/address.h"
#include "bwx/registry/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bwx::registry {

struct Port
{
    std::string name;
    Bandwidth capacity{}; // kbit/s, > 0
    friend bool operator==(const Port &, const Port &) = default;
};

enum class ListMode : std::uint8_t {
    DenyListed = 0,  // every member except those listed
    AllowListed = 1, // only the members listed
};

// Whether a member sells the routes of one class, and to whom.
struct ClassPolicy
{
    bool sell = true;
    ListMode mode = ListMode::DenyListed;
    std::vector<MemberId> members;
    friend bool operator==(const ClassPolicy &, const ClassPolicy &) = default;
};

struct SellPolicy
{
    ClassPolicy customer;
    ClassPolicy peer;
    ClassPolicy transit;

    const ClassPolicy &of(RouteClass routeClass) const noexcept;
    ClassPolicy &of(RouteClass routeClass) noexcept;
    // Sold to anyone at all.
    bool sells(RouteClass routeClass) const noexcept;
    // Sold to this buyer. Never to the seller itself (`self`).
    bool maySell(RouteClass routeClass, MemberId self, MemberId buyer) const noexcept;

    friend bool operator==(const SellPolicy &, const SellPolicy &) = default;
};

struct MemberConfig
{
    MemberId id{};
    std::string name;
    std::vector<std::uint32_t> asns;   // at least one; a route's first AS must be one of them
    std::vector<net::Address> routers; // session addresses; a route's next hop must be one of them
    std::vector<Port> ports;
    RouteClass defaultClass = RouteClass::Customer; // for routes without a class community
    SellPolicy policy;
    // Routes per session and family; 0 = no limit. The (limit + 1)th prefix is refused and the
    // listener told, so the BGP session can send Cease 6/1.
    std::uint32_t maxPrefixV4 = 0;
    std::uint32_t maxPrefixV6 = 0;

    friend bool operator==(const MemberConfig &, const MemberConfig &) = default;
};

// The member with its lists sorted and policy lists deduplicated, or why it is unacceptable on
// its own (ownership conflicts with other members are checked by the registry).
Expected<MemberConfig> canonicalMember(MemberConfig member);

} // namespace bwx::registry
