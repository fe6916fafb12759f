#pragma once
// ASNs as the data files write them.
#include <cstdint>
#include <optional>
#include <string_view>

namespace bwx::registry::detail {

// Plain decimal ("64500"), 1 to 10 digits, at most 4294967295. asdot ("1.10") is not accepted:
// neither rpki-client, Routinator nor the IRR databases write it.
std::optional<std::uint32_t> parseAsnDigits(std::string_view text) noexcept;

// "AS64500", with the prefix in any case.
std::optional<std::uint32_t> parseAsnWithPrefix(std::string_view text) noexcept;

} // namespace bwx::registry::detail
