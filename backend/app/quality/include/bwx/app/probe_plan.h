#pragma once
// What the analyzer should probe now: the configured sellers that are members of the exchange,
// each with its steering and the destinations to probe — its [[quality.seller]] destinations
// plus (with derive_destinations) every path the market says it may serve — with the addresses
// to probe inside each. Pure: the same settings and market view give the same plan.
#include "bwx/app/market_paths.h"
#include "bwx/app/quality_settings.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace bwx::app {

struct SellerPlan
{
    quality::SellerProbeConfig probe;
    std::vector<quality::DestinationProbeConfig> destinations; // prefix order
    friend bool operator==(const SellerPlan &, const SellerPlan &) = default;
};

struct ProbePlan
{
    std::map<MemberId, SellerPlan> sellers;
    // Every path the exchange expects a figure for, probed or not (the matrix shows the others
    // as unknown).
    std::set<quality::PathKey> expected;
    // Why something is not probed, one line each, sorted (logged when the set changes).
    std::vector<std::string> notes;
};

ProbePlan planProbes(const QualitySettings &settings, const MarketPaths &market);

// The addresses to probe in `prefix`: the [[quality.destination]] targets of that prefix; else
// the configured targets of other destinations that lie inside it; else the first address.
std::vector<net::Address> probeTargets(const QualitySettings &settings, const net::Prefix &prefix);

} // namespace bwx::app
