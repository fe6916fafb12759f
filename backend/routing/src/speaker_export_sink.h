#pragma once
// The arbiter's exports to the BGP speaker: a member's routes go to every session of the
// member (each router's Adj-RIB-Out). A member without sessions gets nothing sent; its exports
// stay visible in QueryExports and are sent when a session is configured for it.
#include "bwx/arbiter/export_sink.h"
#include "bwx/bgp/speaker.h"

#include <map>
#include <vector>

namespace bwx::routing {

class SpeakerExportSink final : public arbiter::ExportSink
{
public:
    explicit SpeakerExportSink(bgp::BgpSpeaker &speaker)
        : m_speaker(speaker)
    {}

    void addPeer(MemberId member, bgp::PeerId peer) { m_peers[member].push_back(peer); }
    const std::vector<bgp::PeerId> &peers(MemberId member) const;

    void announce(MemberId receiver, std::vector<bgp::OutboundRoute> routes) override;
    void withdraw(MemberId receiver, std::vector<net::Prefix> prefixes) override;

private:
    bgp::BgpSpeaker &m_speaker;
    std::map<MemberId, std::vector<bgp::PeerId>> m_peers;
};

} // namespace bwx::routing
