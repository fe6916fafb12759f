#pragma once
// What the registry's queries return: copies, so they stay valid after the registry changes.
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/registry/reason.h"
#include "bwx/registry/route_input.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bwx::registry {

struct RouteView
{
    MemberId member{};
    net::Address peer;
    net::Prefix prefix;
    RouteStatus status = RouteStatus::Absent;
    Reason reason = Reason::None;
    std::string reasonText; // empty for a valid route or when not asked for
    std::optional<RouteClass> routeClass;
    RpkiState rpki = RpkiState::NotFound;
    IrrState irr = IrrState::NotFound;
    std::vector<std::uint32_t> asPath;
    std::vector<AsSetSpan> asSets;
    net::Address nextHop;
    std::vector<std::uint32_t> communities;
    std::vector<LargeCommunity> largeCommunities;
    std::optional<std::uint32_t> originAsn;
    std::uint32_t pathLength = 0;
};

struct RouteFilter
{
    std::optional<net::Family> family;
    std::optional<RouteStatus> status;
    std::optional<RouteClass> routeClass;
    std::optional<std::uint32_t> originAsn;
    std::optional<net::Address> peer;
    std::optional<net::Prefix> within; // the prefix itself and everything more specific
    bool withReasonText = true;
};

// A member that can carry traffic toward a prefix: its best valid covering route.
struct Deliverer
{
    MemberId member{};
    net::Address peer;
    net::Prefix route; // the covering route (the prefix itself or a less specific one)
    RouteClass routeClass = RouteClass::Customer;
    std::uint32_t pathLength = 0;
    std::optional<std::uint32_t> originAsn;
    friend bool operator==(const Deliverer &, const Deliverer &) = default;
};

struct RouteCounters
{
    // Routes held now.
    std::uint64_t received = 0;                                 // valid + invalid
    std::uint64_t accepted = 0;                                 // valid
    std::uint64_t rejected = 0;                                 // invalid
    std::array<std::uint64_t, kReasonCount> rejectedByReason{}; // indexed by Reason; [None] stays 0
    // Since the member (or session) was added.
    std::uint64_t announcements = 0;
    std::uint64_t withdrawals = 0;
    std::uint64_t maxPrefixRefusals = 0;
    friend bool operator==(const RouteCounters &, const RouteCounters &) = default;
};

struct MemoryStats
{
    std::uint64_t routes = 0;
    std::uint64_t ribBytes = 0;        // the per-session prefix tries and their entries
    std::uint64_t attributeSets = 0;   // distinct interned attribute sets
    std::uint64_t attributeBytes = 0;  // the sets, their lookup table and record vector
    std::uint64_t indexBytes = 0;      // per-member origin index
    std::uint64_t validationBytes = 0; // VRP and IRR data and their tries

    std::uint64_t total() const noexcept
    {
        return ribBytes + attributeBytes + indexBytes + validationBytes;
    }
};

} // namespace bwx::registry
