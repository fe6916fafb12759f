#pragma once
// The routing part's answers in protocol form: sessions, routes with their validation, exports.
#include "bwx/arbiter/arbiter.h"
#include "bwx/bgp/speaker.h"
#include "bwx/proto/records.h"
#include "bwx/registry/views.h"

namespace bwx::routing {

std::vector<std::uint32_t> flattenAsPath(const bgp::AsPath &path);
proto::BgpState toProto(bgp::State state);
proto::BgpSessionView sessionView(const bgp::PeerStatus &status, Timestamp stateSince);
proto::RouteView routeView(const registry::RouteView &route, bool sellable);
proto::ExportView exportView(const arbiter::ExportRecord &record);

} // namespace bwx::routing
