#include "time_argument.h"

#include <limits>
#include <string>

namespace bwx::ctl {

Expected<Timestamp> parseTimeArgument(std::string_view text, Timestamp now)
{
    if (text == "now")
        return now;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        const std::string shown(text);
        const bool past = text.front() == '-';
        std::string_view digits = text.substr(1);
        if (digits.size() < 2)
            return makeError("invalid time '" + shown
                             + "': expected +N or -N with a unit s, m, h or d");
        const char unit = digits.back();
        digits.remove_suffix(1);
        std::int64_t perUnit = 0;
        switch (unit) {
        case 's':
            perUnit = 1;
            break;
        case 'm':
            perUnit = 60;
            break;
        case 'h':
            perUnit = 3600;
            break;
        case 'd':
            perUnit = 86400;
            break;
        default:
            return makeError("invalid time '" + shown + "': unit must be s, m, h or d");
        }
        std::int64_t n = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return makeError("invalid time '" + shown + "': '" + std::string(digits)
                                 + "' is not a whole number");
            n = n * 10 + (c - '0');
            // Beyond 100 years an offset is a typo, and the product stays far from overflow.
            if (n * perUnit > 100LL * 366 * 86400)
                return makeError("invalid time '" + shown + "': more than 100 years away");
        }
        const Duration offset = seconds(n * perUnit);
        return past ? now - offset : now + offset;
    }
    return parseTimestamp(text);
}

} // namespace bwx::ctl
