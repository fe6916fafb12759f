#include "json_views.h"

#include "bwx/domain/destination.h"

#include <cstdio>

namespace bwx::ctl {

std::string decimal6(std::int64_t micro)
{
    // Unsigned magnitude, so INT64_MIN does not overflow on negation.
    const bool negative = micro < 0;
    const std::uint64_t a = negative ? std::uint64_t(0) - static_cast<std::uint64_t>(micro)
                                     : static_cast<std::uint64_t>(micro);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%llu.%06llu", negative ? "-" : "",
                  static_cast<unsigned long long>(a / 1'000'000),
                  static_cast<unsigned long long>(a % 1'000'000));
    return buf;
}

std::string mbpsText(Bandwidth b)
{
    const std::int64_t kbps = b.value();
    const bool negative = kbps < 0;
    const std::uint64_t a = negative ? std::uint64_t(0) - static_cast<std::uint64_t>(kbps)
                                     : static_cast<std::uint64_t>(kbps);
    std::string text = (negative ? "-" : "") + std::to_string(a / 1000);
    if (const std::uint64_t frac = a % 1000; frac != 0) {
        std::string digits = std::to_string(1000 + frac).substr(1);
        while (digits.back() == '0')
            digits.pop_back();
        text += "." + digits;
    }
    return text;
}

