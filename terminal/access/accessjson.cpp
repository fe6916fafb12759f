#include "access/accessjson.h"

#include "access/rulesvalues.h"

#include <limits>
#include <stdexcept>
#include <type_traits>

namespace bwx::access {

namespace {

Json timeJson(Timestamp t)
{
    return t.isSet() ? Json(formatTimestamp(t)) : Json(nullptr);
}

std::string_view qualityStateName(proto::QualityState state)
{
    switch (state) {
    case proto::QualityState::Unknown:
        return "unknown";
    case proto::QualityState::Fresh:
        return "fresh";
    case proto::QualityState::Stale:
        return "stale";
    case proto::QualityState::Unreachable:
        return "unreachable";
    }
    return "unknown";
}

Json limitsJson(const proto::QualityLimits &l)
{
    return Json{{"max_latency_us", l.maxLatencyUs},
                {"max_loss_ppm", l.maxLossPpm},
                {"max_distance", l.maxDistance}};
}

Json weightsJson(const proto::RankingWeights &w)
{
    return Json{{"price", w.price}, {"latency", w.latency}, {"loss", w.loss},
                {"distance", w.distance}};
}

// ---- reading ----

struct JsonError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

class Reader
{
public:
    explicit Reader(std::string path)
        : m_path(std::move(path))
    {}

    Reader at(const std::string &key) const { return Reader(m_path + "." + key); }
    Reader index(std::size_t i) const { return Reader(m_path + "[" + std::to_string(i) + "]"); }

    [[noreturn]] void fail(const std::string &message) const
    {
        throw JsonError(m_path + ": " + message);
    }

    const Json &member(const Json &object, const std::string &key) const
    {
        if (!object.is_object())
            fail("must be an object");
        const auto it = object.find(key);
        if (it == object.end())
            at(key).fail("is missing");
        return *it;
    }

    const Json *optional(const Json &object, const std::string &key) const
    {
        if (!object.is_object())
            fail("must be an object");
        const auto it = object.find(key);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }

    std::string string(const Json &object, const std::string &key) const
    {
        const Json &value = member(object, key);
        if (!value.is_string())
            at(key).fail("must be a string");
        return value.get<std::string>();
    }

    template<class Int> Int integer(const Json &object, const std::string &key) const
    {
        const Json &value = member(object, key);
        if (!value.is_number_integer())
            at(key).fail("must be a whole number");
        if constexpr (std::is_signed_v<Int>) {
            const auto wide = value.get<std::int64_t>();
            if (wide < std::numeric_limits<Int>::min() || wide > std::numeric_limits<Int>::max())
                at(key).fail("is out of range");
            return static_cast<Int>(wide);
        } else {
            if (!value.is_number_unsigned())
                at(key).fail("must not be negative");
            const auto wide = value.get<std::uint64_t>();
            if (wide > std::numeric_limits<Int>::max())
                at(key).fail("is out of range");
            return static_cast<Int>(wide);
        }
    }

    template<class T, class Parse>
    T parsed(const Json &object, const std::string &key, Parse parse) const
    {
        const std::string text = string(object, key);
        auto value = parse(text);
        if (!value)
            at(key).fail(value.error());
        return T(*value);
    }

    Timestamp time(const Json &object, const std::string &key) const
    {
        const Json *value = optional(object, key);
        if (!value)
            return Timestamp{};
        return parsed<Timestamp>(object, key, parseTimestamp);
    }

    Price price(const Json &object, const std::string &key) const
    {
        return parsed<Price>(object, key, parsePrice);
    }
    Money money(const Json &object, const std::string &key) const
    {
        return parsed<Money>(object, key, parseMoney);
    }
    Bandwidth bandwidth(const Json &object, const std::string &key) const
    {
        return parsed<Bandwidth>(object, key, parseBandwidth);
    }
    Destination destination(const Json &object, const std::string &key) const
    {
        return parsed<Destination>(object, key, parseDestination);
    }
    net::Prefix prefix(const Json &object, const std::string &key) const
    {
        return parsed<net::Prefix>(object, key, net::Prefix::parse);
    }

