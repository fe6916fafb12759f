#pragma once
// Times on the command line: ISO 8601 UTC ("2026-12-01", "2026-12-01T08:00:00Z"), "now", or an
// offset from now ("+30d", "-1h", "+90m", "+45s").
#include "bwx/domain/units.h"
#include "bwx/expected.h"

#include <string_view>

namespace bwx::ctl {

Expected<Timestamp> parseTimeArgument(std::string_view text, Timestamp now);

} // namespace bwx::ctl
