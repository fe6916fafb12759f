#include "routing_views.h"

#include <map>

namespace bwx::ctl {

namespace {

using Align = Table::Align;

std::string memberText(MemberId member, const MemberNames &names)
{
    const auto it = names.find(member);
    return it != names.end() ? it->second : "#" + std::to_string(member.value());
}

Json memberName(MemberId member, const MemberNames &names)
{
    const auto it = names.find(member);
    return it != names.end() ? Json(it->second) : Json(nullptr);
}

// RFC 1997 writes a community as its two 16-bit halves.
std::string communityText(std::uint32_t community)
{
    return std::to_string(community >> 16) + ":" + std::to_string(community & 0xffffu);
}

std::string largeCommunityText(const proto::LargeCommunity &c)
{
    return std::to_string(c.global) + ":" + std::to_string(c.local1) + ":"
           + std::to_string(c.local2);
}

std::string asPathText(const std::vector<std::uint32_t> &path)
{
    if (path.empty())
        return "-";
    std::string text;
    for (const std::uint32_t asn : path)
        text += (text.empty() ? "" : " ") + std::to_string(asn);
    return text;
}

Json asPathJson(const std::vector<std::uint32_t> &path)
{
    Json j = Json::array();
    for (const std::uint32_t asn : path)
        j.push_back(asn);
    return j;
}

Json largeCommunitiesJson(const std::vector<proto::LargeCommunity> &list)
{
    Json j = Json::array();
    for (const auto &c : list)
        j.push_back(largeCommunityText(c));
    return j;
}

std::string orDash(const std::string &text)
{
    return text.empty() ? "-" : text;
}

std::string twoDigits(std::int64_t v)
{
    return (v < 10 ? "0" : "") + std::to_string(v);
}

std::int64_t uptimeSeconds(Timestamp since, Timestamp now)
{
    const std::int64_t s = (now - since).value() / units::kNanosPerSecond;
    // The exchange's clock may run slightly ahead of ours.
    return s < 0 ? 0 : s;
}

} // namespace

std::string_view name(proto::BgpState state)
{
    switch (state) {
    case proto::BgpState::Idle:
        return "idle";
    case proto::BgpState::Connect:
        return "connect";
    case proto::BgpState::Active:
        return "active";
    case proto::BgpState::OpenSent:
        return "open_sent";
    case proto::BgpState::OpenConfirm:
        return "open_confirm";
    case proto::BgpState::Established:
        return "established";
    }
    return "unknown";
}

std::string_view name(proto::ValidationState state)
{
    switch (state) {
    case proto::ValidationState::NotChecked:
        return "not_checked";
    case proto::ValidationState::Valid:
        return "valid";
    case proto::ValidationState::Invalid:
        return "invalid";
    case proto::ValidationState::NotFound:
        return "not_found";
    }
    return "unknown";
}

std::string_view name(proto::ExportRole role)
{
    switch (role) {
    case proto::ExportRole::SellerRouteToBuyer:
        return "route_to_buyer";
    case proto::ExportRole::BuyerPrefixToSeller:
        return "prefix_to_seller";
    }
    return "unknown";
}

std::string uptimeText(Timestamp since, Timestamp now)
{
    if (!since.isSet())
        return "-";
    const std::int64_t s = uptimeSeconds(since, now);
    const std::int64_t days = s / 86'400;
    const std::string clock
        = twoDigits(s % 86'400 / 3600) + ":" + twoDigits(s % 3600 / 60) + ":" + twoDigits(s % 60);
    return days > 0 ? std::to_string(days) + "d " + clock : clock;
}

Json toJson(const proto::BgpSessionView &s, const MemberNames &names, Timestamp now)
{
    Json j;
    j["member"] = s.member.value();
    j["member_name"] = memberName(s.member, names);
    j["peer_address"] = s.peerAddress;
    j["peer_asn"] = s.peerAsn;
    j["state"] = name(s.state);
    j["state_since"] = timeJson(s.stateSince);
    j["uptime_s"] = s.stateSince.isSet() ? Json(uptimeSeconds(s.stateSince, now)) : Json(nullptr);
    j["prefixes_received"] = s.prefixesReceived;
    j["prefixes_accepted"] = s.prefixesAccepted;
    j["prefixes_rejected"] = s.prefixesRejected;
    j["updates_in"] = s.updatesIn;
    j["updates_out"] = s.updatesOut;
    j["last_error"] = s.lastError.empty() ? Json(nullptr) : Json(s.lastError);
    return j;
}

Json toJson(const proto::RouteView &r, const MemberNames &names)
{
    Json j;
    j["member"] = r.member.value();
    j["member_name"] = memberName(r.member, names);
    j["prefix"] = r.prefix.toString();
    j["peer_address"] = r.peerAddress;
    j["next_hop"] = r.nextHop;
    j["as_path"] = asPathJson(r.asPath);
    Json communities = Json::array();
    for (const std::uint32_t c : r.communities)
        communities.push_back(communityText(c));
    j["communities"] = communities;
    j["large_communities"] = largeCommunitiesJson(r.largeCommunities);
    j["route_class"] = toString(r.routeClass);
    j["valid"] = r.valid != 0;
    j["reason_code"] = r.reasonCode;
    j["reason"] = r.reason.empty() ? Json(nullptr) : Json(r.reason);
    j["rpki"] = name(r.rpki);
    j["irr"] = name(r.irr);
    j["sellable"] = r.sellable != 0;
    return j;
}

Json toJson(const proto::ExportView &e, const MemberNames &names)
{
    Json j;
    j["receiver"] = e.receiver.value();
    j["receiver_name"] = memberName(e.receiver, names);
    j["role"] = name(e.role);
    j["prefix"] = e.prefix.toString();
    j["next_hop"] = e.nextHop.empty() ? Json(nullptr) : Json(e.nextHop);
    j["as_path"] = asPathJson(e.asPath);
    j["large_communities"] = largeCommunitiesJson(e.largeCommunities);
    j["trade_id"] = e.trade.value();
    j["counterparty"] = e.counterparty.value();
    j["counterparty_name"] = memberName(e.counterparty, names);
    return j;
}

Json toJson(const proto::SessionList &list, const MemberNames &names, Timestamp now)
{
    Json sessions = Json::array();
    for (const auto &s : list.sessions)
        sessions.push_back(toJson(s, names, now));
    return Json{{"sessions", sessions}};
}

Json toJson(const proto::RouteList &list, const MemberNames &names)
{
    Json routes = Json::array();
    for (const auto &r : list.routes)
        routes.push_back(toJson(r, names));
    Json j;
    j["routes"] = routes;
    j["truncated"] = list.truncated != 0;
    return j;
}

Json toJson(const proto::ExportList &list, const MemberNames &names)
{
    Json exports = Json::array();
    for (const auto &e : list.exports)
        exports.push_back(toJson(e, names));
    return Json{{"exports", exports}};
}

std::string sessionsText(const proto::SessionList &list, const MemberNames &names, Timestamp now)
{
    if (list.sessions.empty())
        return "no BGP sessions\n";
    Table t({{"MEMBER"},
             {"PEER"},
             {"ASN", Align::Right},
             {"STATE"},
             {"UPTIME", Align::Right},
             {"RECEIVED", Align::Right},
             {"ACCEPTED", Align::Right},
             {"REJECTED", Align::Right},
             {"UPDATES-IN", Align::Right},
             {"UPDATES-OUT", Align::Right}});
    std::string errors;
    for (const auto &s : list.sessions) {
        t.addRow({memberText(s.member, names), s.peerAddress, std::to_string(s.peerAsn),
                  std::string(name(s.state)), uptimeText(s.stateSince, now),
                  std::to_string(s.prefixesReceived), std::to_string(s.prefixesAccepted),
                  std::to_string(s.prefixesRejected), std::to_string(s.updatesIn),
                  std::to_string(s.updatesOut)});
        if (!s.lastError.empty())
            errors += s.peerAddress + " (" + memberText(s.member, names)
                      + ") last error: " + s.lastError + "\n";
    }
    return t.render() + (errors.empty() ? "" : "\n" + errors);
}

std::string routesText(const proto::RouteList &list, const MemberNames &names)
{
    std::string tail;
    if (list.truncated)
        tail = "\nonly the first " + std::to_string(list.routes.size())
               + " routes are shown: narrow with --member, --within or --rejected, or raise "
                 "--limit\n";
    if (list.routes.empty())
        return "no routes\n" + tail;
    Table t({{"MEMBER"},
             {"PREFIX"},
             {"PEER"},
             {"NEXT-HOP"},
             {"AS-PATH"},
             {"CLASS"},
             {"STATUS"},
             {"RPKI"},
             {"IRR"},
             {"SELLABLE"}});
    std::string reasons;
    for (const auto &r : list.routes) {
        const std::string prefix = r.prefix.toString();
        t.addRow({memberText(r.member, names), prefix, orDash(r.peerAddress), orDash(r.nextHop),
                  asPathText(r.asPath), std::string(toString(r.routeClass)),
                  r.valid ? "valid" : "rejected", std::string(name(r.rpki)),
                  std::string(name(r.irr)), r.sellable ? "yes" : "no"});
        if (!r.reason.empty())
            reasons += prefix + " (" + memberText(r.member, names) + "): " + r.reason + "\n";
    }
    return t.render() + (reasons.empty() ? "" : "\n" + reasons) + tail;
}

std::string exportsText(const proto::ExportList &list, const MemberNames &names)
{
    if (list.exports.empty())
        return "no exports\n";
    std::map<MemberId, std::vector<const proto::ExportView *>> byReceiver;
    for (const auto &e : list.exports)
        byReceiver[e.receiver].push_back(&e);
    std::string text;
    for (const auto &[receiver, exports] : byReceiver) {
        Table t({{"ROLE"},
                 {"PREFIX"},
                 {"NEXT-HOP"},
                 {"AS-PATH"},
                 {"TRADE", Align::Right},
                 {"COUNTERPARTY"}});
        for (const proto::ExportView *e : exports)
            t.addRow({std::string(name(e->role)), e->prefix.toString(), orDash(e->nextHop),
                      asPathText(e->asPath), std::to_string(e->trade.value()),
                      memberText(e->counterparty, names)});
        text += (text.empty() ? "" : "\n") + std::string("to ") + memberText(receiver, names) + " ("
                + std::to_string(exports.size()) + (exports.size() == 1 ? " route" : " routes")
                + "):\n" + t.render();
    }
    return text;
}

} // namespace bwx::ctl
