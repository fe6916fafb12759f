#pragma once
// `bwxctl routes` arguments: which routes to ask the exchange for.
#include "bwx/expected.h"
#include "bwx/proto/messages.h"

#include <string>

namespace bwx::ctl {

// The exchange answers at most this many routes per query.
inline constexpr std::uint32_t kMaxRoutesPerQuery = 2000;

struct RoutesArguments
{
    std::string within; // a prefix; empty: every route of both families
    bool rejected = false;
    std::uint32_t limit = 1000;
};

// The query without its member (resolved from a name once connected). The error says which
// argument is wrong and why.
Expected<proto::QueryRoutes> routesQuery(const RoutesArguments &arguments);

} // namespace bwx::ctl