    template<class E, class Name>
    E enumeration(const Json &object, const std::string &key, std::initializer_list<E> values,
                  Name name) const
    {
        const std::string text = string(object, key);
        for (const E value : values) {
            if (name(value) == text)
                return value;
        }
        at(key).fail("unknown value '" + text + "'");
    }

    proto::ResultCode resultCode(const Json &object, const std::string &key) const
    {
        const Json *value = optional(object, key);
        if (!value)
            return proto::ResultCode::Ok;
        const std::string text = string(object, key);
        for (std::uint32_t raw = 0; raw < 1000; ++raw) {
            if (!proto::isKnown(static_cast<std::uint16_t>(raw)))
                continue;
            const auto code = static_cast<proto::ResultCode>(raw);
            if (proto::name(code) == text)
                return code;
        }
        at(key).fail("unknown result code '" + text + "'");
    }

    const Json &array(const Json &object, const std::string &key) const
    {
        const Json &value = member(object, key);
        if (!value.is_array())
            at(key).fail("must be an array");
        return value;
    }

private:
    std::string m_path;
};

proto::QualityLimits readLimits(const Reader &r, const Json &j)
{
    proto::QualityLimits l;
    if (!j.is_object())
        r.fail("must be an object");
    l.maxLatencyUs = r.integer<std::uint32_t>(j, "max_latency_us");
    l.maxLossPpm = r.integer<std::uint32_t>(j, "max_loss_ppm");
    l.maxDistance = r.integer<std::uint8_t>(j, "max_distance");
    return l;
}

proto::RankingWeights readWeights(const Reader &r, const Json &j)
{
    proto::RankingWeights w;
    w.price = r.integer<std::uint16_t>(j, "price");
    w.latency = r.integer<std::uint16_t>(j, "latency");
    w.loss = r.integer<std::uint16_t>(j, "loss");
    w.distance = r.integer<std::uint16_t>(j, "distance");
    return w;
}

const auto sideName = [](Side s) { return toString(s); };
const auto statusName = [](OrderStatus s) { return toString(s); };
const auto trafficName = [](TrafficType t) { return toString(t); };

proto::OrderParams readParams(const Reader &r, const Json &j)
{
    proto::OrderParams p;
    p.clientOrderId = ClientOrderId(r.integer<std::uint64_t>(j, "client_order_id"));
    p.side = r.enumeration(j, "side", {Side::Buy, Side::Sell}, sideName);
    p.type = r.enumeration(j, "type", {OrderType::Limit, OrderType::Market},
                           [](OrderType t) { return toString(t); });
    p.timeInForce = r.enumeration(j, "time_in_force",
                                  {TimeInForce::GoodTillCancel, TimeInForce::GoodTillDate,
                                   TimeInForce::ImmediateOrCancel, TimeInForce::FillOrKill},
                                  [](TimeInForce t) { return toString(t); });
    p.destination = r.destination(j, "destination");
    p.price = r.price(j, "price");
    p.capacity = r.bandwidth(j, "capacity");
    p.minBlock = r.bandwidth(j, "min_block");
    p.expireAt = r.time(j, "expire_at");
    p.deliveryStart = r.time(j, "delivery_start");
    p.deliveryEnd = r.time(j, "delivery_end");
    p.trafficType = r.enumeration(j, "traffic_type",
                                  {TrafficType::Any, TrafficType::BestEffort, TrafficType::Premium,
                                   TrafficType::Realtime},
                                  trafficName);
    if (const Json *limits = r.optional(j, "limits"))
        p.limits = readLimits(r.at("limits"), *limits);
    p.ranking = r.enumeration(j, "ranking",
                              {RankingMode::BestPrice, RankingMode::BestPerformance,
                               RankingMode::Weighted},
                              [](RankingMode m) { return toString(m); });
    if (const Json *weights = r.optional(j, "weights"))
        p.weights = readWeights(r.at("weights"), *weights);
    return p;
}

proto::BookEntry readEntry(const Reader &r, const Json &j)
{
    proto::BookEntry e;
    e.orderId = OrderId(r.integer<std::uint64_t>(j, "order_id"));
    e.side = r.enumeration(j, "side", {Side::Buy, Side::Sell}, sideName);
    e.prefix = r.prefix(j, "prefix");
    e.price = r.price(j, "price");
    e.remaining = r.bandwidth(j, "remaining");
    e.minBlock = r.bandwidth(j, "min_block");
    e.deliveryStart = r.time(j, "delivery_start");
    e.deliveryEnd = r.time(j, "delivery_end");
    e.trafficType = r.enumeration(j, "traffic_type",
                                  {TrafficType::Any, TrafficType::BestEffort, TrafficType::Premium,
                                   TrafficType::Realtime},
                                  trafficName);
    if (const Json *quality = r.optional(j, "quality")) {
        const Reader q = r.at("quality");
        e.qualityKnown = 1;
        e.latencyUs = q.integer<std::uint32_t>(*quality, "latency_us");
        e.lossPpm = q.integer<std::uint32_t>(*quality, "loss_ppm");
        e.distance = q.integer<std::uint8_t>(*quality, "distance");
    }
    e.createdAt = r.time(j, "created_at");
    return e;
}

proto::Candidate readCandidate(const Reader &r, const Json &j)
{
    proto::Candidate c;
    c.entry = readEntry(r.at("entry"), r.member(j, "entry"));
    c.score = r.integer<std::int64_t>(j, "score");
    c.rank = r.integer<std::uint32_t>(j, "rank");
    c.reason = r.resultCode(j, "reason");
    if (r.optional(j, "explanation"))
        c.explanation = r.string(j, "explanation");
    return c;
}

proto::OrderView readOrder(const Reader &r, const Json &j)
{
    proto::OrderView o;
    o.orderId = OrderId(r.integer<std::uint64_t>(j, "order_id"));
    o.member = MemberId(r.integer<std::uint32_t>(j, "member_id"));
    o.params = readParams(r.at("params"), r.member(j, "params"));
    o.status = r.enumeration(j, "status",
                             {OrderStatus::Working, OrderStatus::PartiallyFilled,
                              OrderStatus::Filled, OrderStatus::Cancelled, OrderStatus::Expired,
                              OrderStatus::Rejected, OrderStatus::Suspended},
                             statusName);
    o.filled = r.bandwidth(j, "filled");
    o.remaining = r.bandwidth(j, "remaining");
    o.reason = r.resultCode(j, "reason");
    o.createdAt = r.time(j, "created_at");
    o.updatedAt = r.time(j, "updated_at");
    return o;
}

proto::TradeView readTrade(const Reader &r, const Json &j)
{
    proto::TradeView t;
    t.tradeId = TradeId(r.integer<std::uint64_t>(j, "trade_id"));
    t.buyOrderId = OrderId(r.integer<std::uint64_t>(j, "buy_order_id"));
    t.sellOrderId = OrderId(r.integer<std::uint64_t>(j, "sell_order_id"));
    t.buyer = MemberId(r.integer<std::uint32_t>(j, "buyer_id"));
    t.seller = MemberId(r.integer<std::uint32_t>(j, "seller_id"));
    t.destination = r.destination(j, "destination");
    t.sellDestination = r.optional(j, "sell_destination") ? r.destination(j, "sell_destination")
                                                          : t.destination;
    t.price = r.price(j, "price");
    t.capacity = r.bandwidth(j, "capacity");
    t.deliveryStart = r.time(j, "delivery_start");
    t.deliveryEnd = r.time(j, "delivery_end");
    t.amount = r.optional(j, "amount") ? r.money(j, "amount")
                                       : amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart)
                                             .value_or(Money{});
    t.executedAt = r.time(j, "executed_at");
    t.state = r.enumeration(j, "state",
                            {proto::TradeState::Scheduled, proto::TradeState::Active,
                             proto::TradeState::Ended, proto::TradeState::Suspended,
                             proto::TradeState::Cancelled},
                            tradeStateName);
    return t;
}

proto::QualityCell readCell(const Reader &r, const Json &j)
{
    proto::QualityCell c;
    c.seller = MemberId(r.integer<std::uint32_t>(j, "seller_id"));
    c.destination = r.prefix(j, "destination");
    c.latencyUs = r.integer<std::uint32_t>(j, "latency_us");
    c.lossPpm = r.integer<std::uint32_t>(j, "loss_ppm");
    c.jitterUs = r.optional(j, "jitter_us") ? r.integer<std::uint32_t>(j, "jitter_us") : 0;
    c.distance = r.optional(j, "distance") ? r.integer<std::uint8_t>(j, "distance") : 0;
    c.state = r.enumeration(j, "state",
                            {proto::QualityState::Unknown, proto::QualityState::Fresh,
                             proto::QualityState::Stale, proto::QualityState::Unreachable},
                            qualityStateName);
    c.measuredAt = r.time(j, "measured_at");
    return c;
}

template<class T, class Read>
std::vector<T> readArray(const Reader &r, const Json &object, const std::string &key, Read read)
{
    std::vector<T> out;
    if (!r.optional(object, key))
        return out;
    const Json &array = r.array(object, key);
    const Reader base = r.at(key);
    for (std::size_t i = 0; i < array.size(); ++i)
        out.push_back(read(base.index(i), array[i]));
    return out;
}

} // namespace

