#include "speaker_export_sink.h"

namespace bwx::routing {

const std::vector<bgp::PeerId> &SpeakerExportSink::peers(MemberId member) const
{
    static const std::vector<bgp::PeerId> none;
    const auto it = m_peers.find(member);
    return it == m_peers.end() ? none : it->second;
}

void SpeakerExportSink::announce(MemberId receiver, std::vector<bgp::OutboundRoute> routes)
{
    const auto &list = peers(receiver);
    if (!list.empty())
        m_speaker.announce(list, std::move(routes));
}

void SpeakerExportSink::withdraw(MemberId receiver, std::vector<net::Prefix> prefixes)
{
    const auto &list = peers(receiver);
    if (!list.empty())
        m_speaker.withdraw(list, std::move(prefixes));
}

} // namespace bwx::routing
