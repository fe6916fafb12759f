#include "decimal_text.h"

#include <string>

namespace bwx::quality::detail {

Expected<std::uint64_t> parseDecimal(std::string_view text, std::uint64_t max)
{
    if (text.empty())
        return makeError("empty, expected a number");
    if (text.size() > 1 && text[0] == '0')
        return makeError("leading zero");
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return makeError("not a non-negative integer");
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (max - digit) / 10)
            return makeError("out of range 0-" + std::to_string(max));
        value = value * 10 + digit;
    }
    return value;
}

} // namespace bwx::quality::detail