std::string_view tradeStateName(proto::TradeState state)
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
    return "scheduled";
}

Json toJson(const proto::OrderParams &p)
{
    Json j;
    j["client_order_id"] = p.clientOrderId.value();
    j["side"] = toString(p.side);
    j["type"] = toString(p.type);
    j["time_in_force"] = toString(p.timeInForce);
    j["destination"] = toString(p.destination);
    j["price"] = formatPrice(p.price);
    j["capacity"] = formatBandwidth(p.capacity);
    j["min_block"] = formatBandwidth(p.minBlock);
    j["expire_at"] = timeJson(p.expireAt);
    j["delivery_start"] = timeJson(p.deliveryStart);
    j["delivery_end"] = timeJson(p.deliveryEnd);
    j["traffic_type"] = toString(p.trafficType);
    j["limits"] = limitsJson(p.limits);
    j["ranking"] = toString(p.ranking);
    j["weights"] = weightsJson(p.weights);
    return j;
}

Json toJson(const proto::BookEntry &e)
{
    Json j;
    j["order_id"] = e.orderId.value();
    j["side"] = toString(e.side);
    j["prefix"] = e.prefix.toString();
    j["price"] = formatPrice(e.price);
    j["remaining"] = formatBandwidth(e.remaining);
    j["min_block"] = formatBandwidth(e.minBlock);
    j["delivery_start"] = timeJson(e.deliveryStart);
    j["delivery_end"] = timeJson(e.deliveryEnd);
    j["traffic_type"] = toString(e.trafficType);
    if (e.qualityKnown)
        j["quality"] = Json{{"latency_us", e.latencyUs},
                            {"loss_ppm", e.lossPpm},
                            {"distance", e.distance}};
    else
        j["quality"] = nullptr;
    j["created_at"] = timeJson(e.createdAt);
    return j;
}

