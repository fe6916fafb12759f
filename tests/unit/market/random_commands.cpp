#include "random_commands.h"

#include <algorithm>

namespace bwx::market::testing {

namespace {

constexpr std::int64_t kOrigin = 1'700'000'000;
constexpr std::uint32_t kMembers = 6;

} // namespace

RandomCommands::RandomCommands(std::uint64_t seed)
    : m_rng(seed)
{
    for (const char *text : {"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.3.0/24",
                             "10.1.2.128/25", "10.2.0.0/16", "11.0.0.0/8", "::/0", "2001:db8::/32",
                             "2001:db8:1::/48", "2001:db8:2::/48"})
        m_prefixes.push_back(*net::Prefix::parse(text));
    m_suspended.assign(kMembers + 2, false);
    m_sent.resize(kMembers + 2);
    m_nextClientId.assign(kMembers + 2, 0);
}

std::int64_t RandomCommands::pick(std::int64_t lo, std::int64_t hi)
{
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(m_rng);
}

proto::Message RandomCommands::newOrder(MemberId &member)
{
    member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
    for (int tries = 0; tries < 4 && m_suspended[member.value()]; ++tries)
        member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
    auto &sent = m_sent[member.value()];
    if (!sent.empty() && chance(4)) {
        // Resubmission: identical (idempotent) or changed (duplicate client order id).
        proto::OrderParams p
            = sent[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(sent.size()) - 1))];
        if (chance(50))
            p.price = p.price + Price(1);
        return proto::NewOrder{p};
    }
    proto::OrderParams p;
    p.clientOrderId = ClientOrderId(++m_nextClientId[member.value()]);
    p.side = chance(50) ? Side::Buy : Side::Sell;
    p.destination = Destination::ofPrefix(randomPrefix());
    if (chance(12)) {
        // Route-class and origin-AS destinations: they trade through the sellers' routes.
        const net::Family family = chance(75) ? net::Family::V4 : net::Family::V6;
        p.destination = chance(50)
                            ? Destination::ofClass(static_cast<RouteClass>(pick(1, 3)), family)
                            : Destination::ofAsn(randomOrigin(), family);
    }
    const std::int64_t tif = pick(1, 100);
    p.timeInForce = tif <= 55   ? TimeInForce::GoodTillCancel
                    : tif <= 70 ? TimeInForce::GoodTillDate
                    : tif <= 85 ? TimeInForce::ImmediateOrCancel
                                : TimeInForce::FillOrKill;
    if (chance(5)) {
        p.type = OrderType::Market;
        if (p.timeInForce == TimeInForce::GoodTillCancel
            || p.timeInForce == TimeInForce::GoodTillDate)
            p.timeInForce = TimeInForce::ImmediateOrCancel;
    }
    // Buyers bid a little lower than sellers ask, so that part of the book rests and part trades.
    p.price = Price(p.type == OrderType::Market ? 0
                    : p.side == Side::Buy       ? pick(80, 105)
                                                : pick(95, 120));
    if (p.side == Side::Buy && p.type == OrderType::Limit && chance(3))
        p.price
            = Price(pick(1'000'000'000, 1'000'000'000'000)); // worth enough to meet exposure limits
    const std::int64_t blocks[] = {1, 2, 3, 4, 6};
    p.minBlock = Bandwidth(blocks[pick(0, 4)]);
    p.capacity = p.minBlock * pick(1, 6);
    const std::int64_t starts[] = {-200, 0, 0, 30, 300};
    const std::int64_t start = m_now + starts[pick(0, 4)];
    std::int64_t end = start + pick(300, 8000);
    if (end <= m_now)
        end = m_now + 60;
    p.deliveryStart = Timestamp::fromSeconds(kOrigin + start);
    p.deliveryEnd = Timestamp::fromSeconds(kOrigin + end);
    if (p.timeInForce == TimeInForce::GoodTillDate)
        p.expireAt = Timestamp::fromSeconds(kOrigin + m_now + pick(1, 600));
    if (p.side == Side::Sell)
        p.trafficType = chance(70) ? TrafficType::BestEffort : TrafficType::Premium;
    else
        p.trafficType = chance(40)   ? TrafficType::Any
                        : chance(70) ? TrafficType::BestEffort
                                     : TrafficType::Premium;
    if (p.side == Side::Buy) {
        if (chance(15)) {
            p.limits.maxLatencyUs = chance(60) ? static_cast<std::uint32_t>(pick(1, 60'000)) : 0;
            p.limits.maxLossPpm = chance(40) ? static_cast<std::uint32_t>(pick(1, 50'000)) : 0;
            p.limits.maxDistance = chance(40) ? static_cast<std::uint8_t>(pick(1, 6)) : 0;
        }
        const std::int64_t ranking = pick(1, 100);
        if (ranking <= 12) {
            p.ranking = RankingMode::BestPerformance;
        } else if (ranking <= 24) {
            p.ranking = RankingMode::Weighted;
            p.weights.price = static_cast<std::uint16_t>(pick(0, 5));
            p.weights.latency = static_cast<std::uint16_t>(pick(0, 5));
            p.weights.loss = static_cast<std::uint16_t>(pick(0, 3));
            p.weights.distance = static_cast<std::uint16_t>(pick(0, 3));
            if (p.weights == proto::RankingWeights{} && chance(70))
                p.weights.price = 1;
        }
    }
    if (chance(3)) {
        // Something invalid: every field has its own check.
        switch (pick(0, 8)) {
        case 0:
            p.price = Price(-1);
            p.type = OrderType::Limit;
            break;
        case 1:
            p.capacity = p.capacity + Bandwidth(1);
            p.minBlock = Bandwidth(4);
            break;
        case 2:
            p.deliveryEnd = p.deliveryStart;
            break;
        case 3:
            p.clientOrderId = ClientOrderId(0);
            break;
        case 4:
            p.expireAt = Timestamp::fromSeconds(kOrigin + m_now);
            p.timeInForce = TimeInForce::GoodTillDate;
            break;
        case 5:
            p.destination = Destination::ofAsn(23456, net::Family::V4);
            break;
        case 6:
            p.limits.maxLatencyUs = 1000;
            p.side = Side::Sell;
            p.trafficType = TrafficType::BestEffort;
            break;
        case 7:
            p.weights.loss = 2;
            p.ranking = RankingMode::BestPrice;
            break;
        default:
            p.destination = Destination::ofClass(static_cast<RouteClass>(4), net::Family::V6);
            break;
        }
    }
    sent.push_back(p);
    return proto::NewOrder{p};
}

Command RandomCommands::next()
{
    Command cmd;
    cmd.seq = Seq(++m_seq);
    if (m_members < kMembers) {
        ++m_members;
        proto::AddMember add;
        add.name = "m" + std::to_string(m_members);
        add.displayName = "Member " + std::to_string(m_members);
        add.asn = 64500 + m_members;
        // Two members have small ports, so that port capacity decides some trades.
        add.portCapacity = Bandwidth(m_members >= kMembers - 1 ? 24 : 100'000'000);
        cmd.time = Timestamp::fromSeconds(kOrigin + m_now);
        cmd.body = add;
        return cmd;
    }
    m_now += pick(0, 1);
    // Cancels get likelier as the book fills up, which keeps it at a few hundred orders.
    const std::int64_t cancelShare = m_open.size() > 300 ? 300 : m_open.size() > 150 ? 150 : 100;
    const std::int64_t roll = pick(1, 1000);
    const auto randomOpen = [&]() {
        auto it = m_open.begin();
        std::advance(it, pick(0, static_cast<std::int64_t>(m_open.size()) - 1));
        return it;
    };
    if (roll <= 50) {
        m_now += pick(0, 60);
        cmd.body = proto::ClockTick{};
    } else if (roll <= 50 + cancelShare && !m_open.empty()) {
        const auto it = randomOpen();
        proto::CancelOrder c;
        cmd.member = chance(90) ? it->second.member
                                : MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
        if (chance(30))
            c.clientOrderId = it->second.params.clientOrderId;
        else
            c.orderId = OrderId(it->first);
        if (chance(2))
            c.orderId = OrderId(static_cast<std::uint64_t>(pick(1, 5)));
        cmd.body = c;
    } else if (roll <= 50 + cancelShare + 200 && !m_open.empty()) {
        const auto it = randomOpen();
        proto::AmendOrder a;
        a.orderId = OrderId(it->first);
        cmd.member = chance(97) ? it->second.member
                                : MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
        const std::int64_t what = pick(1, 3);
        if (what != 2)
            a.newPrice
                = Price(std::max<std::int64_t>(1, it->second.params.price.value() + pick(-4, 4)));
        if (what != 1)
            a.newCapacity = it->second.params.minBlock * pick(1, 8);
        cmd.body = a;
    } else if (roll >= 941) {
        // Rarer commands: routes, quality, taking a sell, limits, settings, mass cancel,
        // suspension, member admin, non-commands.
        const std::int64_t which = pick(1, 64);
        if (which <= 16) {
            cmd.body = routeBatch();
        } else if (which <= 28) {
            cmd.body = qualityBatch();
        } else if (which <= 38) {
            MemberId member;
            cmd.body = takeOrder(member);
            cmd.member = member;
        } else if (which <= 42) {
            cmd.body = memberLimits();
        } else if (which <= 44) {
            proto::SetCancelOnDisconnect c;
            c.enabled = static_cast<std::uint8_t>(chance(5) ? 2 : pick(0, 1));
            cmd.member
                = MemberId(static_cast<std::uint32_t>(pick(1, kMembers + (chance(5) ? 1 : 0))));
            cmd.body = c;
        } else if (which <= 46) {
            proto::SessionsClosed c;
            c.member
                = MemberId(static_cast<std::uint32_t>(pick(1, kMembers + (chance(5) ? 1 : 0))));
            cmd.body = c;
        } else if (which <= 48) {
            proto::ConfigureMarket c;
            c.settings.requireRoutes = static_cast<std::uint8_t>(chance(3)    ? 2
                                                                 : chance(60) ? 0
                                                                              : 1);
            c.settings.maxOpenOrdersPerMember
                = static_cast<std::uint32_t>(chance(70) ? 0 : pick(20, 80));
            c.settings.maxOrderCapacity = Bandwidth(chance(85) ? 0 : chance(5) ? -1 : pick(12, 40));
            cmd.body = c;
        } else if (which <= 51) {
            proto::MassCancel m;
            m.side = static_cast<std::uint8_t>(chance(5) ? 3 : pick(0, 2));
            cmd.member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
            cmd.body = m;
        } else if (which <= 54) {
            proto::SetMemberStatus s;
            s.member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
            // At most two members suspended at a time, so that the market never runs dry.
            if (std::count(m_suspended.begin(), m_suspended.end(), true) >= 2)
                while (!m_suspended[s.member.value()])
                    s.member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
            s.status = m_suspended[s.member.value()] ? proto::MemberStatus::Active
                                                     : proto::MemberStatus::Suspended;
            m_suspended[s.member.value()] = !m_suspended[s.member.value()];
            cmd.body = s;
        } else if (which <= 57) {
            proto::AddMember add;
            add.name = chance(50) ? "m1" : "Bad Name";
            add.asn = 64500;
            add.portCapacity = Bandwidth(1);
            cmd.body = add;
        } else if (which <= 60) {
            cmd.member = MemberId(static_cast<std::uint32_t>(pick(0, kMembers + 1)));
            cmd.body
                = chance(50) ? proto::Message{proto::Ping{}} : proto::Message{proto::MassCancel{}};
        } else {
            MemberId sender;
            cmd.body = cancelTrade(sender);
            cmd.member = sender;
        }
    } else {
        MemberId member;
        cmd.body = newOrder(member);
        cmd.member = member;
    }
    cmd.time = Timestamp::fromSeconds(kOrigin + m_now);
    return cmd;
}

net::Prefix RandomCommands::randomPrefix()
{
    return m_prefixes[static_cast<std::size_t>(
        pick(0, static_cast<std::int64_t>(m_prefixes.size()) - 1))];
}

std::uint32_t RandomCommands::randomOrigin()
{
    return static_cast<std::uint32_t>(64500 + pick(1, 3));
}

proto::RouteBatch RandomCommands::routeBatch()
{
    proto::RouteBatch b;
    b.member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers + (chance(3) ? 1 : 0))));
    b.replaceAll = static_cast<std::uint8_t>(chance(15) ? 1 : 0);
    for (std::int64_t n = pick(b.replaceAll != 0 ? 0 : 1, 4); n > 0; --n) {
        proto::RouteChange c;
        c.action = b.replaceAll == 0 && chance(35) ? proto::RouteAction::Withdraw
                                                   : proto::RouteAction::Announce;
        c.prefix = randomPrefix();
        c.routeClass = static_cast<RouteClass>(pick(1, 3));
        c.originAsn = randomOrigin();
        c.pathLength = static_cast<std::uint8_t>(pick(1, 6));
        b.changes.push_back(c);
    }
    if (chance(3) && !b.changes.empty())
        b.changes.back().routeClass = static_cast<RouteClass>(7);
    return b;
}

proto::QualityBatch RandomCommands::qualityBatch()
{
    proto::QualityBatch b;
    for (std::int64_t n = pick(1, 4); n > 0; --n) {
        proto::QualityFigure f;
        f.seller = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
        f.destination = randomPrefix();
        f.latencyUs = static_cast<std::uint32_t>(pick(1'000, 80'000));
        f.lossPpm = static_cast<std::uint32_t>(pick(0, 60'000));
        f.jitterUs = static_cast<std::uint32_t>(pick(0, 5'000));
        const std::int64_t state = pick(1, 100);
        f.state = state <= 65   ? proto::QualityState::Fresh
                  : state <= 80 ? proto::QualityState::Stale
                  : state <= 92 ? proto::QualityState::Unreachable
                                : proto::QualityState::Unknown;
        b.figures.push_back(f);
    }
    if (chance(3))
        b.figures.back().lossPpm = 2'000'000;
    if (chance(2))
        b.figures.back().seller = MemberId(kMembers + 1);
    return b;
}

proto::Message RandomCommands::takeOrder(MemberId &member)
{
    proto::Message m = newOrder(member);
    proto::TakeOrder t;
    t.params = std::get<proto::NewOrder>(m).params;
    if (chance(95))
        t.params.side = Side::Buy;
    if (chance(95))
        t.params.timeInForce
            = chance(60) ? TimeInForce::ImmediateOrCancel : TimeInForce::FillOrKill;
    if (t.params.timeInForce != TimeInForce::GoodTillDate)
        t.params.expireAt = Timestamp{};
    if (t.params.trafficType != TrafficType::Any && chance(50))
        t.params.trafficType = TrafficType::Any;
    // Mostly an open sell, sometimes anything at all.
    std::vector<std::uint64_t> sells;
    for (const auto &[id, known] : m_open)
        if (known.params.side == Side::Sell)
            sells.push_back(id);
    if (!sells.empty() && chance(85)) {
        const std::uint64_t id
            = sells[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(sells.size()) - 1))];
        t.sellOrderId = OrderId(id);
        const proto::OrderParams &sell = m_open[id].params;
        if (chance(60))
            t.params.destination = sell.destination.isPrefix() && chance(50)
                                       ? Destination::ofPrefix(sell.destination.prefix)
                                       : t.params.destination;
        if (t.params.type == OrderType::Limit && chance(70))
            t.params.price = sell.price + Price(pick(0, 3));
    } else {
        t.sellOrderId
            = OrderId(static_cast<std::uint64_t>(pick(0, static_cast<std::int64_t>(m_seq))));
    }
    return t;
}

proto::SetMemberLimits RandomCommands::memberLimits()
{
    proto::SetMemberLimits s;
    s.member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers + (chance(3) ? 1 : 0))));
    const std::int64_t port = pick(1, 100);
    s.portCapacity = Bandwidth(port <= 40   ? 0
                               : port <= 60 ? pick(6, 60)
                               : port <= 95 ? 100'000'000
                                            : -1);
    s.limits.maxOrderCapacity = Bandwidth(chance(80) ? 0 : chance(5) ? -3 : pick(6, 30));
    s.limits.maxOpenExposure = Money(chance(60) ? 0 : pick(1, 400'000'000));
    s.limits.cancelOnDisconnect = static_cast<std::uint8_t>(chance(3) ? 5 : pick(0, 1));
    return s;
}

proto::CancelTrade RandomCommands::cancelTrade(MemberId &sender)
{
    proto::CancelTrade c;
    if (m_trades.empty() || chance(8)) {
        c.tradeId = TradeId(static_cast<std::uint64_t>(
            pick(0, static_cast<std::int64_t>(m_trades.size()) + 2)));
        sender = MemberId(static_cast<std::uint32_t>(pick(0, kMembers)));
        return c;
    }
    // Suspended trades often (their buyer may cancel them), else recent trades mostly: older
    // ones have often ended already.
    const auto count = static_cast<std::int64_t>(m_trades.size());
    const auto suspended = static_cast<std::int64_t>(m_suspendedTrades.size());
    const std::int64_t index
        = suspended > 0 && chance(40)
              ? static_cast<std::int64_t>(
                    m_suspendedTrades[static_cast<std::size_t>(pick(0, suspended - 1))] - 1)
          : chance(70) ? pick(std::max<std::int64_t>(0, count - 20), count - 1)
                       : pick(0, count - 1);
    c.tradeId = TradeId(static_cast<std::uint64_t>(index + 1));
    const auto &[buyer, seller] = m_trades[static_cast<std::size_t>(index)];
    const std::int64_t who = pick(1, 100);
    sender = who <= 35   ? MemberId{} // an admin session
             : who <= 80 ? buyer
             : who <= 90 ? seller
                         : MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
    return c;
}

void RandomCommands::observe(const std::vector<Event> &events)
{
    for (const Event &e : events) {
        if (const auto *t = std::get_if<TradeExecuted>(&e)) {
            m_trades.resize(std::max<std::size_t>(m_trades.size(), t->trade.tradeId.value()));
            m_trades[t->trade.tradeId.value() - 1] = {t->trade.buyer, t->trade.seller};
            continue;
        }
        if (const auto *t = std::get_if<TradeUpdated>(&e)) {
            const std::uint64_t id = t->trade.tradeId.value();
            std::erase(m_suspendedTrades, id);
            if (t->trade.state == proto::TradeState::Suspended)
                m_suspendedTrades.push_back(id);
            continue;
        }
        const auto *u = std::get_if<OrderUpdated>(&e);
        if (u == nullptr)
            continue;
        const proto::OrderView &o = u->order;
        if (o.status == OrderStatus::Working || o.status == OrderStatus::PartiallyFilled
            || o.status == OrderStatus::Suspended)
            m_open[o.orderId.value()] = Known{o.member, o.params, o.filled};
        else
            m_open.erase(o.orderId.value());
    }
}

} // namespace bwx::market::testing
