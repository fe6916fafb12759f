#pragma once
// The arbiter: what each member's router receives from the route server because of trades
// (docs/bgp.md, "What a trade sends to the routers"). For every Active trade
//   * the buyer receives the seller's routes for the traded destination — next hop, AS path
//     and the other attributes exactly as the seller's router sent them (RFC 7947 transparency,
//     no exchange AS prepended) — tagged EXCHANGE_ASN:100:trade;
//   * the seller receives the buyer's prefixes (the buyer's valid customer routes of the
//     trade's address family) tagged EXCHANGE_ASN:200:trade, so it can admit and police the
//     buyer's traffic.
// A trade that is Scheduled exports nothing yet; Ended, Cancelled and Suspended trades export
// nothing. Route changes are followed incrementally: a seller's route that goes away is
// withdrawn from the buyer, a new one that falls in the trade is announced.
//
// Deterministic and synchronous: no clock, no I/O, no threads. Changes accumulate until
// flush(), which tells the ExportSink which prefixes of each receiver changed, so a burst of
// route changes becomes one change per prefix. The arbiter is the receivers' sessions'
// outbound source: they read the routes from it when they send (docs/bgp.md, "How exports are
// held"). It holds nothing per exported route: a receiver's route at a prefix is decided when
// asked, from the trades and an index of which members hold a route at each prefix.
#include "bwx/arbiter/export_sink.h"
#include "bwx/arbiter/route_source.h"
#include "bwx/arbiter/trade_communities.h"
#include "bwx/domain/ids.h"
#include "bwx/proto/records.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bwx::arbiter {

struct ArbiterConfig
{
    // Global administrator of the trade communities; large communities of this ASN that a
    // member set on its own route (class signals) are not passed on to other members.
    std::uint32_t exchangeAsn = 0;
};

// One route a member receives.
struct ExportRecord
{
    MemberId receiver{};
    net::Prefix prefix;
    proto::ExportRole role = proto::ExportRole::SellerRouteToBuyer; // of `trade`
    TradeId trade{};          // the trade that decides the route (see docs/bgp.md)
    MemberId counterparty{};  // that trade's other party: the seller (role 1), the buyer (role 2)
    net::Prefix sourcePrefix; // the member route whose attributes are used (== prefix, or covering)
    bgp::AttributesRef attributes;
    std::vector<TradeTag> trades; // every trade the route is tagged with, `trade` first
};

class Arbiter final : public bgp::OutboundSource
{
public:
    Arbiter(ArbiterConfig config, const RouteSource &routes, ExportSink &sink);
    ~Arbiter();
    Arbiter(const Arbiter &) = delete;
    Arbiter &operator=(const Arbiter &) = delete;

    // A trade's current state (from a TradeExecuted, a TradeChanged, or the trades the market
    // holds at start-up). Ended and Cancelled trades are forgotten.
    void tradeChanged(const proto::TradeView &trade);
    // The member's routes for exactly `prefix` changed: appeared, went, changed validity,
    // class or attributes, on any of its sessions.
    void routeChanged(MemberId member, const net::Prefix &prefix);
    // Hands every pending change to the sink: the changed prefixes per receiver, receivers in
    // member order.
    void flush();
    bool hasPendingChanges() const;

    // ---- queries (what is exported after the last flush) ----
    std::vector<ExportRecord> exports(MemberId receiver) const; // prefix order
    std::optional<ExportRecord> exportOf(MemberId receiver, const net::Prefix &prefix) const;

    // ---- bgp::OutboundSource: what the receiver's sessions send (any session of `member`
    // gets the same). Routes as decided by the trades now, composed from the member routes.
    bool outboundRoute(bgp::PeerId peer, MemberId member, const net::Prefix &prefix,
                       bgp::OutboundRoute &out) const override;
    void outboundPrefixes(bgp::PeerId peer, MemberId member, net::Family family,
                          bgp::PrefixList &out) const override;
    std::size_t outboundCount(bgp::PeerId peer, MemberId member,
                              net::Family family) const override;
    // The sessions have read every change: the memo of member routes goes.
    void outboundDrained() override;
    std::size_t exportCount() const;
    std::vector<MemberId> receivers() const; // members that receive at least one route
    // Trades that are not final (scheduled, active, suspended), by trade id.
    std::vector<proto::TradeView> trades() const;
    std::optional<proto::TradeView> trade(TradeId id) const;
    std::size_t memoryUsage() const;

    // Recomputes every export from the trades and the RouteSource and compares with what is
    // held; the first difference, or an empty string.
    std::string checkInvariants() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace bwx::arbiter
