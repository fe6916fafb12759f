#include "session_sync.h"

namespace bwx::routing {

void SessionSync::established(bgp::PeerId peer, MemberId member, Clock::time_point now)
{
    m_peers[peer.value()] = Entry{member, true, false, false, false, now};
}

bool SessionSync::endOfRib(bgp::PeerId peer, net::Family family, bool v4, bool v6)
{
    const auto it = m_peers.find(peer.value());
    if (it == m_peers.end() || !it->second.syncing)
        return false;
    Entry &e = it->second;
    (family == net::Family::V4 ? e.eorV4 : e.eorV6) = true;
    if ((v4 && !e.eorV4) || (v6 && !e.eorV6))
        return false;
    e.syncing = false;
    e.complete = true;
    return true;
}

void SessionSync::down(bgp::PeerId peer)
{
    const auto it = m_peers.find(peer.value());
    if (it != m_peers.end())
        it->second = Entry{it->second.member};
}

std::vector<std::pair<bgp::PeerId, MemberId>> SessionSync::expire(Clock::time_point now,
                                                                  std::chrono::seconds timeout)
{
    std::vector<std::pair<bgp::PeerId, MemberId>> out;
    for (auto &[id, e] : m_peers) {
        if (e.syncing && now - e.since >= timeout) {
            e.syncing = false;
            e.complete = true;
            out.push_back({bgp::PeerId(id), e.member});
        }
    }
    return out;
}

bool SessionSync::complete(bgp::PeerId peer) const
{
    const auto it = m_peers.find(peer.value());
    return it != m_peers.end() && it->second.complete;
}

} // namespace bwx::routing
