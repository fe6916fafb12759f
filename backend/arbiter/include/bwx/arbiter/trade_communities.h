#pragma once
// The large communities that tag a route exported because of a trade (docs/bgp.md, "What a
// trade sends to the routers"):
//
//   EXCHANGE_ASN : 100 + 1000 * (id >> 32) : id & 0xffffffff   on the seller's route sent to the buyer
//   EXCHANGE_ASN : 200 + 1000 * (id >> 32) : id & 0xffffffff   on the buyer's prefix sent to the seller
//
// Trade ids are 64-bit; every id below 2^32 (every id an exchange will realistically reach)
// is written as EXCHANGE_ASN:100:id or EXCHANGE_ASN:200:id, and one community always names one
// trade, so a route carrying several trades stays unambiguous.
#include "bwx/bgp/path_attributes.h"
#include "bwx/domain/ids.h"
#include "bwx/proto/records.h"

#include <cstdint>
#include <optional>

namespace bwx::arbiter {

inline constexpr std::uint32_t kBuyerTradeFunction = 100;
inline constexpr std::uint32_t kSellerTradeFunction = 200;
inline constexpr std::uint32_t kTradeFunctionStride = 1000;
// The largest id whose community fits: local1 = 200 + 1000 * (id >> 32) <= 2^32 - 1.
inline constexpr std::uint64_t kMaxTaggableTradeId
    = (((std::uint64_t{0xffffffffu} - kSellerTradeFunction) / kTradeFunctionStride + 1) << 32)
      - 1;

// The community for `trade` in `role`; nullopt for id 0 or an id above kMaxTaggableTradeId.
std::optional<bgp::LargeCommunity>
tradeCommunity(std::uint32_t exchangeAsn, proto::ExportRole role, TradeId trade);

struct TradeTag
{
    proto::ExportRole role = proto::ExportRole::SellerRouteToBuyer;
    TradeId trade{};
    friend bool operator==(const TradeTag &, const TradeTag &) = default;
};

// The trade a community names, or nullopt when it is not a trade community of this exchange.
std::optional<TradeTag> decodeTradeCommunity(std::uint32_t exchangeAsn,
                                             const bgp::LargeCommunity &community);

} // namespace bwx::arbiter
