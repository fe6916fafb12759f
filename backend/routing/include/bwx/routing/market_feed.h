#pragma once
// What the market knows of each member's deliverable routes, and the RouteBatch commands that
// keep it up to date. Only valid routes whose class the member sells count. Changes are
// coalesced per (member, prefix) between flushes and sent at most `maxChanges` per command, so
// a full table is a few hundred commands, never one per route, and a flapping route is one
// change per flush interval. A member can be held (nothing is sent, what the market has stays)
// and resynchronised in full (replace_all), as after a restart or a session re-establishing.
//
// The feed keeps no copy of what the market holds: the first change of a prefix in a flush
// interval comes with what the member could deliver there just before it (what the market
// was told), and the flush compares that with what it can deliver now. A copy would cost an
// entry per route of every member (10 MB in the fan-out benchmark, the route server's
// third-largest table), for the few prefixes that change between two flushes.
#include "bwx/bgp/route_table.h"
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/proto/messages.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace bwx::routing {

struct Deliverable
{
    RouteClass routeClass = RouteClass::Customer;
    std::uint32_t originAsn = 0; // 0: none (the path ends in an AS_SET)
    std::uint8_t pathLength = 0; // capped at 255
    friend bool operator==(const Deliverable &, const Deliverable &) = default;
};

class DeliverableSource
{
public:
    virtual ~DeliverableSource() = default;
    virtual std::optional<Deliverable> deliverable(MemberId member, const net::Prefix &prefix) const
        = 0;
    virtual void forEachDeliverable(
        MemberId member,
        const std::function<void(const net::Prefix &, const Deliverable &)> &f) const
        = 0;
};

class MarketFeed
{
public:
    // Hands one command to the sequencer; false when refused (queue full): retried next flush.
    using Submit = std::function<bool(proto::RouteBatch &&)>;

    // Whether the feed wants to be told of a change to `prefix`: its first change since the
    // last flush, while the member is neither held nor due for a full sync (which reads the
    // member's whole set then).
    bool wantsChange(MemberId member, const net::Prefix &prefix) const;
    // `before`: what the member could deliver at `prefix` just before the change (nullopt:
    // nothing). Only the first change of a prefix between two flushes counts.
    void changed(MemberId member, const net::Prefix &prefix, std::optional<Deliverable> before);
    // The next flush sends the member's whole set with replace_all (and releases a hold).
    void requestFullSync(MemberId member);
    // Nothing is sent for the member until release(), which also requests a full sync.
    void hold(MemberId member);
    void release(MemberId member);
    bool held(MemberId member) const;

    // Sends what is pending, members in id order. Returns the number of commands submitted.
    std::size_t flush(const DeliverableSource &source, const Submit &submit,
                      std::uint32_t maxChanges);

    bool pending() const;
    // Prefixes with a change waiting for the next flush.
    std::size_t pendingCount(MemberId member) const;

private:
    // What the market had at a changed prefix; routeClass 0: nothing.
    struct Before
    {
        std::uint32_t originAsn = 0;
        std::uint8_t routeClass = 0;
        std::uint8_t pathLength = 0;
    };
    struct Member
    {
        bgp::RouteTable<Before> dirty;
        bool fullSync = false;
        bool held = false;
    };

    static Before beforeOf(const std::optional<Deliverable> &d);
    static bool sameAs(const Before &before, const Deliverable &now);
    std::size_t flushFull(MemberId id, Member &m, const DeliverableSource &source,
                          const Submit &submit, std::uint32_t maxChanges);
    std::size_t flushDirty(MemberId id,
                           Member &m,
                           const DeliverableSource &source,
                           const Submit &submit,
                           std::uint32_t maxChanges);

    std::map<MemberId, Member> m_members;
};

} // namespace bwx::routing
