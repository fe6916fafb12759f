// bwxctl candidates / take: the sell orders that could serve a prospective buy, ranked the way
// the matcher would take them (claim 24), and buying from exactly one of them.
#include "bwx/client/reply.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "human_views.h"
#include "order_arguments.h"
#include "order_reply.h"

#include <CLI/CLI.hpp>
#include <random>

namespace bwx::ctl {
namespace {

std::optional<std::string> given(const CLI::Option *option, const std::string &value)
{
    return option->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
}

template<class T> std::optional<T> givenValue(const CLI::Option *option, T value)
{
    return option->count() > 0 ? std::optional<T>(value) : std::nullopt;
}

// The options of a prospective buy, shared by `candidates` and `take`.
struct BuyCli
{
    std::string destination, mbps, capacity, maxPrice, minBlock, start, end, traffic, ranking,
        weights, maxLatencyMs, maxLossPct, tif;
    std::uint32_t maxLatencyUs = 0, maxLossPpm = 0, maxDistance = 0;
    std::uint64_t clientId = 0, sellOrderId = 0;
    CLI::Option *mbpsOpt = nullptr, *capacityOpt = nullptr, *maxPriceOpt = nullptr,
                *minBlockOpt = nullptr, *startOpt = nullptr, *endOpt = nullptr,
                *trafficOpt = nullptr, *rankingOpt = nullptr, *weightsOpt = nullptr,
                *maxLatencyMsOpt = nullptr, *maxLatencyUsOpt = nullptr, *maxLossPctOpt = nullptr,
                *maxLossPpmOpt = nullptr, *maxDistanceOpt = nullptr, *clientIdOpt = nullptr,
                *tifOpt = nullptr;

    void addOptions(CLI::App *sub)
    {
        mbpsOpt = sub->add_option("--mbps", mbps, "Capacity wanted in Mbit/s");
        capacityOpt = sub->add_option("--capacity", capacity, "Capacity with a unit: 10G, 500M");
        minBlockOpt = sub->add_option("--min-block", minBlock, "Smallest fill (default: all)");
        startOpt = sub->add_option("--start", start, "Delivery start (default: now)");
        endOpt = sub->add_option("--end", end, "Delivery end (default: start + 30 days)");
        trafficOpt = sub->add_option("--traffic", traffic,
                                     "best_effort (default), premium, realtime, any");
        rankingOpt = sub->add_option("--rank,--ranking", ranking,
                                     "price (default), performance or weighted");
        weightsOpt = sub->add_option("--weights", weights,
                                     "For --rank weighted: price,latency,loss,distance");
        maxLatencyMsOpt = sub->add_option("--max-latency-ms", maxLatencyMs,
                                          "Latency limit in ms, e.g. 25 or 12.5");
        maxLatencyUsOpt = sub->add_option("--max-latency-us", maxLatencyUs,
                                          "Latency limit in microseconds");
        maxLossPctOpt = sub->add_option("--max-loss-pct", maxLossPct,
                                        "Packet loss limit in percent, e.g. 0.5");
        maxLossPpmOpt = sub->add_option("--max-loss-ppm", maxLossPpm,
                                        "Packet loss limit in parts per million");
        maxDistanceOpt = sub->add_option("--max-distance", maxDistance, "AS-path length limit");
    }

