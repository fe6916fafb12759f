#pragma once
// The demo market's cast: who sells transit toward which destinations, who buys, at what
// prices. Prices are micro-units per Mbit/s per month; capacities kbit/s.
#include <cstdint>
#include <string>
#include <vector>

#include "bwx/domain/units.h"
#include "bwx/net/prefix.h"

namespace bwx::demo {

struct DemoMember {
    std::string name;
    std::string displayName;
    std::uint32_t asn;
    Bandwidth portCapacity;
    bool sells;
};

// A destination region a seller reaches: it offers the covering prefix, buyers bid on the
// more specific ones inside it.
struct DemoRegion {
    net::Prefix covering;
    std::vector<net::Prefix> specifics;
    Price referencePrice;
};

const std::vector<DemoMember>& demoMembers();
const std::vector<DemoRegion>& demoRegions();

} // namespace bwx::demo