Json toJson(const proto::Candidate &c)
{
    Json j;
    j["entry"] = toJson(c.entry);
    j["score"] = c.score;
    j["rank"] = c.rank;
    j["reason"] = proto::name(c.reason);
    j["explanation"] = c.explanation;
    return j;
}

Json toJson(const proto::OrderView &o)
{
    Json j;
    j["order_id"] = o.orderId.value();
    j["member_id"] = o.member.value();
    j["params"] = toJson(o.params);
    j["status"] = toString(o.status);
    j["filled"] = formatBandwidth(o.filled);
    j["remaining"] = formatBandwidth(o.remaining);
    j["reason"] = proto::name(o.reason);
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
    j["price"] = formatPrice(t.price);
    j["capacity"] = formatBandwidth(t.capacity);
    j["delivery_start"] = timeJson(t.deliveryStart);
    j["delivery_end"] = timeJson(t.deliveryEnd);
    j["amount"] = formatMoney(t.amount);
    j["executed_at"] = timeJson(t.executedAt);
    j["state"] = tradeStateName(t.state);
    return j;
}

Json toJson(const proto::QualityCell &c)
{
    Json j;
    j["seller_id"] = c.seller.value();
    j["destination"] = c.destination.toString();
    j["latency_us"] = c.latencyUs;
    j["loss_ppm"] = c.lossPpm;
    j["jitter_us"] = c.jitterUs;
    j["distance"] = c.distance;
    j["state"] = qualityStateName(c.state);
    j["measured_at"] = timeJson(c.measuredAt);
    return j;
}