    // A buy: limit IOC at the maximum price, or a market IOC without one.
    proto::OrderParams build(Timestamp now, bool takeOrder) const
    {
        OrderArguments a;
        a.side = Side::Buy;
        a.destination = destination;
        a.mbps = given(mbpsOpt, mbps);
        a.capacity = given(capacityOpt, capacity);
        a.minBlock = given(minBlockOpt, minBlock);
        a.start = given(startOpt, start);
        a.end = given(endOpt, end);
        a.traffic = given(trafficOpt, traffic);
        a.ranking = given(rankingOpt, ranking);
        a.weights = given(weightsOpt, weights);
        a.maxLatencyMs = given(maxLatencyMsOpt, maxLatencyMs);
        a.maxLatencyUs = givenValue(maxLatencyUsOpt, maxLatencyUs);
        a.maxLossPct = given(maxLossPctOpt, maxLossPct);
        a.maxLossPpm = givenValue(maxLossPpmOpt, maxLossPpm);
        a.maxDistance = givenValue(maxDistanceOpt, maxDistance);
        if (maxPriceOpt->count() > 0) {
            a.price = maxPrice;
            a.type = "limit";
        } else {
            a.type = "market";
        }
        a.timeInForce = tifOpt && tifOpt->count() > 0 ? tif : std::string("ioc");
        if (takeOrder && clientIdOpt)
            a.clientId = givenValue(clientIdOpt, clientId);
        std::random_device random;
        auto params = buildOrder(a, now, random());
        if (!params)
            throw UsageError(params.error());
        if (params->timeInForce != TimeInForce::ImmediateOrCancel
            && params->timeInForce != TimeInForce::FillOrKill)
            throw UsageError("a take buys now or not at all: --tif ioc or fok");
        return *params;
    }
};

int listCandidates(const Context &ctx, const BuyCli &c)
{
    const proto::OrderParams params = c.build(ctx.clock(), false);
    auto conn = ctx.connect();
    auto list = client::replyAs<proto::CandidateList>(
        conn.request(proto::QueryCandidates{params}, ctx.timeout()));
    Json j;
    j["destination"] = toString(params.destination);
    putBandwidth(j, "capacity", params.capacity);
    j["ranking"] = toString(params.ranking);
    j["candidates"] = Json::array();
    for (const auto &candidate : list.candidates)
        j["candidates"].push_back(toJson(candidate));
    ctx.print(j, candidatesText(params, list.candidates));
    return kExitOk;
}

int takeOrder(const Context &ctx, const BuyCli &c)
{
    if (c.sellOrderId == 0)
        throw UsageError("SELL_ORDER_ID must not be 0");
    const proto::OrderParams params = c.build(ctx.clock(), true);
    auto conn = ctx.connect();
    const std::uint32_t id = conn.send(proto::TakeOrder{params, OrderId(c.sellOrderId)});
    const OrderOutcome outcome = awaitOrderOutcome(conn, id, Bandwidth{}, ctx.timeout());
    Json j;
    j["order"] = toJson(outcome.order);
    j["fills"] = Json::array();
    for (const auto &f : outcome.fills)
        j["fills"].push_back(toJson(f));
    j["fills_complete"] = outcome.fillsComplete;
    std::string text = orderSummary(outcome.order) + "\n";
    if (!outcome.fills.empty())
        text += "\n" + fillsTable(outcome.fills).render();
    if (!outcome.fillsComplete)
        text += "(not every fill arrived before the timeout: see 'bwxctl trades')\n";
    ctx.print(j, text);
    return kExitOk;
}

} // namespace

void addCandidateCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *candidates = app.add_subcommand(
        "candidates", "The sell orders that could serve a buy, ranked as the matcher would take them");
    auto cc = std::make_shared<BuyCli>();
    candidates
        ->add_option("DESTINATION", cc->destination,
                     "Prefix (203.0.113.0/24), origin AS (AS64500) or route class (customer)")
        ->required();
    cc->addOptions(candidates);
    cc->maxPriceOpt = candidates->add_option("--max-price", cc->maxPrice,
                                             "Highest price per Mbit/s per month you would pay");
    candidates->callback([&ctx, &action, cc] {
        action = [&ctx, cc] {
            return listCandidates(ctx, *cc);
        };
    });

    auto *take = app.add_subcommand("take", "Buy from exactly one sell order (from 'candidates')");
    auto tc = std::make_shared<BuyCli>();
    take->add_option("SELL_ORDER_ID", tc->sellOrderId, "The sell order to buy from")->required();
    take->add_option("--destination", tc->destination,
                     "What you buy toward: the destination you asked candidates for")
        ->required();
    tc->addOptions(take);
    tc->maxPriceOpt = take->add_option("--max-price", tc->maxPrice,
                                       "Highest price per Mbit/s per month you pay")
                          ->required();
    tc->tifOpt = take->add_option("--tif", tc->tif, "ioc (default: what the order can fill) or fok");
    tc->clientIdOpt = take->add_option("--client-id", tc->clientId,
                                       "Client order id (default: from the time and random bits)");
    take->callback([&ctx, &action, tc] {
        action = [&ctx, tc] {
            return takeOrder(ctx, *tc);
        };
    });
}

} // namespace bwx::ctl
