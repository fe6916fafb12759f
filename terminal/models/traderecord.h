#pragma once
// One of the member's trades as the blotter shows it: the exchange's trade plus the member's
// side of it and who was on the other side.
#include <bwx/proto/messages.h>
#include <string>

namespace bwx::terminal {

struct TradeRecord
{
    bwx::proto::TradeView trade;
    Side side = Side::Buy;
    std::string counterparty; // empty when the name is not known yet

    friend bool operator==(const TradeRecord &, const TradeRecord &) = default;
};

inline TradeRecord tradeRecordFromFill(const bwx::proto::Fill &fill)
{
    return TradeRecord{fill.trade, fill.side, fill.counterpartyName};
}

// For trade lists, which carry member ids only; `self` decides the side.
inline TradeRecord tradeRecordFor(const bwx::proto::TradeView &trade, MemberId self)
{
    return TradeRecord{trade, trade.buyer == self ? Side::Buy : Side::Sell, {}};
}

} // namespace bwx::terminal