Json toJson(const CandidateVerdict &v)
{
    // The sell order as a book entry, without what every candidate shares (side) or the
    // decision does not use (created_at).
    Json j = toJson(v.candidate.entry);
    j.erase("side");
    j.erase("created_at");
    j["exchange"] = Json{{"rank", v.candidate.rank},
                         {"score", v.candidate.score},
                         {"reason", proto::name(v.candidate.reason)},
                         {"explanation", v.candidate.explanation}};
    j["local_rank"] = v.localRank;
    j["local_score"] = v.localScore;
    j["verdict"] = v.won ? "won" : "lost";
    j["reason"] = toString(v.reason);
    j["explanation"] = v.explanation;
    if (v.fill.isPositive()) {
        j["fill"] = formatBandwidth(v.fill);
        j["cost"] = formatMoney(v.cost);
    }
    return j;
}

Json toJson(const Action &a)
{
    Json j;
    j["kind"] = a.kind == Action::Kind::Take ? "take" : "new-order";
    if (a.kind == Action::Kind::Take)
        j["sell_order_id"] = a.sellOrderId.value();
    j["capacity"] = formatBandwidth(a.capacity);
    j["cost"] = formatMoney(a.cost);
    j["params"] = toJson(a.params);
    return j;
}

Json toJson(const ActionResult &r)
{
    Json j;
    j["sent"] = r.sent;
    if (!r.sent) {
        j["not_sent_because"] = r.notSentBecause;
        return j;
    }
    j["client_order_id"] = r.clientOrderId.value();
    j["code"] = proto::name(r.code);
    j["message"] = r.message;
    j["answered_at"] = timeJson(r.answeredAt);
    if (r.order) {
        Json order;
        order["order_id"] = r.order->orderId.value();
        order["status"] = toString(r.order->status);
        order["filled"] = formatBandwidth(r.order->filled);
        order["remaining"] = formatBandwidth(r.order->remaining);
        order["reason"] = proto::name(r.order->reason);
        j["order"] = order;
    }
    return j;
}

