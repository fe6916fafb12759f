#pragma once
// RFC 3339 times as third-party tools write them: "2026-11-26T08:16:40.413975286Z" or with a
// numeric offset ("...+01:00"), which irtt uses when the local zone is not UTC.
#include "bwx/domain/units.h"
#include "bwx/expected.h"

#include <string_view>

namespace bwx::quality::detail {

Expected<Timestamp> parseRfc3339(std::string_view text);

} // namespace bwx::quality::detail
