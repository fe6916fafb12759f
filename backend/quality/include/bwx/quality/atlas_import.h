#pragma once
// RIPE Atlas ping results, as their API returns them: a JSON array of result objects
// (/api/v2/measurements/ID/results/), or one object per line (the same API with format=txt).
// Every firmware generation is read: "dst_addr" (fw >= 4460) or "addr" (older), per-packet
// "result" entries {"rtt": ms} | {"x": "*"} | {"error": "..."} with duplicates ({"dup": 1})
// dropped, or only "avg" for fw 1. Latency is the mean of the replies, loss comes from "sent" and
// "rcvd", jitter from adjacent replies. A result that sent nothing is skipped, not an error.
#include "bwx/quality/import_error.h"
#include "bwx/quality/target_map.h"

#include <string_view>

namespace bwx::quality {

// Source tag sources::kRipeAtlas; origin "msm MSM prb PRB". Every dst_addr must be known to
// `lookup`, or the file is refused.
ImportResult importAtlasPing(std::string_view text, const TargetLookup &lookup);

} // namespace bwx::quality
