#include "log.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace bwx::bgp::detail {

bool debugEnabled()
{
    static const bool enabled = std::getenv("BWX_BGP_DEBUG") != nullptr;
    return enabled;
}

void debugLog(const std::string &line)
{
    if (!debugEnabled())
        return;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now().time_since_epoch())
                        .count();
    std::fprintf(stderr, "[bgp %lld.%03lld] %s\n", static_cast<long long>(ms / 1000),
                 static_cast<long long>(ms % 1000), line.c_str());
}

} // namespace bwx::bgp::detail
