#include "marketbuilders.h"

#include <QtGlobal>
#include <algorithm>
#include <string>

namespace bwx::terminal::test {

namespace {

template<class T> T orDie(Expected<T> value, const char *what, const char *text)
{
    if (!value)
        qFatal("test data: bad %s '%s': %s", what, text, value.error().c_str());
    return *value;
}

} // namespace

net::Prefix pfx(const char *text)
{
    return orDie(net::Prefix::parse(text), "prefix", text);
}

Destination dest(const char *text)
{
    return orDie(parseDestination(text), "destination", text);
}

Price px(const char *text)
{
    return orDie(parsePrice(text), "price", text);
}

Money money(const char *text)
{
    return orDie(parseMoney(text), "amount", text);
}

Timestamp at(const char *isoUtc)
{
    if (*isoUtc == '\0')
        return Timestamp{};
    return orDie(parseTimestamp(isoUtc), "time", isoUtc);
}

proto::WatchRow watchRow(const char *prefix,
                         const char *bid,
                         int bidMbps,
                         int bidOrders,
                         const char *ask,
                         int askMbps,
                         int askOrders,
                         const char *last,
                         const char *lastAt)
{
    proto::WatchRow row;
    row.prefix = pfx(prefix);
    if (*bid != '\0') {
        row.bestBid = px(bid);
        row.bidDepth = mbps(bidMbps);
        row.bidOrders = static_cast<std::uint32_t>(bidOrders);
    }
    if (*ask != '\0') {
        row.bestAsk = px(ask);
        row.askDepth = mbps(askMbps);
        row.askOrders = static_cast<std::uint32_t>(askOrders);
    }
    if (*last != '\0') {
        row.lastPrice = px(last);
        row.lastTradeAt = at(*lastAt != '\0' ? lastAt : "2026-11-20T10:00:00Z");
    }
    return row;
}

proto::BookEntry bookEntry(std::uint64_t id,
                           Side side,
                           const char *prefix,
                           const char *price,
                           int mbpsValue,
                           const char *createdAt)
{
    proto::BookEntry entry;
    entry.orderId = OrderId(id);
    entry.side = side;
    entry.prefix = pfx(prefix);
    entry.price = px(price);
    entry.remaining = mbps(mbpsValue);
    entry.minBlock = mbps(std::min(mbpsValue, 10));
    entry.deliveryStart = at("2026-12-01");
    entry.deliveryEnd = at("2027-01-01");
    entry.trafficType = TrafficType::BestEffort;
    entry.createdAt = at(createdAt);
    if (side == Side::Sell) {
        entry.latencyUs = 4200;
        entry.lossPpm = 50;
        entry.distance = 2;
        entry.qualityKnown = 1;
    }
    return entry;
}

proto::BookChange change(proto::BookAction action, const proto::BookEntry &entry)
{
    return proto::BookChange{action, entry};
}

proto::OrderView order(std::uint64_t id,
                       Side side,
                       const char *destination,
                       const char *price,
                       int mbpsValue,
                       OrderStatus status,
                       int filledMbps,
                       const char *updatedAt)
{
    proto::OrderView view;
    view.orderId = OrderId(id);
    view.member = MemberId(1);
    view.params.clientOrderId = ClientOrderId(1000 + id);
    view.params.side = side;
    view.params.destination = dest(destination);
    view.params.price = px(price);
    view.params.capacity = mbps(mbpsValue);
    view.params.minBlock = mbps(std::min(mbpsValue, 10));
    view.params.deliveryStart = at("2026-12-01");
    view.params.deliveryEnd = at("2027-01-01");
    view.status = status;
    view.filled = mbps(filledMbps);
    view.remaining = isTerminal(status) ? Bandwidth{} : mbps(mbpsValue - filledMbps);
    view.createdAt = at("2026-11-20T09:00:00Z");
    view.updatedAt = at(updatedAt);
    return view;
}

proto::TradeView trade(std::uint64_t id,
                       std::uint32_t buyer,
                       std::uint32_t seller,
                       const char *destination,
                       const char *price,
                       int mbpsValue,
                       const char *executedAt,
                       const char *deliveryStart,
                       const char *deliveryEnd)
{
    proto::TradeView view;
    view.tradeId = TradeId(id);
    view.buyOrderId = OrderId(id * 10 + 1);
    view.sellOrderId = OrderId(id * 10 + 2);
    view.buyer = MemberId(buyer);
    view.seller = MemberId(seller);
    view.destination = dest(destination);
    view.sellDestination = view.destination;
    view.price = px(price);
    view.capacity = mbps(mbpsValue);
    view.deliveryStart = at(deliveryStart);
    view.deliveryEnd = at(deliveryEnd);
    view.amount = *amountFor(view.price, view.capacity, view.deliveryEnd - view.deliveryStart);
    view.executedAt = at(executedAt);
    view.state = proto::TradeState::Scheduled;
    return view;
}

} // namespace bwx::terminal::test
