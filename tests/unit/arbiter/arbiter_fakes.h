#pragma once
// A RouteSource over plain tables and an ExportSink that keeps each receiver's Adj-RIB-Out, so
// the arbiter's tests state routes and read back what each member's router would hold.
#include "bwx/arbiter/arbiter.h"

#include <map>
#include <set>
#include <tuple>

namespace bwx::arbiter::test {

net::Prefix pfx(const char *text);
net::Address addr(const char *text);

// Attributes as a member's router would send them: the path starts with the member's AS.
bgp::AttributesRef attrs(std::vector<bgp::Asn> path,
                         const char *nextHop,
                         std::vector<bgp::LargeCommunity> large = {},
                         std::vector<bgp::Community> communities = {},
                         std::optional<std::uint32_t> med = {});

struct FakeRoute
{
    bgp::AttributesRef attributes;
    RouteClass routeClass = RouteClass::Customer;
};

class FakeRoutes final : public RouteSource
{
public:
    void set(MemberId member, const net::Prefix &prefix, FakeRoute route);
    void erase(MemberId member, const net::Prefix &prefix);
    void deny(MemberId seller, RouteClass routeClass, MemberId buyer);

    std::optional<SourceRoute> route(MemberId member, const net::Prefix &prefix) const override;
    std::optional<SourceRoute>
    coveringRoute(MemberId member, const net::Prefix &prefix, MemberId buyer) const override;
    void forEachPrefix(MemberId member,
                       const RouteSelector &selector,
                       const std::function<void(const net::Prefix &)> &f) const override;
    bool maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const override;

    const std::map<MemberId, std::map<net::Prefix, FakeRoute>> &all() const { return m_routes; }

private:
    std::map<MemberId, std::map<net::Prefix, FakeRoute>> m_routes;
    std::set<std::tuple<MemberId, RouteClass, MemberId>> m_denied;
};

class FakeSink final : public ExportSink
{
public:
    // The sink reads the changed routes from `source` (the arbiter) as a session would.
    void readFrom(const bgp::OutboundSource &source) { m_source = &source; }
    bool changed(MemberId receiver, std::shared_ptr<const bgp::PrefixList> prefixes) override;

    // What the receiver's router holds now.
    const std::map<net::Prefix, bgp::AttributesRef> &rib(MemberId receiver) const;
    const std::map<MemberId, std::map<net::Prefix, bgp::AttributesRef>> &all() const
    {
        return m_rib;
    }
    int withdrawalsOfUnknown = 0; // withdrawals of prefixes never announced (must stay 0)
    int changeCalls = 0;

private:
    const bgp::OutboundSource *m_source = nullptr;
    std::map<MemberId, std::map<net::Prefix, bgp::AttributesRef>> m_rib;
};

// A trade between two members on a destination, in a state.
proto::TradeView trade(std::uint64_t id,
                       MemberId buyer,
                       MemberId seller,
                       const Destination &destination,
                       proto::TradeState state = proto::TradeState::Active,
                       std::optional<Destination> sellDestination = {});

} // namespace bwx::arbiter::test
