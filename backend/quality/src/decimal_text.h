#pragma once
// Strict unsigned decimal text: digits only, no sign, no spaces, no leading zeros (so "010" is
// never read as ten by one tool and eight by another), at most `max`.
#include "bwx/expected.h"

#include <cstdint>
#include <string_view>

namespace bwx::quality::detail {

Expected<std::uint64_t> parseDecimal(std::string_view text, std::uint64_t max);

} // namespace bwx::quality::detail
