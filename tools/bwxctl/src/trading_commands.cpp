// bwxctl order / cancel / amend / cancel-all / orders / trades: a member's own trading; and
// trade cancel, which an admin may also send.
#include "bwx/client/reply.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "human_views.h"
#include "order_arguments.h"
#include "order_reply.h"
#include "time_argument.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <random>

namespace bwx::ctl {
namespace {

// CLI11 leaves unset options alone; this tells "not given" from "given empty".
std::optional<std::string> given(const CLI::Option *option, const std::string &value)
{
    return option->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
}

template<class T> std::optional<T> givenValue(const CLI::Option *option, T value)
{
    return option->count() > 0 ? std::optional<T>(value) : std::nullopt;
}

Json outcomeJson(const OrderOutcome &o)
{
    Json j;
    j["order"] = toJson(o.order);
    j["fills"] = Json::array();
    for (const auto &f : o.fills)
        j["fills"].push_back(toJson(f));
    j["fills_complete"] = o.fillsComplete;
    return j;
}

std::string outcomeText(const OrderOutcome &o)
{
    std::string text = orderSummary(o.order) + "\n";
    if (!o.fills.empty())
        text += "\n" + fillsTable(o.fills).render();
    if (!o.fillsComplete)
        text += "(not every fill arrived before the timeout: see 'bwxctl trades')\n";
    return text;
}

struct OrderCli
{
    std::string destination, mbps, capacity, price, minBlock, type, tif, expire, start, end,
        traffic, ranking;
    std::string maxLatencyMs, maxLossPct, weights;
    std::uint32_t maxLatencyUs = 0, maxLossPpm = 0, maxDistance = 0;
    std::uint64_t clientId = 0;
    std::vector<CLI::Option *> options; // in the order of the fields above from mbps on
    CLI::Option *maxLatencyOpt = nullptr, *maxLossOpt = nullptr, *maxDistanceOpt = nullptr,
                *clientIdOpt = nullptr, *maxLatencyMsOpt = nullptr, *maxLossPctOpt = nullptr,
                *weightsOpt = nullptr;
};

int placeOrder(const Context &ctx, Side side, const OrderCli &c)
{
    OrderArguments a;
    a.side = side;
    a.destination = c.destination;
    const std::string *values[] = {&c.mbps,   &c.capacity, &c.price, &c.minBlock, &c.type,   &c.tif,
                                   &c.expire, &c.start,    &c.end,   &c.traffic,  &c.ranking};
    std::optional<std::string> *targets[]
        = {&a.mbps,   &a.capacity, &a.price, &a.minBlock, &a.type,   &a.timeInForce,
           &a.expire, &a.start,    &a.end,   &a.traffic,  &a.ranking};
    for (std::size_t i = 0; i < c.options.size(); ++i)
        *targets[i] = given(c.options[i], *values[i]);
    a.maxLatencyUs = givenValue(c.maxLatencyOpt, c.maxLatencyUs);
    a.maxLossPpm = givenValue(c.maxLossOpt, c.maxLossPpm);
    a.maxDistance = givenValue(c.maxDistanceOpt, c.maxDistance);
    a.maxLatencyMs = given(c.maxLatencyMsOpt, c.maxLatencyMs);
    a.maxLossPct = given(c.maxLossPctOpt, c.maxLossPct);
    a.weights = given(c.weightsOpt, c.weights);
    a.clientId = givenValue(c.clientIdOpt, c.clientId);

    std::random_device random;
    auto params = buildOrder(a, ctx.clock(), random());
    if (!params)
        throw UsageError(params.error());

    auto conn = ctx.connect();
    const std::uint32_t id = conn.send(proto::NewOrder{*params});
    const OrderOutcome outcome = awaitOrderOutcome(conn, id, Bandwidth{}, ctx.timeout());
    ctx.print(outcomeJson(outcome), outcomeText(outcome));
    return kExitOk;
}

struct CancelCli
{
    std::uint64_t orderId = 0;
    std::uint64_t clientId = 0;
    CLI::Option *orderOpt = nullptr, *clientOpt = nullptr;
};

int cancelOrder(const Context &ctx, const CancelCli &c)
{
    if ((c.orderOpt->count() > 0) == (c.clientOpt->count() > 0))
        throw UsageError("give either ORDER_ID or --client-id N");
    proto::CancelOrder cancel;
    if (c.orderOpt->count() > 0) {
        if (c.orderId == 0)
            throw UsageError("ORDER_ID must not be 0");
        cancel.orderId = OrderId(c.orderId);
    } else {
        if (c.clientId == 0)
            throw UsageError("--client-id must not be 0");
        cancel.clientOrderId = ClientOrderId(c.clientId);
    }
    auto conn = ctx.connect();
    const std::uint32_t id = conn.send(cancel);
    const OrderOutcome outcome = awaitOrderOutcome(conn, id, std::nullopt, ctx.timeout());
    ctx.print(outcomeJson(outcome), outcomeText(outcome));
    return kExitOk;
}

struct AmendCli
{
    std::uint64_t orderId = 0;
    std::string price, capacity;
    CLI::Option *priceOpt = nullptr, *capacityOpt = nullptr;
};

int amendOrder(const Context &ctx, const AmendCli &c)
{
    if (c.orderId == 0)
        throw UsageError("ORDER_ID must not be 0");
    proto::AmendOrder amend;
    amend.orderId = OrderId(c.orderId);
    if (!c.priceOpt->count() && !c.capacityOpt->count())
        throw UsageError("nothing to amend: give --price and/or --capacity");
    if (c.priceOpt->count()) {
        auto price = parsePrice(c.price);
        if (!price)
            throw UsageError(price.error());
        if (!price->isPositive())
            throw UsageError("price must be more than 0");
        amend.newPrice = *price;
    }
    if (c.capacityOpt->count()) {
        auto capacity = parseBandwidth(c.capacity);
        if (!capacity)
            throw UsageError(capacity.error());
        if (!capacity->isPositive())
            throw UsageError("capacity must be more than 0");
        amend.newCapacity = *capacity;
    }
    auto conn = ctx.connect();
    // What was filled before tells which fills this amendment caused.
    auto open
        = client::replyAs<proto::OrderList>(conn.request(proto::QueryOrders{1}, ctx.timeout()));
    std::optional<Bandwidth> filledBefore;
    for (const auto &o : open.orders)
        if (o.orderId == amend.orderId)
            filledBefore = o.filled;
    const std::uint32_t id = conn.send(amend);
    const OrderOutcome outcome = awaitOrderOutcome(conn, id, filledBefore, ctx.timeout());
    ctx.print(outcomeJson(outcome), outcomeText(outcome));
    return kExitOk;
}

int cancelAll(const Context &ctx, const std::string &sideText, const CLI::Option *sideOpt)
{
    std::uint8_t side = 0;
    if (sideOpt->count()) {
        const auto s = parseSide(sideText);
        if (!s)
            throw UsageError("invalid --side '" + sideText + "': expected buy or sell");
        side = static_cast<std::uint8_t>(*s);
    }
    auto conn = ctx.connect();
    // The queries around the command are sequenced with it: their difference is exactly
    // what the mass cancel removed.
    auto before
        = client::replyAs<proto::OrderList>(conn.request(proto::QueryOrders{1}, ctx.timeout()));
    auto reply = conn.request(proto::MassCancel{side}, ctx.timeout());
    if (!client::isOkResult(reply))
        client::throwUnexpectedReply(reply, "result");
    const std::string message = std::get<proto::Result>(reply.message).message;
    auto after
        = client::replyAs<proto::OrderList>(conn.request(proto::QueryOrders{0}, ctx.timeout()));

    // Shown in their state after the mass cancel.
    std::vector<proto::OrderView> cancelled;
    for (const auto &o : before.orders) {
        if (side != 0 && static_cast<std::uint8_t>(o.params.side) != side)
            continue;
        const auto now = std::find_if(after.orders.begin(), after.orders.end(),
                                      [&](const auto &a) { return a.orderId == o.orderId; });
        if (now != after.orders.end() && isTerminal(now->status))
            cancelled.push_back(*now);
    }
    Json j;
    j["result"] = "ok";
    j["message"] = message;
    j["cancelled"] = Json::array();
    for (const auto &o : cancelled)
        j["cancelled"].push_back(o.orderId.value());
    std::string text = "cancelled " + std::to_string(cancelled.size()) + " order"
                       + (cancelled.size() == 1 ? "" : "s")
                       + (message.empty() ? "" : ": " + message) + "\n";
    if (!cancelled.empty())
        text += ordersTable(cancelled).render();
    ctx.print(j, text);
    return kExitOk;
}

int listOrders(const Context &ctx, bool all)
{
    auto conn = ctx.connect();
    auto list = client::replyAs<proto::OrderList>(
        conn.request(proto::QueryOrders{static_cast<std::uint8_t>(all ? 0 : 1)}, ctx.timeout()));
    Json j;
    j["orders"] = Json::array();
    for (const auto &o : list.orders)
        j["orders"].push_back(toJson(o));
    ctx.print(j, list.orders.empty() ? std::string(all ? "no orders\n" : "no open orders\n")
                                     : ordersTable(list.orders).render());
    return kExitOk;
}

int listTrades(const Context &ctx,
               const std::string &since,
               const CLI::Option *sinceOpt,
               std::uint32_t limit)
{
    proto::QueryTrades q;
    q.limit = limit;
    if (limit == 0)
        throw UsageError("--limit must be at least 1");
    if (sinceOpt->count()) {
        auto t = parseTimeArgument(since, ctx.clock());
        if (!t)
            throw UsageError(t.error());
        q.since = *t;
    }
    auto conn = ctx.connect();
    auto list = client::replyAs<proto::TradeList>(conn.request(q, ctx.timeout()));
    Json j;
    j["trades"] = Json::array();
    for (const auto &t : list.trades)
        j["trades"].push_back(toJson(t));
    const MemberId self = conn.session() ? conn.session()->member : MemberId{};
    ctx.print(j, list.trades.empty() ? std::string("no trades\n")
                                     : tradesTable(list.trades, self).render());
    return kExitOk;
}

int cancelTrade(const Context &ctx, std::uint64_t tradeId)
{
    if (tradeId == 0)
        throw UsageError("TRADE_ID must not be 0");
    auto conn = ctx.connect();
    // Answered by the trade in state cancelled, or refused with the reason (exit code 3).
    const auto update = client::replyAs<proto::TradeUpdate>(
        conn.request(proto::CancelTrade{TradeId(tradeId)}, ctx.timeout()));
    const MemberId self = conn.session() ? conn.session()->member : MemberId{};
    ctx.print(Json{{"trade", toJson(update.trade)}}, tradeUpdateText(update.trade, self) + "\n");
    return kExitOk;
}

void addOrderSide(CLI::App *order, Context &ctx, Action &action, Side side)
{
    auto *sub = order->add_subcommand(std::string(toString(side)),
                                      side == Side::Buy ? "Bid for capacity toward a destination"
                                                        : "Offer capacity toward a destination");
    auto c = std::make_shared<OrderCli>();
    sub->add_option("DESTINATION", c->destination,
                    "Prefix (203.0.113.0/24), origin AS (AS64500) or route class (customer)")
        ->required();
    c->options = {
        sub->add_option("--mbps", c->mbps, "Capacity in Mbit/s"),
        sub->add_option("--capacity", c->capacity, "Capacity with a unit: 10G, 500M, 512k"),
        sub->add_option("--price", c->price, "Limit price per Mbit/s per month, e.g. 12.50"),
        sub->add_option("--min-block", c->minBlock, "Smallest fill (default: the whole capacity)"),
        sub->add_option("--type", c->type, "limit (default) or market"),
        sub->add_option("--tif", c->tif, "gtc (default), gtd, ioc or fok"),
        sub->add_option("--expire", c->expire, "Expiry of a gtd order (ISO 8601 UTC or +7d)"),
        sub->add_option("--start", c->start, "Delivery start (default: now)"),
        sub->add_option("--end", c->end, "Delivery end (default: start + 30 days)"),
        sub->add_option("--traffic", c->traffic, "best_effort (default), premium, realtime, any"),
        sub->add_option("--rank,--ranking", c->ranking,
                        "Buy: how sells are ranked: price (default), performance, weighted"),
    };
    c->maxLatencyMsOpt = sub->add_option("--max-latency-ms", c->maxLatencyMs,
                                         "Buy: latency limit in ms, e.g. 25 or 12.5");
    c->maxLatencyOpt = sub->add_option("--max-latency-us", c->maxLatencyUs,
                                       "Buy: latency limit in microseconds");
    c->maxLossPctOpt = sub->add_option("--max-loss-pct", c->maxLossPct,
                                       "Buy: packet loss limit in percent, e.g. 0.5");
    c->maxLossOpt = sub->add_option("--max-loss-ppm", c->maxLossPpm,
                                    "Buy: packet loss limit in parts per million");
    c->weightsOpt = sub->add_option("--weights", c->weights,
                                    "Buy, --rank weighted: price,latency,loss,distance weights");
    c->maxDistanceOpt
        = sub->add_option("--max-distance", c->maxDistance, "Buy: AS-path length limit");
    c->clientIdOpt = sub->add_option("--client-id", c->clientId,
                                     "Client order id (default: from the time and random bits)");
    sub->callback([&ctx, &action, c, side] {
        action = [&ctx, c, side] {
            return placeOrder(ctx, side, *c);
        };
    });
}

} // namespace

void addTradingCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *order = app.add_subcommand("order", "Enter an order (member certificate)");
    order->require_subcommand(1);
    addOrderSide(order, ctx, action, Side::Buy);
    addOrderSide(order, ctx, action, Side::Sell);

