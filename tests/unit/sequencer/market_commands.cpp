#include "market_commands.h"

#include "bwx/net/prefix.h"

#include <array>

namespace bwx::test {

proto::AddMember addMember(const std::string &name, std::uint32_t asn)
{
    proto::AddMember add;
    add.name = name;
    add.displayName = "Test network " + name;
    add.asn = asn;
    add.portCapacity = mbps(1'000'000);
    return add;
}

proto::NewOrder limitOrder(ClientOrderId id, Side side, std::uint64_t variant, Timestamp now)
{
    static const std::array<const char *, 3> kPrefixes
        = {"203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24"};
    proto::NewOrder order;
    auto &p = order.params;
    p.clientOrderId = id;
    p.side = side;
    p.type = OrderType::Limit;
    p.timeInForce = TimeInForce::GoodTillCancel;
    p.destination = Destination::ofPrefix(net::Prefix::parse(kPrefixes[variant % 3]).value());
    // Buys bid 100..104, sells ask 102..106 (whole units per Mbit/s per month): some cross.
    const std::int64_t base = side == Side::Buy ? 100 : 102;
    p.price = Price((base + static_cast<std::int64_t>(variant % 5)) * units::kMicro);
    p.capacity = mbps(10 * (1 + static_cast<std::int64_t>(variant % 4)));
    p.minBlock = mbps(10);
    p.deliveryStart = now + seconds(24 * 3600);
    p.deliveryEnd = now + seconds(31 * 24 * 3600);
    p.trafficType = TrafficType::BestEffort;
    return order;
}

} // namespace bwx::test
