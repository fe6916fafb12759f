#pragma once
// Notifications of route changes, so the market can suspend orders and flag trades whose
// routes went away, and the arbiter can recompute exports. Calls arrive synchronously, in a
// deterministic order (member id, session address, prefix), from inside the registry call
// that caused them; a listener must not call back into the registry's mutating functions.
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/registry/reason.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace bwx::registry {

struct RouteChange
{
    MemberId member{};
    net::Address peer; // the session (router address) the route was received on
    net::Prefix prefix;
    RouteStatus before = RouteStatus::Absent;
    RouteStatus after = RouteStatus::Absent;
    std::optional<RouteClass> classBefore; // nullopt when absent or not determinable
    std::optional<RouteClass> classAfter;
    Reason reasonBefore = Reason::None;
    Reason reasonAfter = Reason::None;
    RpkiState rpkiBefore = RpkiState::NotFound;
    RpkiState rpkiAfter = RpkiState::NotFound;
    IrrState irrBefore = IrrState::NotFound;
    IrrState irrAfter = IrrState::NotFound;
    bool attributesChanged = false; // a replacement with a different path, next hop or communities
    // The path the route had before (when it was present): what the market was told of it, so
    // a listener can tell what changed without keeping a copy of every route.
    std::optional<std::uint32_t> originBefore; // nullopt: no origin (empty, or ends in an AS_SET)
    std::uint32_t pathLengthBefore = 0;

    bool becameValid() const noexcept
    {
        return after == RouteStatus::Valid && before != RouteStatus::Valid;
    }
    // Was tradeable and no longer is (invalid now, or withdrawn).
    bool stoppedBeingValid() const noexcept
    {
        return before == RouteStatus::Valid && after != RouteStatus::Valid;
    }
    bool withdrawn() const noexcept
    {
        return before != RouteStatus::Absent && after == RouteStatus::Absent;
    }
    friend bool operator==(const RouteChange &, const RouteChange &) = default;
};

// What a reload (VRP or IRR data, configuration, member update) changed.
struct ReloadReport
{
    std::uint64_t routesChecked = 0;
    std::vector<RouteChange> changes; // in notification order
};

class RegistryListener
{
public:
    virtual ~RegistryListener() = default;
    virtual void routeChanged(const RouteChange &change) = 0;
    // A session already held `limit` routes of `family` and sent another new prefix.
    virtual void maxPrefixExceeded(MemberId member,
                                   const net::Address &peer,
                                   net::Family family,
                                   std::uint32_t limit)
        = 0;
};

} // namespace bwx::registry
