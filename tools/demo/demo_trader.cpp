#include "demo_trader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace bwx::demo {
namespace {

constexpr std::size_t kMaxOpenPerMember = 40;

std::string describe(Side side, const net::Prefix& prefix, Price price, Bandwidth capacity)
{
    return std::string(toString(side)) + " " + formatBandwidth(capacity) + " " + prefix.toString() + " @ "
        + formatPrice(price);
}

} // namespace

DemoTrader::DemoTrader(TraderOptions options)
    : m_options(std::move(options))
    , m_rng(m_options.seed)
    , m_nextClientId((static_cast<std::uint64_t>(now().seconds()) << 20) | (m_options.seed & 0xFFFFF))
{}

DemoTrader::~DemoTrader() = default;

Timestamp DemoTrader::now() const
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

std::int64_t DemoTrader::uniform(std::int64_t lo, std::int64_t hi)
{
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(m_rng);
}

Price DemoTrader::jitter(Price reference, int minPercent, int maxPercent)
{
    // Whole 0.001 steps, like a trader would quote.
    const std::int64_t percent = uniform(minPercent * 10, maxPercent * 10);
    const std::int64_t micro = reference.value() * percent / 1000;
    return Price(std::max<std::int64_t>(1000, micro / 1000 * 1000));
}

void DemoTrader::connectAll()
{
    for (const auto& info : demoMembers()) {
        client::ClientOptions o;
        o.host = m_options.host;
        o.port = m_options.port;
        o.caFile = m_options.caFile;
        o.certFile = m_options.membersDir + "/" + info.name + "/member.crt";
        o.keyFile = m_options.membersDir + "/" + info.name + "/member.key";
        auto m = std::make_unique<Member>(Member{&info, client::Connection::connect(o), {}});
        m->connection.hello("bwx-demo-market");
        // Pick up what a previous run left resting, so the demo resumes rather than piles up.
        const auto reply = m->connection.request(proto::QueryOrders{1});
        if (const auto* list = std::get_if<proto::OrderList>(&reply.message)) {
            for (const auto& o2 : list->orders)
                m->open.push_back(o2.orderId);
        }
        m_members.push_back(std::move(m));
    }
}

DemoTrader::Member& DemoTrader::pick(bool seller)
{
    std::vector<Member*> candidates;
    for (auto& m : m_members)
        if (m->info->sells == seller)
            candidates.push_back(m.get());
    return *candidates[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(candidates.size()) - 1))];
}

void DemoTrader::drain(Member& m)
{
    while (auto in = m.connection.tryReceive(std::chrono::milliseconds(0))) {
        if (const auto* update = std::get_if<proto::OrderUpdate>(&in->message)) {
            if (isTerminal(update->order.status))
                std::erase(m.open, update->order.orderId);
        } else if (std::holds_alternative<proto::Fill>(in->message)) {
            if (m.info->sells)
                ++m_trades; // count each trade once, on the seller's side
        }
    }
}

std::string DemoTrader::placeOrder(Member& m, Side side, const net::Prefix& prefix, Price price,
                                   Bandwidth capacity, Bandwidth block, TimeInForce tif)
{
    proto::NewOrder order;
    auto& p = order.params;
    p.clientOrderId = ClientOrderId(++m_nextClientId);
    p.side = side;
    p.type = OrderType::Limit;
    p.timeInForce = tif;
    p.destination = Destination::ofPrefix(prefix);
    p.price = price;
    p.capacity = capacity;
    p.minBlock = block;
    // Delivery for 30, 90 or 365 days, what transit is sold in, dated from the start of
    // yesterday (UTC): bwx-demo-flows exports the traffic since then, so a new trade already has
    // a day or more of usage and its 95th percentile means something at once.
    const std::int64_t yesterday = now().seconds() / 86400 * 86400 - 86400;
    static constexpr std::int64_t kTerms[] = {30, 90, 365};
    p.deliveryStart = Timestamp::fromSeconds(yesterday);
    p.deliveryEnd = Timestamp::fromSeconds(yesterday + kTerms[uniform(0, 2)] * 86400);
    p.trafficType = side == Side::Sell ? TrafficType::BestEffort : TrafficType::Any;
    const auto reply = m.connection.request(order);
    drain(m);
    if (const auto* update = std::get_if<proto::OrderUpdate>(&reply.message)) {
        if (!isTerminal(update->order.status))
            m.open.push_back(update->order.orderId);
        return m.info->name + ": " + describe(side, prefix, price, capacity) + " -> "
            + std::string(toString(update->order.status));
    }
    if (const auto* result = std::get_if<proto::Result>(&reply.message))
        return m.info->name + ": " + describe(side, prefix, price, capacity) + " refused: " + result->message;
    return m.info->name + ": unexpected reply";
}

