// Member and market administration: members, their status and limits, cancel-on-disconnect,
// and the journaled market settings.
#include "engine_impl.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

void Engine::Impl::onAddMember(const proto::AddMember &m)
{
    const detail::Verdict v = detail::validateNewMember(m);
    if (!v.ok()) {
        reject(v.code, v.message);
        return;
    }
    if (memberByName.count(m.name) != 0) {
        reject(ResultCode::MemberExists, "a member named '" + m.name + "' already exists");
        return;
    }
    detail::MemberRecord record;
    record.view.id = MemberId(static_cast<std::uint32_t>(members.size() + 1));
    record.view.name = m.name;
    record.view.displayName = m.displayName;
    record.view.asn = m.asn;
    record.view.portCapacity = m.portCapacity;
    record.view.status = proto::MemberStatus::Active;
    memberByName.emplace(m.name, record.view.id.value());
    members.push_back(std::move(record));
    routes.resizeMembers(members.size());
    events->memberUpdated(members.back().view, true);
}

void Engine::Impl::onSetMemberStatus(const proto::SetMemberStatus &m)
{
    if (!knownMember(m.member)) {
        reject(ResultCode::UnknownMember, "member " + std::to_string(m.member.value()) + " does not exist");
        return;
    }
    if (m.status != proto::MemberStatus::Active && m.status != proto::MemberStatus::Suspended) {
        reject(ResultCode::InvalidFieldValue,
               "member status " + std::to_string(static_cast<unsigned>(m.status))
                   + " is neither active (1) nor suspended (2)");
        return;
    }
    detail::MemberRecord &member = memberOf(m.member);
    if (m.status == proto::MemberStatus::Suspended && member.view.status == proto::MemberStatus::Active) {
        const std::vector<OrderId> open = openOrdersOf(member);
        for (const OrderId id : open)
            cancelResting(slotFor(id), OrderStatus::Cancelled, ResultCode::MemberSuspended, false);
    }
    member.view.status = m.status;
    events->memberUpdated(member.view, true);
}

void Engine::Impl::onSetMemberLimits(const proto::SetMemberLimits &m)
{
    if (!knownMember(m.member)) {
        reject(ResultCode::UnknownMember, "member " + std::to_string(m.member.value()) + " does not exist");
        return;
    }
    detail::MemberRecord &member = memberOf(m.member);
    if (m.portCapacity.value() < 0) {
        reject(ResultCode::InvalidPortCapacity,
               "port capacity must be positive (or 0 to keep it), got "
                   + std::to_string(m.portCapacity.value()) + " kbit/s");
        return;
    }
    if (m.portCapacity.isPositive() && m.portCapacity < member.view.portUsed) {
        reject(ResultCode::InvalidPortCapacity,
               "port capacity " + formatBandwidth(m.portCapacity) + " is below the "
                   + formatBandwidth(member.view.portUsed)
                   + " that live trades already commit on it");
        return;
    }
    const proto::MemberLimits &l = m.limits;
    if (l.maxOrderCapacity.value() < 0 || l.maxOpenExposure.value() < 0) {
        reject(ResultCode::InvalidLimits,
               "limits must be 0 (the exchange default) or positive: max_order_capacity "
                   + std::to_string(l.maxOrderCapacity.value()) + ", max_open_exposure "
                   + std::to_string(l.maxOpenExposure.value()));
        return;
    }
    if (l.cancelOnDisconnect > 1) {
        reject(ResultCode::InvalidLimits,
               "cancel_on_disconnect must be 0 or 1, got " + std::to_string(l.cancelOnDisconnect));
        return;
    }
    if (m.portCapacity > member.view.portCapacity)
        releasedPorts.push_back(m.member.value());
    if (m.portCapacity.isPositive())
        member.view.portCapacity = m.portCapacity;
    portFloor.valid = false; // a smaller port invalidates the bound
    member.view.limits = l;
    recomputeExposure(member);
    events->memberUpdated(member.view, true);
    reexamineBlockedPorts();
}

void Engine::Impl::onSetCancelOnDisconnect(MemberId member, const proto::SetCancelOnDisconnect &m)
{
    if (!knownMember(member)) {
        reject(ResultCode::UnknownMember, "member " + std::to_string(member.value()) + " does not exist");
        return;
    }
    if (m.enabled > 1) {
        reject(ResultCode::InvalidFieldValue,
               "enabled must be 0 or 1, got " + std::to_string(m.enabled));
        return;
    }
    detail::MemberRecord &record = memberOf(member);
    record.view.limits.cancelOnDisconnect = m.enabled;
    events->memberUpdated(record.view, true);
}

void Engine::Impl::onSessionsClosed(const proto::SessionsClosed &m)
{
    if (!knownMember(m.member)) {
        reject(ResultCode::UnknownMember, "member " + std::to_string(m.member.value()) + " does not exist");
        return;
    }
    detail::MemberRecord &member = memberOf(m.member);
    if (member.view.limits.cancelOnDisconnect == 0)
        return;
    const std::vector<OrderId> open = openOrdersOf(member);
    for (const OrderId id : open)
        cancelResting(slotFor(id), OrderStatus::Cancelled, ResultCode::Ok, false);
    if (!open.empty())
        sendNotice(m.member, ResultCode::Ok,
                   std::to_string(open.size())
                       + " open orders cancelled: your last session ended and cancel-on-disconnect is on",
                   OrderId{}, TradeId{});
}

void Engine::Impl::onConfigureMarket(const proto::ConfigureMarket &m)
{
    const proto::MarketSettings &s = m.settings;
    if (s.requireRoutes > 1) {
        reject(ResultCode::InvalidFieldValue,
               "require_routes must be 0 or 1, got " + std::to_string(s.requireRoutes));
        return;
    }
    if (s.maxOrderCapacity.value() < 0) {
        reject(ResultCode::InvalidFieldValue,
               "max_order_capacity must be 0 (the default) or positive, got "
                   + std::to_string(s.maxOrderCapacity.value()) + " kbit/s");
        return;
    }
    const bool routesChanged = s.requireRoutes != settings.requireRoutes;
    settings = s;
    if (!routesChanged)
        return;
    // Whether prefix sells need routes decides which of them can stay in the books.
    // Every member's trades, then the open sells of all members in ascending id.
    std::vector<OrderId> sells;
    for (std::size_t i = 0; i < members.size(); ++i) {
        refreshTrades(MemberId(static_cast<std::uint32_t>(i + 1)));
        const std::vector<OrderId> open = openOrdersOf(members[i]);
        sells.insert(sells.end(), open.begin(), open.end());
    }
    std::sort(sells.begin(), sells.end());
    std::vector<OrderId> again;
    refreshSells(sells, again);
    reexamine(std::move(again));
}

} // namespace bwx::market
