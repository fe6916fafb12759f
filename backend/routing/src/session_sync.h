#pragma once
// When a member router's session has delivered its whole table: End-of-RIB (RFC 4724) for every
// family negotiated, or, for a router that sends none, a timeout after Established. Until then
// the member's view in the market is not resent in full.
#include "bwx/bgp/speaker.h"

#include <chrono>
#include <map>
#include <vector>

namespace bwx::routing {

class SessionSync
{
public:
    using Clock = std::chrono::steady_clock;

    void established(bgp::PeerId peer, MemberId member, Clock::time_point now);
    // True when this End-of-RIB completed the session's table (v4/v6: families negotiated).
    bool endOfRib(bgp::PeerId peer, net::Family family, bool v4, bool v6);
    void down(bgp::PeerId peer);
    // Sessions still waiting for End-of-RIB after `timeout`: now counted complete.
    std::vector<std::pair<bgp::PeerId, MemberId>> expire(Clock::time_point now,
                                                         std::chrono::seconds timeout);
    bool complete(bgp::PeerId peer) const;

private:
    struct Entry
    {
        MemberId member{};
        bool syncing = false;
        bool complete = false;
        bool eorV4 = false;
        bool eorV6 = false;
        Clock::time_point since{};
    };
    std::map<std::uint32_t, Entry> m_peers;
};

} // namespace bwx::routing
