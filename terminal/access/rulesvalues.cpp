#include "access/rulesvalues.h"

#include <array>
#include <cctype>
#include <charconv>
#include <limits>

namespace bwx::access {

namespace {

struct Unit
{
    std::string_view suffix;
    std::int64_t nanos;
};

// Longest suffixes first so "ms" is not read as "m" followed by garbage.
constexpr std::array<Unit, 6> kUnits{{
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"d", 86'400'000'000'000},
}};

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

bool allDigits(std::string_view text)
{
    if (text.empty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

std::optional<std::int64_t> toInteger(std::string_view digits)
{
    if (!allDigits(digits))
        return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

constexpr std::array<std::string_view, 7> kDayShort{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> kDayLong{"monday", "tuesday", "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

Expected<Duration> parseDuration(std::string_view text)
{
    const auto unitError = [&] {
        return makeError("invalid duration " + quoted(text)
                         + ": expected a whole number with a unit (us, ms, s, m, h, d), e.g. "
                           "\"30s\" or \"7d\"");
    };
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    if (digits == 0)
        return unitError();
    const std::string_view suffix = text.substr(digits);
    for (const Unit &unit : kUnits) {
        if (suffix != unit.suffix)
            continue;
        const auto value = toInteger(text.substr(0, digits));
        if (!value || *value > std::numeric_limits<std::int64_t>::max() / unit.nanos)
            return makeError("invalid duration " + quoted(text) + ": too large");
        if (*value == 0)
            return makeError("invalid duration " + quoted(text) + ": must be more than 0");
        return Duration(*value * unit.nanos);
    }
    return unitError();
}

std::string formatDuration(Duration duration)
{
    const std::int64_t nanos = duration.value();
    for (auto it = kUnits.rbegin(); it != kUnits.rend(); ++it) {
        if (nanos != 0 && nanos % it->nanos == 0)
            return std::to_string(nanos / it->nanos) + std::string(it->suffix);
    }
    if (nanos == 0)
        return "0s";
    // Below a microsecond: not writable in the file format; the parser never produces it.
    return std::to_string(nanos / 1000) + "us";
}

Expected<std::uint32_t> parseLatencyUs(std::string_view text)
{
    const auto duration = parseDuration(text);
    if (!duration)
        return makeError(duration.error());
    const std::int64_t us = duration->value() / 1000;
    if (us > std::numeric_limits<std::uint32_t>::max())
        return makeError("latency " + quoted(text) + " is too large (at most 4294967295us)");
    return static_cast<std::uint32_t>(us);
}

std::string formatLatencyUs(std::uint32_t us)
{
    return formatDuration(Duration(std::int64_t{us} * 1000));
}

Expected<std::uint32_t> parseLossPpm(std::string_view text)
{
    const auto bad = [&](std::string_view why) {
        return makeError("invalid loss " + quoted(text) + ": " + std::string(why));
    };
    if (text.ends_with("ppm")) {
        const auto value = toInteger(text.substr(0, text.size() - 3));
        if (!value)
            return bad("expected a whole number of ppm, e.g. \"5000ppm\"");
        if (*value < 1 || *value > 1'000'000)
            return bad("must be from 1ppm to 1000000ppm");
        return static_cast<std::uint32_t>(*value);
    }
    if (!text.ends_with("%"))
        return bad("expected a percentage (\"0.5%\") or parts per million (\"5000ppm\")");
    const std::string_view number = text.substr(0, text.size() - 1);
    const std::size_t dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view fraction
        = dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    if (!allDigits(whole) || (dot != std::string_view::npos && !allDigits(fraction)))
        return bad("expected a percentage such as \"0.5%\"");
    // 1 % = 10 000 ppm: four decimals are the most a ppm value can hold exactly.
    if (fraction.size() > 4)
        return bad("more than 4 decimals (use ppm for finer values)");
    const auto wholeValue = toInteger(whole);
    if (!wholeValue || *wholeValue > 100)
        return bad("must be at most 100%");
    std::int64_t ppm = *wholeValue * 10'000;
    std::int64_t scale = 1'000;
    for (const char c : fraction) {
        ppm += (c - '0') * scale;
        scale /= 10;
    }
    if (ppm < 1 || ppm > 1'000'000)
        return bad("must be more than 0% and at most 100%");
    return static_cast<std::uint32_t>(ppm);
}

std::string formatLossPpm(std::uint32_t ppm)
{
    if (ppm % 100 != 0)
        return std::to_string(ppm) + "ppm";
    std::string text = std::to_string(ppm / 10'000);
    std::string fraction = std::to_string(ppm % 10'000);
    if (ppm % 10'000 != 0) {
        fraction.insert(0, 4 - fraction.size(), '0');
        while (fraction.back() == '0')
            fraction.pop_back();
        text += "." + fraction;
    }
    return text + "%";
}

Expected<int> parseTimeOfDay(std::string_view text)
{
    const auto bad = [&] {
        return makeError("invalid time of day " + quoted(text) + ": expected HH:MM from 00:00 to "
                         "24:00 (UTC)");
    };
    if (text.size() != 5 || text[2] != ':')
        return bad();
    const auto hours = toInteger(text.substr(0, 2));
    const auto minutes = toInteger(text.substr(3, 2));
    if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0))
        return bad();
    return static_cast<int>(*hours * 60 + *minutes);
}

std::string formatTimeOfDay(int minutes)
{
    std::string text(5, '0');
    text[0] = static_cast<char>('0' + minutes / 600);
    text[1] = static_cast<char>('0' + minutes / 60 % 10);
    text[2] = ':';
    text[3] = static_cast<char>('0' + minutes % 60 / 10);
    text[4] = static_cast<char>('0' + minutes % 10);
    return text;
}

Expected<int> parseWeekday(std::string_view text)
{
    const std::string name = lower(text);
    for (std::size_t i = 0; i < kDayShort.size(); ++i) {
        if (name == kDayShort[i] || name == kDayLong[i])
            return static_cast<int>(i);
    }
    return makeError("unknown day " + quoted(text) + " (mon, tue, wed, thu, fri, sat, sun)");
}

std::string_view weekdayName(int index)
{
    return index >= 0 && index < 7 ? kDayShort[static_cast<std::size_t>(index)] : "?";
}

} // namespace bwx::access
