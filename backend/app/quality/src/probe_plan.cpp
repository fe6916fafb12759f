#include "bwx/app/probe_plan.h"

#include <algorithm>
#include <set>

namespace bwx::app {

std::vector<net::Address> probeTargets(const QualitySettings &settings, const net::Prefix &prefix)
{
    std::vector<net::Address> inside;
    for (const QualityDestinationSettings &d : settings.destinations) {
        if (d.prefix == prefix)
            return d.targets;
        for (const net::Address &target : d.targets)
            if (prefix.contains(target)
                && std::find(inside.begin(), inside.end(), target) == inside.end())
                inside.push_back(target);
    }
    if (!inside.empty())
        return inside;
    return {quality::defaultTarget(prefix)};
}

ProbePlan planProbes(const QualitySettings &settings, const MarketPaths &market)
{
    ProbePlan plan;
    std::set<std::string> notes;
    std::map<std::string, MemberId> byName;
    for (const auto &[id, name] : market.members)
        byName.emplace(name, id);

    std::map<MemberId, std::set<net::Prefix>> derived;
    if (settings.deriveDestinations) {
        for (const quality::PathKey &path : market.paths) {
            derived[path.seller].insert(path.destination);
            plan.expected.insert(path);
        }
    }

    std::set<MemberId> configured;
    for (const QualitySellerSettings &seller : settings.sellers) {
        const auto member = byName.find(seller.member);
        if (member == byName.end()) {
            notes.insert("[[quality.seller]] '" + seller.member
                         + "' is not a member of the exchange (yet): not probed");
            continue;
        }
        const MemberId id = member->second;
        configured.insert(id);
        SellerPlan sp;
        sp.probe.seller = id;
        sp.probe.routerV4 = seller.routerV4;
        sp.probe.routerV6 = seller.routerV6;
        sp.probe.fwmark = seller.fwmark;
        sp.probe.sourceV4 = seller.sourceV4;
        sp.probe.sourceV6 = seller.sourceV6;
        sp.probe.budgetPps = seller.budgetPps;
        sp.probe.budgetBurst = seller.budgetBurst;

        std::set<net::Prefix> prefixes(seller.destinations.begin(), seller.destinations.end());
        for (const net::Prefix &prefix : seller.destinations)
            plan.expected.insert(quality::PathKey{id, prefix});
        if (const auto it = derived.find(id); it != derived.end())
            prefixes.insert(it->second.begin(), it->second.end());
        std::size_t unroutable = 0;
        for (const net::Prefix &prefix : prefixes) {
            if (!sp.probe.router(prefix.family())) {
                ++unroutable;
                continue;
            }
            sp.destinations.push_back(
                quality::DestinationProbeConfig{prefix, probeTargets(settings, prefix)});
        }
        if (unroutable > 0)
            notes.insert("seller '" + seller.member + "': " + std::to_string(unroutable)
                         + " destination(s) of a family it has no router for are not probed");
        plan.sellers.emplace(id, std::move(sp));
    }
    for (const auto &[id, prefixes] : derived) {
        if (configured.contains(id))
            continue;
        const auto name = market.members.find(id);
        notes.insert("member '" + (name == market.members.end() ? std::to_string(id.value())
                                                                 : name->second)
                     + "' may serve " + std::to_string(prefixes.size())
                     + " destination(s) but has no [[quality.seller]] entry: not probed");
    }
    if (market.truncated)
        notes.insert("more paths than max_paths: the rest are not probed");
    plan.notes.assign(notes.begin(), notes.end());
    return plan;
}

} // namespace bwx::app