void DemoTrader::seedMarket()
{
    const auto& regions = demoRegions();
    for (auto& mp : m_members) {
        Member& m = *mp;
        if (m.open.size() >= kMaxOpenPerMember / 2)
            continue; // resumed from a previous run
        for (const auto& region : regions) {
            if (m.info->sells) {
                if (uniform(0, 99) < 25)
                    continue; // not every seller reaches every region
                placeOrder(m, Side::Sell, region.covering, jitter(region.referencePrice, 100, 140),
                           mbps(uniform(2, 20) * 10'000), mbps(10'000), TimeInForce::GoodTillCancel);
                const auto& specific = region.specifics[static_cast<std::size_t>(
                    uniform(0, static_cast<std::int64_t>(region.specifics.size()) - 1))];
                placeOrder(m, Side::Sell, specific, jitter(region.referencePrice, 95, 130), mbps(uniform(1, 10) * 1'000),
                           mbps(1'000), TimeInForce::GoodTillCancel);
            } else {
                for (const auto& specific : region.specifics) {
                    if (uniform(0, 99) < 40)
                        continue;
                    placeOrder(m, Side::Buy, specific, jitter(region.referencePrice, 60, 92),
                               mbps(uniform(1, 10) * 1'000), mbps(1'000), TimeInForce::GoodTillCancel);
                }
            }
        }
    }
}

std::string DemoTrader::lift()
{
    Member& buyer = pick(false);
    const auto& regions = demoRegions();
    const auto& region = regions[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(regions.size()) - 1))];
    const auto& specific = region.specifics[static_cast<std::size_t>(
        uniform(0, static_cast<std::int64_t>(region.specifics.size()) - 1))];
    // Paying up to 45% over the reference crosses most offers: a buyer taking capacity now.
    return placeOrder(buyer, Side::Buy, specific, jitter(region.referencePrice, 110, 145),
                      mbps(uniform(1, 5) * 1'000), mbps(1'000), TimeInForce::ImmediateOrCancel);
}

std::string DemoTrader::reprice()
{
    Member& m = *m_members[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(m_members.size()) - 1))];
    drain(m);
    if (m.open.empty())
        return m.info->name + ": nothing to reprice";
    const OrderId id = m.open[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(m.open.size()) - 1))];
    const auto current = m.connection.request(proto::QueryOrders{1});
    const auto* list = std::get_if<proto::OrderList>(&current.message);
    if (!list)
        return m.info->name + ": order list unavailable";
    const auto it = std::find_if(list->orders.begin(), list->orders.end(),
                                 [id](const proto::OrderView& o) { return o.orderId == id; });
    if (it == list->orders.end()) {
        std::erase(m.open, id);
        return m.info->name + ": order " + std::to_string(id.value()) + " is gone";
    }
    // Sellers shade offers down, buyers bid up, by 1-4%: the spread narrows until a trade.
    const std::int64_t step = uniform(10, 40);
    const std::int64_t sign = it->params.side == Side::Sell ? -1 : 1;
    const Price price(std::max<std::int64_t>(1000, (it->params.price.value() * (1000 + sign * step) / 1000) / 1000 * 1000));
    const auto reply = m.connection.request(proto::AmendOrder{id, price, Bandwidth(0)});
    drain(m);
    if (const auto* r = std::get_if<proto::Result>(&reply.message))
        return m.info->name + ": amend " + std::to_string(id.value()) + " refused: " + r->message;
    return m.info->name + ": amend order " + std::to_string(id.value()) + " to " + formatPrice(price);
}

std::string DemoTrader::cancelOne()
{
    Member& m = *m_members[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(m_members.size()) - 1))];
    drain(m);
    if (m.open.empty())
        return m.info->name + ": nothing to cancel";
    const OrderId id = m.open.front();
    m.connection.request(proto::CancelOrder{id, ClientOrderId(0)});
    std::erase(m.open, id);
    drain(m);
    return m.info->name + ": cancel order " + std::to_string(id.value());
}

std::string DemoTrader::step()
{
    const std::int64_t roll = uniform(0, 99);
    std::string what;
    if (roll < 30) {
        what = lift();
    } else if (roll < 55) {
        what = reprice();
    } else if (roll < 90) {
        const bool sell = roll >= 75;
        Member& m = pick(sell);
        drain(m);
        if (m.open.size() >= kMaxOpenPerMember)
            return cancelOne();
        const auto& regions = demoRegions();
        const auto& region = regions[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(regions.size()) - 1))];
        const auto& specific = region.specifics[static_cast<std::size_t>(
            uniform(0, static_cast<std::int64_t>(region.specifics.size()) - 1))];
        what = sell ? placeOrder(m, Side::Sell, uniform(0, 1) ? region.covering : specific,
                                 jitter(region.referencePrice, 100, 135), mbps(uniform(1, 20) * 1'000), mbps(1'000),
                                 TimeInForce::GoodTillCancel)
                    : placeOrder(m, Side::Buy, specific, jitter(region.referencePrice, 60, 95),
                                 mbps(uniform(1, 10) * 1'000), mbps(1'000), TimeInForce::GoodTillCancel);
    } else {
        what = cancelOne();
    }
    for (auto& m : m_members)
        drain(*m);
    return what;
}

} // namespace bwx::demo
