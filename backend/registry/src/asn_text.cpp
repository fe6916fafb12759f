#include "asn_text.h"

namespace bwx::registry::detail {

std::optional<std::uint32_t> parseAsnDigits(std::string_view text) noexcept
{
    if (text.empty() || text.size() > 10)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (value > 0xffffffffu)
        return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

std::optional<std::uint32_t> parseAsnWithPrefix(std::string_view text) noexcept
{
    if (text.size() < 3 || (text[0] != 'A' && text[0] != 'a') || (text[1] != 'S' && text[1] != 's'))
        return std::nullopt;
    return parseAsnDigits(text.substr(2));
}

} // namespace bwx::registry::detail
