// The state hash: a canonical traversal by id of the settings, members (with their routes,
// quality figures and notice state), orders, trades and counters. Books, levels, slabs,
// commitment maps and heaps are derived from the orders and trades and left out, so the hash
// does not depend on memory layout, on which empty books happen to exist, or on how the state
// was built (live, replayed, or restored from a snapshot).
#include "engine_impl.h"
#include "state_hasher.h"

namespace bwx::market {

std::uint64_t Engine::Impl::hash() const
{
    detail::StateHasher h;
    h.add(lastSeq.value());
    h.add(static_cast<std::uint64_t>(lastTime.value()));
    const_cast<proto::MarketSettings &>(settings).fields(h);

    h.add(static_cast<std::uint64_t>(members.size()));
    for (const detail::MemberRecord &m : members) {
        const_cast<proto::MemberView &>(m.view).fields(h);
        h.add(static_cast<std::uint64_t>(m.lastPortNotice.value()));
        h.add(m.portBlocked ? 1u : 0u);
        const std::vector<detail::RouteIndex::Hit> held = routes.routesOf(m.view.id);
        h.add(static_cast<std::uint64_t>(held.size()));
        for (const detail::RouteIndex::Hit &r : held) {
            h.add(r.prefix);
            h.add(static_cast<std::uint64_t>(r.attrs.routeClass));
            h.add(std::uint64_t{r.attrs.originAsn});
            h.add(std::uint64_t{r.attrs.pathLength});
        }
        h.add(static_cast<std::uint64_t>(m.quality.size()));
        m.quality.forEach([&](const net::Prefix &p, const detail::QualityFigure &f) {
            h.add(p);
            h.add(std::uint64_t{f.latencyUs});
            h.add(std::uint64_t{f.lossPpm});
            h.add(std::uint64_t{f.jitterUs});
            h.add(std::uint64_t{f.state});
        });
    }

    h.add(static_cast<std::uint64_t>(orders.size()));
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const OrderId id(i + 1);
        const detail::OrderRecord &r = orders[i];
        const proto::OrderView v = orderView(id);
        const std::uint32_t slot = slotFor(id);
        const_cast<proto::OrderView &>(v).fields(h);
        h.add(static_cast<std::uint64_t>(r.submittedPrice.value()));
        h.add(static_cast<std::uint64_t>(r.submittedCapacity.value()));
        h.add(static_cast<std::uint64_t>((slot == detail::kNil ? r.priorityTime : live[slot].priorityTime).value()));
        h.add(slot == detail::kNil ? 0 : live[slot].prioritySeq);
    }

    h.add(static_cast<std::uint64_t>(trades.size()));
    for (std::size_t i = 0; i < trades.size(); ++i)
        const_cast<proto::TradeView &>(trades[i]).fields(h);
    return h.value();
}

} // namespace bwx::market
