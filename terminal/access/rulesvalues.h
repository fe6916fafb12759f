#pragma once
// The text forms of values in a rules file that bwx's common parsers do not cover: durations
// ("30s", "15m", "7d"), latency ("40ms"), loss ("0.5%", "5000ppm"), times of day ("08:00") and
// weekdays. Exact integers throughout: a decimal that does not fit the unit is refused, never
// rounded.
#include <bwx/domain/units.h>
#include <bwx/expected.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace bwx::access {

// "<integer><unit>" with unit us, ms, s, m (minutes), h or d; positive.
Expected<Duration> parseDuration(std::string_view text);
// The largest unit that divides the duration exactly: 90 s -> "90s", 7200 s -> "2h".
std::string formatDuration(Duration duration);

// A latency limit in microseconds: a duration of at most ~71 minutes.
Expected<std::uint32_t> parseLatencyUs(std::string_view text);
std::string formatLatencyUs(std::uint32_t us);

// "0.5%" (at most 4 decimals) or "5000ppm"; the result is parts per million, 1..1000000.
Expected<std::uint32_t> parseLossPpm(std::string_view text);
std::string formatLossPpm(std::uint32_t ppm);

// "HH:MM", 00:00 to 24:00; minutes since midnight.
Expected<int> parseTimeOfDay(std::string_view text);
std::string formatTimeOfDay(int minutes);

// "mon" ... "sun" (or the full English name); bit 0 = Monday.
Expected<int> parseWeekday(std::string_view text);
std::string_view weekdayName(int index);

} // namespace bwx::access