std::string_view name(proto::TradeState state)
{
    switch (state) {
    case proto::TradeState::Scheduled:
        return "scheduled";
    case proto::TradeState::Active:
        return "active";
    case proto::TradeState::Ended:
        return "ended";
    case proto::TradeState::Suspended:
        return "suspended";
    case proto::TradeState::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

std::string_view name(proto::MemberStatus status)
{
    return status == proto::MemberStatus::Active ? "active" : "suspended";
}

std::string_view name(proto::BookAction action)
{
    switch (action) {
    case proto::BookAction::Add:
        return "add";
    case proto::BookAction::Modify:
        return "modify";
    case proto::BookAction::Remove:
        return "remove";
    }
    return "unknown";
}

Json timeJson(Timestamp t)
{
    return t.isSet() ? Json(formatTimestamp(t)) : Json(nullptr);
}

void putBandwidth(Json &object, const std::string &key, Bandwidth b)
{
    object[key + "_kbps"] = b.value();
    object[key + "_mbps"] = mbpsText(b);
}

Json toJson(const proto::OrderView &o)
{
    const proto::OrderParams &p = o.params;
    Json j;
    j["order_id"] = o.orderId.value();
    j["client_order_id"] = p.clientOrderId.value();
    j["member_id"] = o.member.value();
    j["side"] = toString(p.side);
    j["type"] = toString(p.type);
    j["time_in_force"] = toString(p.timeInForce);
    j["destination"] = toString(p.destination);
    j["price"] = decimal6(p.price.value());
    putBandwidth(j, "capacity", p.capacity);
    putBandwidth(j, "min_block", p.minBlock);
    putBandwidth(j, "filled", o.filled);
    putBandwidth(j, "remaining", o.remaining);
    j["status"] = toString(o.status);
    j["reason"] = proto::name(o.reason);
    j["expire_at"] = timeJson(p.expireAt);
    j["delivery_start"] = timeJson(p.deliveryStart);
    j["delivery_end"] = timeJson(p.deliveryEnd);
    j["traffic_type"] = toString(p.trafficType);
    j["limits"] = {{"max_latency_us", p.limits.maxLatencyUs},
                   {"max_loss_ppm", p.limits.maxLossPpm},
                   {"max_distance", p.limits.maxDistance}};
    j["ranking"] = toString(p.ranking);
    j["weights"] = {{"price", p.weights.price},
                    {"latency", p.weights.latency},
                    {"loss", p.weights.loss},
                    {"distance", p.weights.distance}};
    j["created_at"] = timeJson(o.createdAt);
    j["updated_at"] = timeJson(o.updatedAt);
    return j;
}

Json toJson(const proto::TradeView &t)
{
    Json j;
    j["trade_id"] = t.tradeId.value();
    j["buy_order_id"] = t.buyOrderId.value();
    j["sell_order_id"] = t.sellOrderId.value();
    j["buyer_id"] = t.buyer.value();
    j["seller_id"] = t.seller.value();
    j["destination"] = toString(t.destination);
    j["sell_destination"] = toString(t.sellDestination);
    j["price"] = decimal6(t.price.value());
    putBandwidth(j, "capacity", t.capacity);
    j["delivery_start"] = timeJson(t.deliveryStart);
    j["delivery_end"] = timeJson(t.deliveryEnd);
    j["amount"] = decimal6(t.amount.value());
    j["executed_at"] = timeJson(t.executedAt);
    j["state"] = name(t.state);
    return j;
}

Json toJson(const proto::Fill &f)
{
    Json j;
    j["trade"] = toJson(f.trade);
    j["side"] = toString(f.side);
    j["order_id"] = f.orderId.value();
    j["client_order_id"] = f.clientOrderId.value();
    j["counterparty"] = f.counterpartyName;
    j["seq"] = f.seq.value();
    return j;
}

Json toJson(const proto::BookEntry &e)
{
    Json j;
    j["order_id"] = e.orderId.value();
    j["side"] = toString(e.side);
    j["prefix"] = e.prefix.toString();
    j["price"] = decimal6(e.price.value());
    putBandwidth(j, "remaining", e.remaining);
    putBandwidth(j, "min_block", e.minBlock);
    j["delivery_start"] = timeJson(e.deliveryStart);
    j["delivery_end"] = timeJson(e.deliveryEnd);
    j["traffic_type"] = toString(e.trafficType);
    if (e.qualityKnown)
        j["quality"]
            = {{"latency_us", e.latencyUs}, {"loss_ppm", e.lossPpm}, {"distance", e.distance}};
    else
        j["quality"] = nullptr;
    j["created_at"] = timeJson(e.createdAt);
    return j;
}

Json toJson(const proto::WatchRow &r)
{
    Json j;
    j["prefix"] = r.prefix.toString();
    j["best_bid"] = r.bidOrders > 0 ? Json(decimal6(r.bestBid.value())) : Json(nullptr);
    putBandwidth(j, "bid_depth", r.bidDepth);
    j["bid_orders"] = r.bidOrders;
    j["best_ask"] = r.askOrders > 0 ? Json(decimal6(r.bestAsk.value())) : Json(nullptr);
    putBandwidth(j, "ask_depth", r.askDepth);
    j["ask_orders"] = r.askOrders;
    j["last_price"] = r.lastTradeAt.isSet() ? Json(decimal6(r.lastPrice.value())) : Json(nullptr);
    j["last_trade_at"] = timeJson(r.lastTradeAt);
    return j;
}

Json toJson(const proto::MemberView &m)
{
    Json j;
    j["member_id"] = m.id.value();
    j["name"] = m.name;
    j["display_name"] = m.displayName;
    j["asn"] = m.asn;
    putBandwidth(j, "port_capacity", m.portCapacity);
    j["status"] = name(m.status);
    // Port use and limits are private: 0 in other members' views.
    putBandwidth(j, "port_used", m.portUsed);
    j["limits"] = toJson(m.limits);
    return j;
}

Json toJson(const proto::MemberLimits &l)
{
    Json j;
    // 0 = the exchange's default for each limit.
    putBandwidth(j, "max_order_capacity", l.maxOrderCapacity);
    j["max_open_exposure"] = decimal6(l.maxOpenExposure.value());
    j["max_messages_per_second"] = l.maxMessagesPerSecond;
    j["cancel_on_disconnect"] = l.cancelOnDisconnect != 0;
    return j;
}

Json toJson(const proto::Candidate &c)
{
    const proto::BookEntry &e = c.entry;
    Json j;
    j["rank"] = c.rank > 0 ? Json(c.rank) : Json(nullptr);
    j["eligible"] = c.rank > 0;
    j["order_id"] = e.orderId.value();
    j["prefix"] = e.prefix.toString();
    j["price"] = decimal6(e.price.value());
    putBandwidth(j, "remaining", e.remaining);
    putBandwidth(j, "min_block", e.minBlock);
    j["delivery_start"] = timeJson(e.deliveryStart);
    j["delivery_end"] = timeJson(e.deliveryEnd);
    j["traffic_type"] = toString(e.trafficType);
    if (e.qualityKnown)
        j["quality"]
            = {{"latency_us", e.latencyUs}, {"loss_ppm", e.lossPpm}, {"distance", e.distance}};
    else
        j["quality"] = nullptr;
    j["score"] = c.score;
    j["reason"] = proto::name(c.reason);
    j["explanation"] = c.explanation;
    return j;
}

Json toJson(const proto::Notice &n)
{
    Json j;
    j["code"] = proto::name(n.code);
    j["text"] = n.text;
    j["time"] = timeJson(n.time);
    j["order_id"] = n.order.value() == 0 ? Json(nullptr) : Json(n.order.value());
    j["trade_id"] = n.trade.value() == 0 ? Json(nullptr) : Json(n.trade.value());
    return j;
}

Json toJson(const proto::Stats &s)
{
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(s.stateHash));
    Json j;
    j["last_seq"] = s.lastSeq.value();
    // 64-bit hashes do not survive JavaScript's doubles: a hex string compares exactly.
    j["state_hash"] = hash;
    j["sessions"] = s.sessions;
    j["open_orders"] = s.openOrders;
    j["trades"] = s.trades;
    j["members"] = s.members;
    j["journal_batches"] = s.journalBatches;
    j["started_at"] = timeJson(s.startedAt);
    return j;
}

} // namespace bwx::ctl
