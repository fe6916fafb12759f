#pragma once
// The buy a TakeOrder sends: the order entry's buy, made immediate (the exchange accepts only
// IOC or FOK for a take), so nothing of it rests in the book afterwards.
#include <bwx/proto/messages.h>

namespace bwx::terminal {

inline bwx::proto::TakeOrder
makeTake(bwx::proto::OrderParams buy, bwx::OrderId sellOrderId, bwx::ClientOrderId clientOrderId)
{
    if (buy.timeInForce != TimeInForce::FillOrKill)
        buy.timeInForce = TimeInForce::ImmediateOrCancel;
    buy.expireAt = {};
    buy.clientOrderId = clientOrderId;
    return bwx::proto::TakeOrder{buy, sellOrderId};
}

} // namespace bwx::terminal
