#pragma once
// The routes given to the speaker explicitly (BgpSpeaker::announce / withdraw), per session: the
// outbound source of a speaker that has no other (tests, tools). It holds what each session
// should carry, so it can tell which prefixes an announcement really changes: announcing a
// route again with the same attributes and an equal decoration changes nothing.
// Runs on the speaker's strand only.
#include "bwx/bgp/outbound_source.h"

#include <map>
#include <memory>

namespace bwx::bgp::detail {

class RouteStore final : public OutboundSource
{
public:
    // The prefixes whose route changed, each once, in the order given.
    std::shared_ptr<PrefixList> announce(PeerId peer, const std::vector<OutboundRoute> &routes);
    std::shared_ptr<PrefixList> withdraw(PeerId peer, const std::vector<net::Prefix> &prefixes);
    // The peer is removed: its routes go.
    void forget(PeerId peer) { m_routes.erase(peer.value()); }

    bool outboundRoute(PeerId peer, MemberId member, const net::Prefix &prefix,
                       OutboundRoute &out) const override;
    void outboundPrefixes(PeerId peer, MemberId member, net::Family family,
                          PrefixList &out) const override;
    std::size_t outboundCount(PeerId peer, MemberId member, net::Family family) const override;

private:
    struct Stored
    {
        AttributesRef attributes;
        DecorationRef decoration;
    };
    using Table = RouteTable<Stored>;
    const Table *table(PeerId peer) const;

    std::map<std::uint32_t, Table> m_routes;
};

} // namespace bwx::bgp::detail