    auto *cancel = app.add_subcommand("cancel", "Cancel one of your orders");
    auto cc = std::make_shared<CancelCli>();
    cc->orderOpt = cancel->add_option("ORDER_ID", cc->orderId, "The exchange's order id");
    cc->clientOpt = cancel->add_option("--client-id", cc->clientId, "Your client order id instead");
    cancel->callback([&ctx, &action, cc] {
        action = [&ctx, cc] {
            return cancelOrder(ctx, *cc);
        };
    });

    auto *amend = app.add_subcommand("amend", "Change the price or capacity of an open order");
    auto ac = std::make_shared<AmendCli>();
    amend->add_option("ORDER_ID", ac->orderId, "The exchange's order id")->required();
    ac->priceOpt = amend->add_option("--price", ac->price, "New limit price");
    ac->capacityOpt = amend->add_option("--capacity", ac->capacity, "New capacity, e.g. 500M");
    amend->callback([&ctx, &action, ac] {
        action = [&ctx, ac] {
            return amendOrder(ctx, *ac);
        };
    });

    auto *all = app.add_subcommand("cancel-all", "Cancel all your open orders");
    auto side = std::make_shared<std::string>();
    auto *sideOpt = all->add_option("--side", *side, "Only buy or only sell orders");
    all->callback([&ctx, &action, side, sideOpt] {
        action = [&ctx, side, sideOpt] {
            return cancelAll(ctx, *side, sideOpt);
        };
    });

