#pragma once
// What bwxctl prints for routing: BGP sessions, the routes members announce with their
// validation, and the routes the arbiter exports because of trades — as JSON documents
// (docs/bwxctl.md shows each shape) and as tables for people.
#include "bwx/proto/messages.h"
#include "json_views.h"
#include "quality_views.h"
#include "table.h"

#include <string>
#include <string_view>

namespace bwx::ctl {

std::string_view name(proto::BgpState state);        // "established", "idle", ...
std::string_view name(proto::ValidationState state); // "valid", "invalid", "not_found", ...
std::string_view name(proto::ExportRole role);       // "route_to_buyer", "prefix_to_seller"
// How long a session has been in its state: "3d 04:05:06", "00:00:42", "-" when unknown.
std::string uptimeText(Timestamp since, Timestamp now);

// `now` gives "uptime_s" (seconds in the current state), null when the time is unknown.
Json toJson(const proto::BgpSessionView &session, const MemberNames &names, Timestamp now);
Json toJson(const proto::RouteView &route, const MemberNames &names);
Json toJson(const proto::ExportView &route, const MemberNames &names);
Json toJson(const proto::SessionList &list, const MemberNames &names, Timestamp now);
Json toJson(const proto::RouteList &list, const MemberNames &names);
Json toJson(const proto::ExportList &list, const MemberNames &names);

std::string sessionsText(const proto::SessionList &list, const MemberNames &names, Timestamp now);
// The routes table; a rejected route's reason is printed under the table with its prefix.
std::string routesText(const proto::RouteList &list, const MemberNames &names);
// One table per receiving member.
std::string exportsText(const proto::ExportList &list, const MemberNames &names);

} // namespace bwx::ctl
