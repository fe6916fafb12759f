#pragma once
// Where a session's routes come from. A session keeps no state per route it sends (docs/bgp.md,
// "How exports are held"): it is told which prefixes changed, and when it sends it asks its
// source what it should carry there now; on session up and on a ROUTE-REFRESH it asks for
// every prefix. In bwxd the arbiter is the source (the routes it decided from the trades); the
// speaker's own store answers for the routes given to BgpSpeaker::announce().
// Called on the speaker's strand only.
#include "bwx/bgp/decoration.h"
#include "bwx/bgp/peer_id.h"
#include "bwx/bgp/route_table.h"
#include "bwx/domain/ids.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bwx::bgp {

// Prefixes, IPv4 ones packed as 8-byte keys: a full table's worth is listed when a trade
// exports a seller's table, and a list is shared by every session of the receiving member.
class PrefixList
{
public:
    void push(const net::Prefix &prefix)
    {
        if (prefix.family() == net::Family::V4)
            m_v4.push_back(detail::KeyV4::of(prefix).bits());
        else
            m_v6.push_back(prefix);
    }
    void reserve(std::size_t v4, std::size_t v6)
    {
        m_v4.reserve(v4);
        m_v6.reserve(v6);
    }
    std::size_t size() const noexcept { return m_v4.size() + m_v6.size(); }
    std::size_t size(net::Family f) const noexcept
    {
        return f == net::Family::V4 ? m_v4.size() : m_v6.size();
    }
    bool empty() const noexcept { return size() == 0; }
    // IPv4 prefixes first, each family in the order pushed.
    net::Prefix at(std::size_t i) const noexcept
    {
        return i < m_v4.size() ? detail::KeyV4::fromBits(m_v4[i]).prefix() : m_v6[i - m_v4.size()];
    }

private:
    std::vector<std::uint64_t> m_v4;
    std::vector<net::Prefix> m_v6;
};

class OutboundSource
{
public:
    virtual ~OutboundSource() = default;
    // The route the session `peer` of `member` should carry at `prefix`: true with `out`'s
    // attributes (never null) and decoration filled, false when it should carry none (a
    // withdrawal). What `out` refers to stays valid at least until the strand goes on to other
    // work: the session encodes it before that.
    virtual bool outboundRoute(PeerId peer, MemberId member, const net::Prefix &prefix,
                               OutboundRoute &out) const = 0;
    // Appends every prefix of `family` at which outboundRoute() gives a route (each once).
    virtual void outboundPrefixes(PeerId peer, MemberId member, net::Family family,
                                  PrefixList &out) const = 0;
    // How many prefixes of `family` outboundRoute() gives a route for; cheap (status).
    virtual std::size_t outboundCount(PeerId peer, MemberId member, net::Family family) const = 0;
    // Every session has asked about every change it was told of: whatever the source kept to
    // answer a burst of questions quickly can go.
    virtual void outboundDrained() {}
};

} // namespace bwx::bgp