Json toJson(const Decision &d)
{
    Json j;
    j["time"] = timeJson(d.time);
    j["group"] = d.group;
    j["need"] = d.need;
    j["mode"] = toString(d.mode);
    if (d.mode == SelectionMode::Weighted)
        j["weights"] = weightsJson(d.weights);
    j["outcome"] = toString(d.outcome);
    Json blockers = Json::array();
    for (const Reason r : d.blockers)
        blockers.push_back(toString(r));
    j["blockers"] = blockers;
    j["summary"] = d.summary;
    Json coverage;
    coverage["required"] = formatBandwidth(d.required);
    coverage["covered"] = formatBandwidth(d.covered);
    if (d.pending.isPositive())
        coverage["pending"] = formatBandwidth(d.pending);
    if (d.outcome == Outcome::Pending) {
        coverage["gap_start"] = timeJson(d.gapStart);
        coverage["renewal"] = d.renewal;
    } else if (d.outcome != Outcome::Covered && d.outcome != Outcome::Finished) {
        coverage["shortfall"] = formatBandwidth(d.shortfall);
        coverage["requested"] = formatBandwidth(d.requested);
        coverage["gap_start"] = timeJson(d.gapStart);
        coverage["gap_end"] = timeJson(d.gapEnd);
        coverage["renewal"] = d.renewal;
    }
    if (!d.replacedTrades.empty()) {
        Json replaced = Json::array();
        for (const TradeId id : d.replacedTrades)
            replaced.push_back(id.value());
        coverage["replaced_trades"] = replaced;
    }
    j["coverage"] = coverage;
    if (d.query)
        j["query"] = toJson(*d.query);
    Json candidates = Json::array();
    for (const CandidateVerdict &v : d.candidates)
        candidates.push_back(toJson(v));
    j["candidates"] = candidates;
    j["ranking_agrees"] = d.rankingAgrees;
    if (!d.rankingNote.empty())
        j["ranking_note"] = d.rankingNote;
    Json actions = Json::array();
    for (std::size_t i = 0; i < d.actions.size(); ++i) {
        Json action = toJson(d.actions[i]);
        if (i < d.results.size())
            action["result"] = toJson(d.results[i]);
        actions.push_back(action);
    }
    j["actions"] = actions;
    if (!d.cancels.empty()) {
        Json cancels = Json::array();
        for (const TradeCancel &c : d.cancels) {
            Json result;
            result["sent"] = c.sent;
            if (!c.sent) {
                result["not_sent_because"] = c.notSentBecause;
            } else {
                result["code"] = proto::name(c.code);
                result["message"] = c.message;
                result["answered_at"] = timeJson(c.answeredAt);
            }
            cancels.push_back(Json{{"trade_id", c.tradeId.value()}, {"result", result}});
        }
        j["cancels"] = cancels;
    }
    j["notes"] = d.notes;
    return j;
}

Json toJson(const Evaluation &e)
{
    Json j;
    j["time"] = timeJson(e.time);
    j["dry_run"] = e.dryRun;
    Json decisions = Json::array();
    for (const Decision &d : e.decisions)
        decisions.push_back(toJson(d));
    j["decisions"] = decisions;
    return j;
}

Json toJson(const AccessState &s)
{
    Json j;
    j["now"] = timeJson(s.now);
    j["self"] = s.self.value();
    j["link"] = Json{{"connected", s.link.connected},
                     {"silence", formatDuration(s.link.silence)},
                     {"detail", s.link.detail}};
    j["kill_switch"] = s.killSwitch;
    if (s.memberLimits)
        j["member_limits"] = Json{{"max_order_capacity", formatBandwidth(s.memberLimits->maxOrderCapacity)},
                                  {"max_open_exposure", formatMoney(s.memberLimits->maxOpenExposure)}};
    Json orders = Json::array();
    for (const auto &o : s.orders)
        orders.push_back(toJson(o));
    j["orders"] = orders;
    Json trades = Json::array();
    for (const auto &t : s.trades)
        trades.push_back(toJson(t));
    j["trades"] = trades;
    Json candidates = Json::object();
    for (const auto &[need, snapshot] : s.candidates) {
        Json list = Json::array();
        for (const auto &c : snapshot.candidates)
            list.push_back(toJson(c));
        Json entry;
        entry["received_at"] = timeJson(snapshot.receivedAt);
        if (snapshot.error != proto::ResultCode::Ok)
            entry["error"] = proto::name(snapshot.error);
        if (!snapshot.errorText.empty())
            entry["error_text"] = snapshot.errorText;
        entry["candidates"] = list;
        candidates[need] = entry;
    }
    j["candidates"] = candidates;
    Json quality;
    quality["received"] = s.quality.received;
    quality["received_at"] = timeJson(s.quality.receivedAt);
    if (s.quality.error != proto::ResultCode::Ok)
        quality["error"] = proto::name(s.quality.error);
    if (!s.quality.errorText.empty())
        quality["error_text"] = s.quality.errorText;
    Json cells = Json::array();
    for (const auto &c : s.quality.cells)
        cells.push_back(toJson(c));
    quality["cells"] = cells;
    j["quality"] = quality;
    Json bad = Json::array();
    for (const auto &[key, since] : s.badQualitySince)
        bad.push_back(Json{{"need", key.first}, {"trade_id", key.second}, {"since", timeJson(since)}});
    j["bad_quality_since"] = bad;
    return j;
}

