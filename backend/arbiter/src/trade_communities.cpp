#include "bwx/arbiter/trade_communities.h"

namespace bwx::arbiter {

std::optional<bgp::LargeCommunity>
tradeCommunity(std::uint32_t exchangeAsn, proto::ExportRole role, TradeId trade)
{
    const std::uint64_t id = trade.value();
    if (id == 0 || id > kMaxTaggableTradeId)
        return std::nullopt;
    const std::uint32_t function = role == proto::ExportRole::SellerRouteToBuyer
                                       ? kBuyerTradeFunction
                                       : kSellerTradeFunction;
    const auto high = static_cast<std::uint32_t>(id >> 32);
    return bgp::LargeCommunity{exchangeAsn, function + kTradeFunctionStride * high,
                               static_cast<std::uint32_t>(id & 0xffffffffu)};
}

std::optional<TradeTag> decodeTradeCommunity(std::uint32_t exchangeAsn,
                                             const bgp::LargeCommunity &community)
{
    if (community.global != exchangeAsn)
        return std::nullopt;
    const std::uint32_t function = community.local1 % kTradeFunctionStride;
    proto::ExportRole role;
    if (function == kBuyerTradeFunction)
        role = proto::ExportRole::SellerRouteToBuyer;
    else if (function == kSellerTradeFunction)
        role = proto::ExportRole::BuyerPrefixToSeller;
    else
        return std::nullopt;
    const std::uint64_t id = std::uint64_t{community.local1 / kTradeFunctionStride} << 32
                             | community.local2;
    if (id == 0)
        return std::nullopt;
    return TradeTag{role, TradeId(id)};
}

} // namespace bwx::arbiter
