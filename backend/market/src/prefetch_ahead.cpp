// Prefetches issued as a command starts. On a book of a million orders over a million prefixes
// (the bandwidth mix, W2) every structure an order command touches is a cache miss away: the
// member's record, the id -> slot entry, the live order, its level, its book, the book's trie
// node, the order's record, the member's open list, the free slot and level the command will
// take. Read in program order they are a dozen misses one after the other; most of their
// addresses are known from the command itself or after the first read, so asking for them
// together lets them overlap. Nothing here changes state or decides anything.
//
// A book small enough to stay in cache gains nothing and would pay the extra instructions
// (about 4 % of W1 with 1k orders), so the hints start at EngineConfig::prefetchFromOrders open
// orders: by default 2 MiB of live orders, the size of this machine's L2.
#include "engine_impl.h"
#include "prefetch.h"

namespace bwx::market {

using detail::kNil;

namespace {

// Every cache line of an object.
template <class T>
void prefetchObject(const T &object) noexcept
{
    const auto *bytes = reinterpret_cast<const char *>(&object);
    for (std::size_t offset = 0; offset < sizeof(T); offset += 64)
        detail::prefetchLine(bytes + offset);
    detail::prefetchLine(bytes + sizeof(T) - 1);
}

} // namespace

void Engine::Impl::prefetchMember(MemberId member) const noexcept
{
    if (!prefetchPays() || !knownMember(member))
        return;
    const detail::MemberRecord &m = members[member.value() - 1];
    detail::prefetchLine(&m.view.status);
    detail::prefetchLine(&m.view.limits);
    detail::prefetchLine(&m.open);
    detail::prefetchLine(&m.clientIds);
}

void Engine::Impl::prefetchNewOrder(MemberId member, const proto::OrderParams &p) const noexcept
{
    if (!prefetchPays())
        return;
    prefetchMember(member);
    // The slot and the level the order will take if it rests, and its book's hash slot.
    if (freeLive != kNil) {
        prefetchObject(live[freeLive]);
        detail::prefetchLine(&queue[freeLive]);
    }
    if (freeLevel != kNil)
        detail::prefetchLine(&levels[freeLevel]);
    if (p.destination.kind == DestinationKind::Prefix)
        bookByPrefix.prefetch(p.destination.prefix);
}

void Engine::Impl::prefetchOrderCommand(MemberId member, OrderId id, bool closing) const noexcept
{
    if (!prefetchPays())
        return;
    prefetchMember(member);
    if (!knownOrder(id))
        return;
    detail::prefetchLine(&slotOf[id.value() - 1]);
    if (closing)
        prefetchObject(rec(id)); // its final state is written back when it closes
    else if (freeLevel != kNil)
        detail::prefetchLine(&levels[freeLevel]); // a new price may need a new level
}

void Engine::Impl::prefetchOpenOrder(std::uint32_t slot) const noexcept
{
    if (!prefetchPays())
        return;
    const detail::LiveOrder &o = live[slot];
    detail::prefetchLine(&queue[slot]);
    if (o.level != kNil)
        detail::prefetchLine(&levels[o.level]);
    const detail::MemberRecord &owner = members[o.member.value() - 1];
    if (o.memberPos < owner.open.size())
        detail::prefetchLine(&owner.open[o.memberPos]);
}

} // namespace bwx::market
