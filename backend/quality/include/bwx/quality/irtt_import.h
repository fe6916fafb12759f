#pragma once
// The JSON file `irtt client -o FILE` writes (json_format 1; decompress .json.gz first). One run
// becomes one measurement: latency = stats.rtt.mean, jitter = stats.ipdv_round_trip.mean (both
// ns in the file), loss = 1 - stats.rtt.n / stats.packets_sent (rtt.n counts distinct replies;
// packets_received would also count duplicates). The target is config.remote_address.
#include "bwx/quality/import_error.h"
#include "bwx/quality/target_map.h"

#include <string_view>

namespace bwx::quality {

// Source tag sources::kIrtt; origin "irtt LOCAL_ADDRESS" (the client's address and port).
ImportResult importIrtt(std::string_view text, const TargetLookup &lookup);

} // namespace bwx::quality
