#include "random_commands.h"

#include <algorithm>

namespace bwx::market::testing {

namespace {

constexpr std::int64_t kOrigin = 1'700'000'000;
constexpr std::uint32_t kMembers = 6;

} // namespace

RandomCommands::RandomCommands(std::uint64_t seed) : m_rng(seed)
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
        proto::OrderParams p = sent[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(sent.size()) - 1))];
        if (chance(50))
            p.price = p.price + Price(1);
        return proto::NewOrder{p};
    }
    proto::OrderParams p;
    p.clientOrderId = ClientOrderId(++m_nextClientId[member.value()]);
    p.side = chance(50) ? Side::Buy : Side::Sell;
    p.destination = Destination::ofPrefix(m_prefixes[static_cast<std::size_t>(
        pick(0, static_cast<std::int64_t>(m_prefixes.size()) - 1))]);
    const std::int64_t tif = pick(1, 100);
    p.timeInForce = tif <= 55   ? TimeInForce::GoodTillCancel
                    : tif <= 70 ? TimeInForce::GoodTillDate
                    : tif <= 85 ? TimeInForce::ImmediateOrCancel
                                : TimeInForce::FillOrKill;
    if (chance(5)) {
        p.type = OrderType::Market;
        if (p.timeInForce == TimeInForce::GoodTillCancel || p.timeInForce == TimeInForce::GoodTillDate)
            p.timeInForce = TimeInForce::ImmediateOrCancel;
    }
    // Buyers bid a little lower than sellers ask, so that part of the book rests and part trades.
    p.price = Price(p.type == OrderType::Market ? 0 : p.side == Side::Buy ? pick(80, 105) : pick(95, 120));
    const std::int64_t blocks[] = {1, 2, 3, 4, 6};
    p.minBlock = Bandwidth(blocks[pick(0, 4)]);
    p.capacity = p.minBlock * pick(1, 6);
    const std::int64_t starts[] = {-200, 0, 0, 30, 300};
    const std::int64_t start = m_now + starts[pick(0, 4)];
    std::int64_t end = start + pick(600, 20000);
    if (end <= m_now)
        end = m_now + 60;
    p.deliveryStart = Timestamp::fromSeconds(kOrigin + start);
    p.deliveryEnd = Timestamp::fromSeconds(kOrigin + end);
    if (p.timeInForce == TimeInForce::GoodTillDate)
        p.expireAt = Timestamp::fromSeconds(kOrigin + m_now + pick(1, 600));
    if (p.side == Side::Sell)
        p.trafficType = chance(70) ? TrafficType::BestEffort : TrafficType::Premium;
    else
        p.trafficType = chance(40) ? TrafficType::Any : chance(70) ? TrafficType::BestEffort : TrafficType::Premium;
    if (chance(3)) {
        // Something invalid: every field has its own check.
        switch (pick(0, 5)) {
        case 0: p.price = Price(-1); p.type = OrderType::Limit; break;
        case 1: p.capacity = p.capacity + Bandwidth(1); p.minBlock = Bandwidth(4); break;
        case 2: p.deliveryEnd = p.deliveryStart; break;
        case 3: p.clientOrderId = ClientOrderId(0); break;
        case 4: p.expireAt = Timestamp::fromSeconds(kOrigin + m_now); p.timeInForce = TimeInForce::GoodTillDate; break;
        default: p.destination = Destination::ofAsn(64500, net::Family::V4); break;
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
        add.portCapacity = Bandwidth(100'000'000);
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
        cmd.member = chance(90) ? it->second.member : MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
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
        cmd.member = chance(97) ? it->second.member : MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
        const std::int64_t what = pick(1, 3);
        if (what != 2)
            a.newPrice = Price(std::max<std::int64_t>(1, it->second.params.price.value() + pick(-4, 4)));
        if (what != 1)
            a.newCapacity = it->second.params.minBlock * pick(1, 8);
        cmd.body = a;
    } else if (roll >= 991) {
        // Rare commands: mass cancel, suspension, member admin, non-commands.
        const std::int64_t which = pick(1, 10);
        if (which <= 3) {
            proto::MassCancel m;
            m.side = static_cast<std::uint8_t>(chance(5) ? 3 : pick(0, 2));
            cmd.member = MemberId(static_cast<std::uint32_t>(pick(1, kMembers)));
            cmd.body = m;
        } else if (which <= 6) {
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
        } else if (which <= 8) {
            proto::AddMember add;
            add.name = chance(50) ? "m1" : "Bad Name";
            add.asn = 64500;
            add.portCapacity = Bandwidth(1);
            cmd.body = add;
        } else {
            cmd.member = MemberId(static_cast<std::uint32_t>(pick(0, kMembers + 1)));
            cmd.body = chance(50) ? proto::Message{proto::Ping{}} : proto::Message{proto::MassCancel{}};
        }
    } else {
        MemberId member;
        cmd.body = newOrder(member);
        cmd.member = member;
    }
    cmd.time = Timestamp::fromSeconds(kOrigin + m_now);
    return cmd;
}

void RandomCommands::observe(const std::vector<Event> &events)
{
    for (const Event &e : events) {
        const auto *u = std::get_if<OrderUpdated>(&e);
        if (u == nullptr)
            continue;
        const proto::OrderView &o = u->order;
        if (o.status == OrderStatus::Working || o.status == OrderStatus::PartiallyFilled)
            m_open[o.orderId.value()] = Known{o.member, o.params, o.filled};
        else
            m_open.erase(o.orderId.value());
    }
}

} // namespace bwx::market::testing
