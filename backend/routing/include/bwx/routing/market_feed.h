#pragma once
// What the market knows of each member's deliverable routes, and the RouteBatch commands that
// keep it up to date. Only valid routes whose class the member sells count. Changes are
// coalesced per (member, prefix) between flushes and sent at most `maxChanges` per command, so
// a full table is a few hundred commands, never one per route, and a flapping route is one
// change per flush interval. A member can be held (nothing is sent, what the market has stays)
// and resynchronised in full (replace_all), as after a restart or a session re-establishing.
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

    void changed(MemberId member, const net::Prefix &prefix);
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
    // Routes the market holds for the member, as far as this feed has told it.
    std::size_t sentCount(MemberId member) const;
    std::optional<Deliverable> sent(MemberId member, const net::Prefix &prefix) const;

private:
    struct Sent
    {
        std::uint32_t originAsn = 0;
        std::uint8_t routeClass = 0;
        std::uint8_t pathLength = 0;
    };
    struct Member
    {
        bgp::RouteTable<Sent> sent;
        std::vector<net::Prefix> dirty;
        bool fullSync = false;
        bool held = false;
    };

    std::size_t flushFull(MemberId id, Member &m, const DeliverableSource &source,
                          const Submit &submit, std::uint32_t maxChanges);
    std::size_t flushDirty(MemberId id, Member &m, const DeliverableSource &source,
                           const Submit &submit, std::uint32_t maxChanges);
    static void apply(Member &m, const proto::RouteChange &change);

    mutable std::map<MemberId, Member> m_members;
};

} // namespace bwx::routing
