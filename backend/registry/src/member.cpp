#include "bwx/registry/member.h"

#include "bwx/registry/asn.h"

#include <algorithm>
#include <string>

namespace bwx::registry {

const ClassPolicy &SellPolicy::of(RouteClass routeClass) const noexcept
{
    switch (routeClass) {
    case RouteClass::Customer:
        return customer;
    case RouteClass::Peer:
        return peer;
    case RouteClass::Transit:
        break;
    }
    return transit;
}

ClassPolicy &SellPolicy::of(RouteClass routeClass) noexcept
{
    return const_cast<ClassPolicy &>(std::as_const(*this).of(routeClass));
}

bool SellPolicy::sells(RouteClass routeClass) const noexcept
{
    const ClassPolicy &policy = of(routeClass);
    // An allow list that names nobody sells to nobody.
    return policy.sell && !(policy.mode == ListMode::AllowListed && policy.members.empty());
}

bool SellPolicy::maySell(RouteClass routeClass, MemberId self, MemberId buyer) const noexcept
{
    if (buyer == self)
        return false;
    const ClassPolicy &policy = of(routeClass);
    if (!policy.sell)
        return false;
    const bool listed
        = std::find(policy.members.begin(), policy.members.end(), buyer) != policy.members.end();
    return policy.mode == ListMode::AllowListed ? listed : !listed;
}

namespace {

bool isValidClass(RouteClass routeClass)
{
    return routeClass == RouteClass::Customer || routeClass == RouteClass::Peer
           || routeClass == RouteClass::Transit;
}

template<class T> bool sortAndFindDuplicate(std::vector<T> &values, T &duplicate)
{
    std::sort(values.begin(), values.end());
    const auto it = std::adjacent_find(values.begin(), values.end());
    if (it == values.end())
        return false;
    duplicate = *it;
    return true;
}

} // namespace

Expected<MemberConfig> canonicalMember(MemberConfig member)
{
    const std::string who = "member " + std::to_string(member.id.value());
    if (member.id.value() == 0)
        return makeError("member id 0 is reserved for the exchange");
    if (member.name.empty())
        return makeError(who + ": empty name");
    if (member.name.size() > 64)
        return makeError(who + ": name longer than 64 characters");
    for (const char c : member.name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return makeError(who + ": name contains a control character");
    }
    if (member.asns.empty())
        return makeError(who + ": no ASN");
    for (const std::uint32_t asn : member.asns) {
        const AsnInfo info = classifyAsn(asn);
        if (info.kind == AsnKind::Reserved)
            return makeError(who + ": AS" + std::to_string(asn) + " cannot be a member's ASN ("
                             + std::string(info.description) + ")");
    }
    std::uint32_t duplicateAsn = 0;
    if (sortAndFindDuplicate(member.asns, duplicateAsn))
        return makeError(who + ": AS" + std::to_string(duplicateAsn) + " listed twice");
    net::Address duplicateRouter;
    if (sortAndFindDuplicate(member.routers, duplicateRouter))
        return makeError(who + ": router " + duplicateRouter.toString() + " listed twice");
    std::sort(member.ports.begin(), member.ports.end(),
              [](const Port &a, const Port &b) { return a.name < b.name; });
    for (std::size_t i = 0; i < member.ports.size(); ++i) {
        const Port &port = member.ports[i];
        if (port.name.empty())
            return makeError(who + ": a port has no name");
        if (i > 0 && member.ports[i - 1].name == port.name)
            return makeError(who + ": port " + port.name + " listed twice");
        if (!port.capacity.isPositive())
            return makeError(who + ": port " + port.name + " has no capacity");
    }
    if (!isValidClass(member.defaultClass))
        return makeError(who + ": invalid default route class");
    for (ClassPolicy *policy :
         {&member.policy.customer, &member.policy.peer, &member.policy.transit}) {
        if (policy->mode != ListMode::DenyListed && policy->mode != ListMode::AllowListed)
            return makeError(who + ": invalid policy list mode");
        std::sort(policy->members.begin(), policy->members.end());
        policy->members.erase(std::unique(policy->members.begin(), policy->members.end()),
                              policy->members.end());
        if (!policy->members.empty() && policy->members.front().value() == 0)
            return makeError(who + ": policy lists member id 0");
    }
    return member;
}

} // namespace bwx::registry
