#include "access/timewindows.h"

#include "access/rulesvalues.h"

namespace bwx::access {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

bool hasDay(const TimeWindow &w, int day)
{
    return (w.days >> day) & 1u;
}

bool contains(const TimeWindow &w, int day, int minute)
{
    if (w.fromMinute < w.toMinute)
        return hasDay(w, day) && minute >= w.fromMinute && minute < w.toMinute;
    // Wraps past midnight: the evening belongs to the listed day, the early morning to the day
    // after it.
    const int previous = (day + 6) % 7;
    return (hasDay(w, day) && minute >= w.fromMinute) || (hasDay(w, previous) && minute < w.toMinute);
}

} // namespace

bool withinWindows(const std::vector<TimeWindow> &windows, Timestamp t)
{
    if (windows.empty())
        return true;
    const std::int64_t secondsSinceEpoch = floorDiv(t.value(), units::kNanosPerSecond);
    const std::int64_t days = floorDiv(secondsSinceEpoch, 86'400);
    // 1970-01-01 was a Thursday; Monday is day 0.
    const int day = static_cast<int>(((days % 7) + 7 + 3) % 7);
    const int minute = static_cast<int>((secondsSinceEpoch - days * 86'400) / 60);
    for (const TimeWindow &w : windows) {
        if (contains(w, day, minute))
            return true;
    }
    return false;
}

std::string describe(const TimeWindow &window)
{
    std::string days;
    if (window.days == 0x7f) {
        days = "every day";
    } else {
        for (int i = 0; i < 7; ++i) {
            if (!hasDay(window, i))
                continue;
            if (!days.empty())
                days += ",";
            days += weekdayName(i);
        }
    }
    return days + " " + formatTimeOfDay(window.fromMinute) + "-" + formatTimeOfDay(window.toMinute)
           + " UTC";
}

} // namespace bwx::access
