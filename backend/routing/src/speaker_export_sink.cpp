#include "speaker_export_sink.h"

namespace bwx::routing {

const std::vector<bgp::PeerId> &SpeakerExportSink::peers(MemberId member) const
{
    static const std::vector<bgp::PeerId> none;
    const auto it = m_peers.find(member);
    return it == m_peers.end() ? none : it->second;
}

bool SpeakerExportSink::changed(MemberId receiver, std::shared_ptr<const bgp::PrefixList> prefixes)
{
    const auto &list = peers(receiver);
    if (list.empty())
        return false;
    m_speaker.outboundChanged(list, std::move(prefixes));
    return true;
}

} // namespace bwx::routing
