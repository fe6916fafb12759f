#include "time_text.h"

#include "bwx/net/address.h"

#include <string>

namespace bwx::quality::detail {

Expected<Timestamp> parseRfc3339(std::string_view text)
{
    // The date and time of day must be complete: a bare date is not a measurement time.
    if (text.size() == 19 && text[10] == 'T')
        return makeError(net::detail::quoteInput(text) + " has no time zone (Z or +HH:MM)");
    if (text.size() < 20 || text[10] != 'T')
        return makeError(net::detail::quoteInput(text)
                         + " is not an RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM))");
    std::int64_t offsetSeconds = 0;
    std::string local(text);
    const char last = text.back();
    if (last != 'Z') {
        if (text.size() < 25)
            return makeError(net::detail::quoteInput(text) + " has no time zone (Z or +HH:MM)");
        const std::string_view zone = text.substr(text.size() - 6);
        const bool digits = zone[1] >= '0' && zone[1] <= '9' && zone[2] >= '0' && zone[2] <= '9'
                            && zone[4] >= '0' && zone[4] <= '9' && zone[5] >= '0' && zone[5] <= '9';
        if ((zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !digits)
            return makeError(net::detail::quoteInput(text)
                             + " has no valid time zone (Z or +HH:MM)");
        const int hours = (zone[1] - '0') * 10 + (zone[2] - '0');
        const int minutes = (zone[4] - '0') * 10 + (zone[5] - '0');
        if (hours > 23 || minutes > 59)
            return makeError(net::detail::quoteInput(text) + ": time zone out of range");
        offsetSeconds = (zone[0] == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
        local = std::string(text.substr(0, text.size() - 6)) + "Z";
    }
    auto parsed = parseTimestamp(local);
    if (!parsed)
        return makeError(parsed.error());
    // Local time = UTC + offset, so UTC = local - offset; the result must stay within the range
    // BWX writes times in (after the epoch, before 2201).
    const Timestamp utc = *parsed - seconds(offsetSeconds);
    static const Timestamp kLast = *parseTimestamp("2200-12-31T23:59:59.999999999Z");
    if (utc.value() <= 0 || utc > kLast)
        return makeError(net::detail::quoteInput(text)
                         + " is outside 1970-01-01T00:00:00Z (exclusive) - 2200-12-31T23:59:59Z");
    return utc;
}

} // namespace bwx::quality::detail
