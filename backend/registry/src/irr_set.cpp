#include "bwx/registry/rpsl.h"
#include "hasher.h"

#include <algorithm>

namespace bwx::registry {

IrrSet IrrSet::make(std::vector<IrrRoute> routes)
{
    std::sort(routes.begin(), routes.end());
    routes.erase(std::unique(routes.begin(), routes.end()), routes.end());
    IrrSet set;
    detail::Hasher hasher(0x6277782d69727231u); // "bwx-irr1"
    hasher.add(static_cast<std::uint64_t>(routes.size()));
    for (const IrrRoute &route : routes) {
        hasher.add(route.prefix);
        hasher.add(std::uint64_t{route.origin});
    }
    set.m_routes = std::move(routes);
    set.m_hash = hasher.value();
    return set;
}

std::string formatRpsl(const IrrSet &set)
{
    std::string out;
    for (const IrrRoute &route : set.entries()) {
        out += route.prefix.family() == net::Family::V4 ? "route:  " : "route6: ";
        out += route.prefix.toString();
        out += "\norigin: AS";
        out += std::to_string(route.origin);
        out += "\n\n";
    }
    return out;
}

} // namespace bwx::registry
