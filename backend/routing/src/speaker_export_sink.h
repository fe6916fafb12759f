#pragma once
// The arbiter's exports to the BGP speaker: the prefixes whose routes changed for a member go to
// every session of the member (one list for all), which reads the routes from the arbiter, its
// outbound source. A member without sessions gets nothing sent; its exports stay visible in
// QueryExports and are sent when a session of it comes up (a session sends every route then).
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

    bool changed(MemberId receiver, std::shared_ptr<const bgp::PrefixList> prefixes) override;

private:
    bgp::BgpSpeaker &m_speaker;
    std::map<MemberId, std::vector<bgp::PeerId>> m_peers;
};

} // namespace bwx::routing
