#pragma once
// Which measured path answers for a seller toward a destination someone asks about. A seller is
// probed toward the prefixes it sells (and buyers' more specific destinations it covers); a
// question about 203.0.113.0/24 is answered by the seller's most specific path containing it —
// the /24 itself when it is measured, else, say, the seller's 203.0.0.0/16.
#include "bwx/quality/path_key.h"

#include <optional>
#include <span>
#include <vector>

namespace bwx::quality {

// Among `paths` (any order, duplicates allowed), the seller's most specific one whose
// destination contains `destination`.
std::optional<PathKey>
coveringPath(std::span<const PathKey> paths, MemberId seller, const net::Prefix &destination);

// The covering path of every seller that has one, in seller order.
std::vector<PathKey> coveringPaths(std::span<const PathKey> paths, const net::Prefix &destination);

} // namespace bwx::quality
