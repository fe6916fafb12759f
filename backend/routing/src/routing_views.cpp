#include "routing_views.h"

#include <algorithm>
#include <limits>

namespace bwx::routing {

namespace {

std::uint32_t clamp32(std::uint64_t v)
{
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, std::numeric_limits<std::uint32_t>::max()));
}

proto::ValidationState validation(registry::RpkiState s)
{
    switch (s) {
    case registry::RpkiState::Valid:
        return proto::ValidationState::Valid;
    case registry::RpkiState::Invalid:
        return proto::ValidationState::Invalid;
    case registry::RpkiState::NotFound:
        break;
    }
    return proto::ValidationState::NotFound;
}

proto::ValidationState validation(registry::IrrState s)
{
    switch (s) {
    case registry::IrrState::Valid:
        return proto::ValidationState::Valid;
    case registry::IrrState::Invalid:
        return proto::ValidationState::Invalid;
    case registry::IrrState::NotFound:
        break;
    }
    return proto::ValidationState::NotFound;
}

} // namespace

std::vector<std::uint32_t> flattenAsPath(const bgp::AsPath &path)
{
    std::vector<std::uint32_t> out;
    for (const bgp::AsPathSegmentView segment : path.segments())
        if (segment.type == bgp::SegmentType::AsSequence || segment.type == bgp::SegmentType::AsSet)
            out.insert(out.end(), segment.asns.begin(), segment.asns.end());
    return out;
}

proto::BgpState toProto(bgp::State state)
{
    switch (state) {
    case bgp::State::Idle:
        return proto::BgpState::Idle;
    case bgp::State::Connect:
        return proto::BgpState::Connect;
    case bgp::State::Active:
        return proto::BgpState::Active;
    case bgp::State::OpenSent:
        return proto::BgpState::OpenSent;
    case bgp::State::OpenConfirm:
        return proto::BgpState::OpenConfirm;
    case bgp::State::Established:
        return proto::BgpState::Established;
    }
    return proto::BgpState::Idle;
}

proto::BgpSessionView sessionView(const bgp::PeerStatus &s, Timestamp stateSince)
{
    proto::BgpSessionView v;
    v.member = s.member;
    v.peerAddress = s.address.toString();
    v.peerAsn = s.remoteAs;
    v.state = toProto(s.state);
    v.stateSince = stateSince;
    v.prefixesReceived = clamp32(s.prefixesReceived);
    v.prefixesAccepted = clamp32(s.prefixesAccepted);
    v.prefixesRejected = clamp32(s.prefixesRejected);
    v.updatesIn = s.updatesIn;
    v.updatesOut = s.updatesOut;
    v.lastError = s.lastError;
    return v;
}

proto::RouteView routeView(const registry::RouteView &r, bool sellable)
{
    proto::RouteView v;
    v.member = r.member;
    v.peerAddress = r.peer.toString();
    v.prefix = r.prefix;
    v.nextHop = r.nextHop.toString();
    v.asPath = r.asPath;
    v.communities = r.communities;
    for (const auto &c : r.largeCommunities)
        v.largeCommunities.push_back({c.global, c.local1, c.local2});
    v.routeClass = r.routeClass.value_or(RouteClass::Customer);
    v.valid = r.status == registry::RouteStatus::Valid ? 1 : 0;
    v.reasonCode = static_cast<std::uint16_t>(r.reason);
    if (r.reason != registry::Reason::None)
        v.reason = std::string(registry::toString(r.reason))
                   + (r.reasonText.empty() ? "" : ": " + r.reasonText);
    v.rpki = validation(r.rpki);
    v.irr = validation(r.irr);
    v.sellable = sellable ? 1 : 0;
    return v;
}

proto::ExportView exportView(const arbiter::ExportRecord &r)
{
    proto::ExportView v;
    v.receiver = r.receiver;
    v.role = r.role;
    v.prefix = r.prefix;
    if (r.attributes && r.attributes->nextHop)
        v.nextHop = r.attributes->nextHop->toString();
    if (r.attributes) {
        v.asPath = flattenAsPath(r.attributes->asPath);
        for (const auto &c : r.attributes->largeCommunities)
            v.largeCommunities.push_back({c.global, c.local1, c.local2});
    }
    v.trade = r.trade;
    v.counterparty = r.counterparty;
    return v;
}

} // namespace bwx::routing
