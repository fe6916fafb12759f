#pragma once
// What settlement needs to know about a trade, and the interface through which it learns them.
// The market's trades are plugged in later by an adapter implementing TradeLookup; settlement
// never calls the market itself.
#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"
#include "bwx/expected.h"
#include "bwx/net/prefix.h"
#include "bwx/net/prefix_trie.h"
#include "bwx/settlement/flow_record.h"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bwx::settlement {

struct TradeTerms
{
    TradeId id;
    MemberId buyer;
    MemberId seller;
    net::Prefix destination;                 // the traded destination prefix
    std::vector<net::Address> sellerRouters; // the seller's router addresses on the exchange LAN
    std::vector<MacAddress> sellerMacs;      // and their MAC addresses
    Timestamp deliveryStart;                 // delivery period [start, end)
    Timestamp deliveryEnd;
    Bandwidth committed; // traded capacity
    Price price;         // per Mbit/s per month
    // How the trade names its destination when that is not `destination` itself (an origin AS
    // or a route class: "AS64500", "customer"); statements show it. Empty: the prefix.
    std::string label;
    // Ended early by CancelTrade: `deliveryEnd` is the cancellation time, and statements mark
    // the line as cancelled.
    bool cancelled = false;
};

// What a statement puts after a cancelled trade's destination.
inline constexpr std::string_view kCancelledMarker = " (cancelled)";

// The destination as a statement shows it: the label, else the prefix; kCancelledMarker after
// it for a cancelled trade.
std::string destinationText(const TradeTerms &trade);

class TradeLookup
{
public:
    virtual ~TradeLookup() = default;
    // Calls `visit` for every trade whose destination contains `address`, most specific
    // destination first; stops when `visit` returns false.
    virtual void forEachCovering(const net::Address &address,
                                 const std::function<bool(const TradeTerms &)> &visit) const = 0;
    // Every trade, in trade id order (for statements).
    virtual std::vector<TradeTerms> allTrades() const = 0;
};

// An in-memory TradeLookup over a prefix map: the default implementation and the one tests use.
class TradeTable : public TradeLookup
{
public:
    // Rejects a duplicate trade id, an empty delivery period, a negative capacity or price.
    Expected<bool> add(TradeTerms trade);
    // Adds the trade or replaces the one with its id (a trade whose terms changed: its delivery
    // period cut short, its state...). The same checks as add() except the duplicate id; a
    // rejected trade leaves the table as it was.
    Expected<bool> upsert(TradeTerms trade);
    // False when no trade has that id.
    bool remove(TradeId id);
    const TradeTerms *find(TradeId id) const;
    std::size_t size() const noexcept { return m_index.size(); }

    void forEachCovering(const net::Address &address,
                         const std::function<bool(const TradeTerms &)> &visit) const override;
    std::vector<TradeTerms> allTrades() const override;

private:
    static Expected<bool> check(const TradeTerms &trade);

    net::PrefixMap<std::vector<TradeTerms>> m_byDestination;
    std::unordered_map<TradeId, net::Prefix, StrongIntHash> m_index; // id -> its destination
};

} // namespace bwx::settlement
