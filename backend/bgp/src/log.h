#pragma once
// Diagnostic lines on stderr when BWX_BGP_DEBUG is set; sessions are otherwise observed through
// listeners and status snapshots.
#include <string>

namespace bwx::bgp::detail {

bool debugEnabled();
void debugLog(const std::string &line);

} // namespace bwx::bgp::detail
