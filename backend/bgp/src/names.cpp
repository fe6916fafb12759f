#include "bwx/bgp/constants.h"

namespace bwx::bgp {

const char *messageTypeName(MessageType type) noexcept
{
    switch (type) {
    case MessageType::Open: return "OPEN";
    case MessageType::Update: return "UPDATE";
    case MessageType::Notification: return "NOTIFICATION";
    case MessageType::Keepalive: return "KEEPALIVE";
    case MessageType::RouteRefresh: return "ROUTE-REFRESH";
    }
    return "?";
}

const char *attributeName(std::uint8_t type) noexcept
{
    switch (type) {
    case attr::Origin: return "ORIGIN";
    case attr::AsPath: return "AS_PATH";
    case attr::NextHop: return "NEXT_HOP";
    case attr::MultiExitDisc: return "MULTI_EXIT_DISC";
    case attr::LocalPref: return "LOCAL_PREF";
    case attr::AtomicAggregate: return "ATOMIC_AGGREGATE";
    case attr::Aggregator: return "AGGREGATOR";
    case attr::Communities: return "COMMUNITIES";
    case attr::OriginatorId: return "ORIGINATOR_ID";
    case attr::ClusterList: return "CLUSTER_LIST";
    case attr::MpReachNlri: return "MP_REACH_NLRI";
    case attr::MpUnreachNlri: return "MP_UNREACH_NLRI";
    case attr::As4Path: return "AS4_PATH";
    case attr::As4Aggregator: return "AS4_AGGREGATOR";
    case attr::LargeCommunities: return "LARGE_COMMUNITY";
    default: return "unknown";
    }
}

} // namespace bwx::bgp