    auto *orders = app.add_subcommand("orders", "Your open orders");
    auto allFlag = std::make_shared<bool>(false);
    orders->add_flag("--all", *allFlag, "Include filled, cancelled and expired orders");
    orders->callback([&ctx, &action, allFlag] {
        action = [&ctx, allFlag] {
            return listOrders(ctx, *allFlag);
        };
    });

    auto *trades = app.add_subcommand("trades", "Your trades, newest first");
    auto since = std::make_shared<std::string>();
    auto limit = std::make_shared<std::uint32_t>(100);
    auto *sinceOpt
        = trades->add_option("--since", *since, "Executed at or after (ISO 8601 or -7d)");
    trades->add_option("--limit", *limit, "At most this many")->capture_default_str();
    trades->callback([&ctx, &action, since, sinceOpt, limit] {
        action = [&ctx, since, sinceOpt, limit] {
            return listTrades(ctx, *since, sinceOpt, *limit);
        };
    });

    auto *trade = app.add_subcommand("trade", "Act on one trade");
    trade->require_subcommand(1);
    auto *cancelTradeCmd = trade->add_subcommand(
        "cancel", "End a live trade early (admin: any; buyer: while the seller cannot deliver it)");
    auto tradeId = std::make_shared<std::uint64_t>(0);
    cancelTradeCmd->add_option("TRADE_ID", *tradeId, "The trade id")->required();
    cancelTradeCmd->callback([&ctx, &action, tradeId] {
        action = [&ctx, tradeId] {
            return cancelTrade(ctx, *tradeId);
        };
    });
}

} // namespace bwx::ctl
