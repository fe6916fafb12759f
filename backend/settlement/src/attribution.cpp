#include "bwx/settlement/attribution.h"

#include <algorithm>

namespace bwx::settlement {

namespace {

std::size_t mix(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return static_cast<std::size_t>(z ^ (z >> 31));
}

} // namespace

std::string_view toString(Direction direction) noexcept
{
    return direction == Direction::ToDestination ? "to-destination" : "from-destination";
}

std::string_view toString(Unattributed reason) noexcept
{
    switch (reason) {
    case Unattributed::UnknownBuyer:
        return "unknown-buyer";
    case Unattributed::UnknownSellerRouter:
        return "unknown-seller-router";
    case Unattributed::NoTradeForDestination:
        return "no-trade-for-destination";
    case Unattributed::NoTradeForBuyer:
        return "no-trade-for-buyer";
    case Unattributed::SellerMismatch:
        return "seller-mismatch";
    case Unattributed::OutsideDelivery:
        return "outside-delivery-period";
    case Unattributed::Ambiguous:
        return "ambiguous";
    case Unattributed::kCount:
        break;
    }
    return "?";
}

std::size_t MemberDirectory::PortHash::operator()(const PortKey &k) const noexcept
{
    return mix(k.exporter.high() ^ (k.exporter.low() * 31) ^ (std::uint64_t{k.ifIndex} << 7));
}

std::size_t MemberDirectory::AddressHash::operator()(const net::Address &a) const noexcept
{
    return mix(a.high() ^ (a.low() * 31));
}

std::size_t MemberDirectory::MacHash::operator()(const MacAddress &m) const noexcept
{
    std::uint64_t v = 0;
    for (std::uint8_t b : m)
        v = (v << 8) | b;
    return mix(v);
}

void MemberDirectory::addPort(const net::Address &exporter, std::uint32_t ifIndex, MemberId member)
{
    m_ports[PortKey{exporter, ifIndex}] = member;
}

Expected<bool> MemberDirectory::addPrefix(const net::Prefix &prefix, MemberId member)
{
    const auto [value, inserted] = m_prefixes.tryEmplace(prefix, member);
    if (!inserted && !(*value == member))
        return makeError(prefix.toString() + " is already registered to member "
                         + std::to_string(value->value()));
    return true;
}

void MemberDirectory::addRouter(const net::Address &address, MemberId member)
{
    m_routers[address] = member;
}

void MemberDirectory::addRouterMac(const MacAddress &mac, MemberId member)
{
    m_macs[mac] = member;
}

std::optional<MemberId> MemberDirectory::byPort(const net::Address &exporter,
                                                std::uint32_t ifIndex) const
{
    const auto it = m_ports.find(PortKey{exporter, ifIndex});
    return it == m_ports.end() ? std::nullopt : std::optional<MemberId>(it->second);
}

std::optional<MemberId> MemberDirectory::byAddress(const net::Address &address) const
{
    const auto hit = m_prefixes.longestMatch(address);
    return hit ? std::optional<MemberId>(*hit->second) : std::nullopt;
}

std::optional<MemberId> MemberDirectory::byRouter(const net::Address &address) const
{
    const auto it = m_routers.find(address);
    return it == m_routers.end() ? std::nullopt : std::optional<MemberId>(it->second);
}

std::optional<MemberId> MemberDirectory::byRouterMac(const MacAddress &mac) const
{
    const auto it = m_macs.find(mac);
    return it == m_macs.end() ? std::nullopt : std::optional<MemberId>(it->second);
}

Attributor::Attributor(const MemberDirectory &members,
                       const TradeLookup &trades,
                       AttributionOptions options)
    : m_members(members)
    , m_trades(trades)
    , m_options(options)
{}

Attribution Attributor::attribute(const FlowRecord &flow) const
{
    Attribution a = forward(flow);
    if (a.attributed)
        return a;
    // Perhaps return traffic from a traded destination (its ingress port is the seller's, which
    // the forward pass took for a buyer's).
    Attribution r = reverse(flow);
    if (r.attributed)
        return r;
    return a.reason == Unattributed::UnknownBuyer && r.reason != Unattributed::UnknownBuyer ? r : a;
}

Attribution Attributor::forward(const FlowRecord &flow) const
{
    std::optional<MemberId> buyer;
    if (flow.inputInterface != 0)
        buyer = m_members.byPort(flow.exporter, flow.inputInterface);
    if (!buyer)
        buyer = m_members.byAddress(flow.src);
    if (!buyer)
        return Attribution{false, {}, {}, {}, Direction::ToDestination, Unattributed::UnknownBuyer};
    RouterSeen router;
    if (flow.hasNextHop) {
        router.address = flow.nextHop;
        router.seller = m_members.byRouter(flow.nextHop);
    }
    if (flow.hasDstMac) {
        router.mac = flow.dstMac;
        if (!router.seller)
            router.seller = m_members.byRouterMac(flow.dstMac);
    }
    return match(flow.dst, *buyer, router, flow.start, Direction::ToDestination);
}

Attribution Attributor::reverse(const FlowRecord &flow) const
{
    const std::optional<MemberId> buyer = m_members.byAddress(flow.dst);
    if (!buyer)
        return Attribution{
            false, {}, {}, {}, Direction::FromDestination, Unattributed::UnknownBuyer};
    RouterSeen router;
    if (flow.hasSrcMac) {
        router.mac = flow.srcMac;
        router.seller = m_members.byRouterMac(flow.srcMac);
    }
    if (!router.seller && flow.inputInterface != 0)
        router.seller = m_members.byPort(flow.exporter, flow.inputInterface);
    return match(flow.src, *buyer, router, flow.start, Direction::FromDestination);
}

bool Attributor::RouterSeen::present() const noexcept
{
    return address.has_value() || mac.has_value() || seller.has_value();
}

bool Attributor::RouterSeen::belongsTo(const TradeTerms &t) const
{
    if (seller && t.seller == *seller)
        return true;
    if (address
        && std::find(t.sellerRouters.begin(), t.sellerRouters.end(), *address)
               != t.sellerRouters.end())
        return true;
    return mac && std::find(t.sellerMacs.begin(), t.sellerMacs.end(), *mac) != t.sellerMacs.end();
}

Attribution Attributor::match(const net::Address &inside,
                              MemberId buyer,
                              const RouterSeen &router,
                              Timestamp at,
                              Direction direction) const
{
    Attribution result{false,     {},
                       buyer,     router.seller.value_or(MemberId{}),
                       direction, Unattributed::NoTradeForDestination};
    // The most telling reason wins when nothing matches: the further a trade got through the
    // checks, the closer it was.
    int closest = 0;
    const auto note = [&](int level, Unattributed reason) {
        if (level > closest) {
            closest = level;
            result.reason = reason;
        }
    };
    bool found = false;
    TradeId foundId;
    MemberId foundSeller;
    int foundLength = -1;
    bool ambiguous = false;
    m_trades.forEachCovering(inside, [&](const TradeTerms &t) {
        if (found && t.destination.length() < foundLength)
            return false; // only equally specific trades compete
        if (!(t.buyer == buyer)) {
            note(1, Unattributed::NoTradeForBuyer);
            return true;
        }
        if (router.present() && !router.belongsTo(t)) {
            note(2,
                 router.seller ? Unattributed::SellerMismatch : Unattributed::UnknownSellerRouter);
            return true;
        }
        if (at < t.deliveryStart || !(at < t.deliveryEnd)) {
            note(3, Unattributed::OutsideDelivery);
            return true;
        }
        if (found) {
            // Equally specific trades of the same seller (capacity bought twice): the lowest
            // trade id carries the traffic, so the result does not depend on visiting order.
            if (!(t.seller == foundSeller))
                ambiguous = true;
            else if (t.id < foundId)
                foundId = t.id;
            return true;
        }
        found = true;
        foundId = t.id;
        foundSeller = t.seller;
        foundLength = t.destination.length();
        return true;
    });
    if (!found)
        return result;
    if (!router.present() && !m_options.destinationOnlyFallback) {
        result.reason = Unattributed::UnknownSellerRouter;
        return result;
    }
    if (ambiguous) {
        result.reason = Unattributed::Ambiguous;
        return result;
    }
    result.attributed = true;
    result.trade = foundId;
    result.seller = foundSeller;
    return result;
}

} // namespace bwx::settlement