Expected<AccessState> stateFromJson(const Json &j)
{
    try {
        const Reader r("state");
        AccessState s;
        s.now = r.time(j, "now");
        if (!s.now.isSet())
            r.at("now").fail("is required");
        s.self = MemberId(r.integer<std::uint32_t>(j, "self"));
        if (const Json *link = r.optional(j, "link")) {
            const Reader l = r.at("link");
            s.link.connected = l.member(*link, "connected").get<bool>();
            if (l.optional(*link, "silence")) {
                const std::string text = l.string(*link, "silence");
                if (text != "0s")
                    s.link.silence = l.parsed<Duration>(*link, "silence", parseDuration);
            }
            if (l.optional(*link, "detail"))
                s.link.detail = l.string(*link, "detail");
        }
        if (const Json *kill = r.optional(j, "kill_switch"))
            s.killSwitch = kill->get<bool>();
        if (const Json *limits = r.optional(j, "member_limits")) {
            const Reader l = r.at("member_limits");
            proto::MemberLimits m;
            m.maxOrderCapacity = l.bandwidth(*limits, "max_order_capacity");
            m.maxOpenExposure = l.money(*limits, "max_open_exposure");
            s.memberLimits = m;
        }
        s.orders = readArray<proto::OrderView>(r, j, "orders", readOrder);
        s.trades = readArray<proto::TradeView>(r, j, "trades", readTrade);
        if (const Json *candidates = r.optional(j, "candidates")) {
            if (!candidates->is_object())
                r.at("candidates").fail("must be an object keyed by need name");
            for (const auto &[need, entry] : candidates->items()) {
                const Reader c = r.at("candidates").at(need);
                CandidateSnapshot snapshot;
                snapshot.receivedAt = c.time(entry, "received_at");
                snapshot.error = c.resultCode(entry, "error");
                if (c.optional(entry, "error_text"))
                    snapshot.errorText = c.string(entry, "error_text");
                snapshot.candidates
                    = readArray<proto::Candidate>(c, entry, "candidates", readCandidate);
                s.candidates[need] = std::move(snapshot);
            }
        }
        if (const Json *quality = r.optional(j, "quality")) {
            const Reader q = r.at("quality");
            s.quality.received = q.member(*quality, "received").get<bool>();
            s.quality.receivedAt = q.time(*quality, "received_at");
            s.quality.error = q.resultCode(*quality, "error");
            if (q.optional(*quality, "error_text"))
                s.quality.errorText = q.string(*quality, "error_text");
            s.quality.cells = readArray<proto::QualityCell>(q, *quality, "cells", readCell);
        }
        if (r.optional(j, "bad_quality_since")) {
            const Json &bad = r.array(j, "bad_quality_since");
            for (std::size_t i = 0; i < bad.size(); ++i) {
                const Reader b = r.at("bad_quality_since").index(i);
                s.badQualitySince[{b.string(bad[i], "need"),
                                   b.integer<std::uint64_t>(bad[i], "trade_id")}]
                    = b.time(bad[i], "since");
            }
        }
        return s;
    } catch (const JsonError &e) {
        return makeError(e.what());
    } catch (const nlohmann::json::exception &e) {
        return makeError(std::string("state: ") + e.what());
    }
}

} // namespace bwx::access
