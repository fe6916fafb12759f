#pragma once
// Which trade a flow belongs to: flow → (buyer, seller, trade, direction), or the reason it
// belongs to none. Pure logic over a MemberDirectory and a TradeLookup.
//
// To the traded destination (the billed direction, counted at the buyer's ingress):
//   1. the buyer is the member owning the exchange port the flow entered on (exporter, input
//      ifIndex), else the member whose registered source prefixes contain the source address;
//   2. the seller's router is the flow's next hop or destination MAC: a trade qualifies when
//      the directory says that router belongs to the trade's seller, or the trade lists it among
//      the seller's router addresses/MACs; a flow that carries neither (an exporter that sends
//      no next hop or MAC) may fall back to the destination alone when exactly one seller's
//      trade of that buyer covers it;
//   3. the trade is the most specific traded destination containing the destination address
//      among the trades of that buyer and seller whose delivery period contains the flow's
//      start.
// From the traded destination (return traffic): the same with source and destination swapped —
// the buyer owns the destination address, the seller's router is the source MAC or the port the
// flow entered on.
#include "bwx/net/prefix_trie.h"
#include "bwx/settlement/trades.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace bwx::settlement {

enum class Direction : std::uint8_t { ToDestination = 0, FromDestination = 1 };

std::string_view toString(Direction direction) noexcept;

enum class Unattributed : std::uint8_t {
    UnknownBuyer,          // neither port nor source prefix belongs to a member
    UnknownSellerRouter,   // next hop / MAC present but no seller's router
    NoTradeForDestination, // no trade covers the destination at all
    NoTradeForBuyer,       // trades cover it, none of this buyer
    SellerMismatch,        // the buyer's trades for it are with another seller
    OutsideDelivery,       // the right trade, but the flow is outside its delivery period
    Ambiguous,             // no router information and several trades could carry it
    kCount
};

inline constexpr std::size_t kUnattributedCount = static_cast<std::size_t>(Unattributed::kCount);

std::string_view toString(Unattributed reason) noexcept;

struct Attribution
{
    bool attributed = false;
    TradeId trade;
    MemberId buyer;
    MemberId seller;
    Direction direction = Direction::ToDestination;
    Unattributed reason = Unattributed::UnknownBuyer; // when not attributed
};

// Members' ports, prefixes and routers as the registry knows them.
class MemberDirectory
{
public:
    void addPort(const net::Address &exporter, std::uint32_t ifIndex, MemberId member);
    // Rejects a prefix already registered to another member.
    Expected<bool> addPrefix(const net::Prefix &prefix, MemberId member);
    void addRouter(const net::Address &address, MemberId member);
    void addRouterMac(const MacAddress &mac, MemberId member);

    std::optional<MemberId> byPort(const net::Address &exporter, std::uint32_t ifIndex) const;
    std::optional<MemberId> byAddress(const net::Address &address) const; // longest match
    std::optional<MemberId> byRouter(const net::Address &address) const;
    std::optional<MemberId> byRouterMac(const MacAddress &mac) const;

private:
    struct PortKey
    {
        net::Address exporter;
        std::uint32_t ifIndex;
        friend bool operator==(const PortKey &, const PortKey &) = default;
    };
    struct PortHash
    {
        std::size_t operator()(const PortKey &k) const noexcept;
    };
    struct AddressHash
    {
        std::size_t operator()(const net::Address &a) const noexcept;
    };
    struct MacHash
    {
        std::size_t operator()(const MacAddress &m) const noexcept;
    };
    std::unordered_map<PortKey, MemberId, PortHash> m_ports;
    net::PrefixMap<MemberId> m_prefixes;
    std::unordered_map<net::Address, MemberId, AddressHash> m_routers;
    std::unordered_map<MacAddress, MemberId, MacHash> m_macs;
};

struct AttributionOptions
{
    // Attribute flows without next hop or MAC by destination alone when unambiguous.
    bool destinationOnlyFallback = true;
};

class Attributor
{
public:
    Attributor(const MemberDirectory &members,
               const TradeLookup &trades,
               AttributionOptions options = {});

    Attribution attribute(const FlowRecord &flow) const;

private:
    Attribution forward(const FlowRecord &flow) const;
    Attribution reverse(const FlowRecord &flow) const;
    // The router a flow went through (to the destination) or came from (return traffic), as far
    // as the flow tells: an address, a MAC, and the member the directory says owns it.
    struct RouterSeen
    {
        std::optional<net::Address> address;
        std::optional<MacAddress> mac;
        std::optional<MemberId> seller;
        bool present() const noexcept;
        bool belongsTo(const TradeTerms &trade) const;
    };
    Attribution match(const net::Address &inside,
                      MemberId buyer,
                      const RouterSeen &router,
                      Timestamp at,
                      Direction direction) const;

    const MemberDirectory &m_members;
    const TradeLookup &m_trades;
    AttributionOptions m_options;
};

} // namespace bwx::settlement
