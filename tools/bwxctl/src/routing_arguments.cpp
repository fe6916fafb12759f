#include "routing_arguments.h"

namespace bwx::ctl {

Expected<proto::QueryRoutes> routesQuery(const RoutesArguments &a)
{
    proto::QueryRoutes query;
    if (!a.within.empty()) {
        auto within = net::Prefix::parse(a.within);
        if (!within)
            return makeError("invalid --within: " + within.error());
        query.within = *within;
    }
    if (a.limit < 1 || a.limit > kMaxRoutesPerQuery)
        return makeError("--limit must be between 1 and " + std::to_string(kMaxRoutesPerQuery)
                         + ", got " + std::to_string(a.limit));
    query.limit = a.limit;
    query.rejectedOnly = a.rejected ? 1 : 0;
    return query;
}

} // namespace bwx::ctl
