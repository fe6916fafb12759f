#include "bwx/domain/units.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace bwx {

// 128-bit intermediates keep price × bandwidth × time exact; GCC and Clang both provide it.
__extension__ using i128 = __int128;

std::optional<Money> amountFor(Price price, Bandwidth capacity, Duration period) noexcept
{
    // price [µ/(Mbit/s·month)] × capacity [kbit/s] / 1000 × period [ns] / (1e9 × s/month)
    constexpr std::uint64_t kDen = std::uint64_t{units::kKbpsPerMbps} * units::kNanosPerSecond
                                   * units::kSecondsPerMonth;
    static_assert(kDen < (std::uint64_t{1} << 63));
    if (price.value() >= 0 && capacity.value() >= 0 && period.value() >= 0) {
        // Every trade and order value comes here: with non-negative inputs and price × capacity
        // below 2^64 (any real order), the product is one 64 × 64-bit multiplication and the
        // quotient one 128 / 64-bit division, instead of the library's signed 128-bit overflow
        // check and 128 / 128-bit division. Same result.
        __extension__ using u128 = unsigned __int128;
        const u128 pc = u128(static_cast<std::uint64_t>(price.value())) * static_cast<std::uint64_t>(capacity.value());
        if ((pc >> 64) == 0) {
            const u128 num = pc * static_cast<std::uint64_t>(period.value()); // < 2^127
            const auto high = static_cast<std::uint64_t>(num >> 64);
            if (high >= kDen)
                return std::nullopt; // the quotient is 2^64 or more
            std::uint64_t q;
#if defined(__x86_64__)
            // GCC calls __udivti3 for any 128-bit division; divq is the one instruction it needs
            // when, as checked above, the quotient fits in 64 bits.
            std::uint64_t r;
            asm("divq %[d]" : "=a"(q), "=d"(r) : "a"(static_cast<std::uint64_t>(num)), "d"(high), [d] "r"(kDen));
#else
            q = static_cast<std::uint64_t>(num / kDen);
#endif
            if (q > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return std::nullopt;
            return Money(static_cast<std::int64_t>(q));
        }
    }
    const i128 pc = i128(price.value()) * capacity.value(); // |pc| < 2^126: cannot overflow
    i128 num = 0;
    if (__builtin_mul_overflow(pc, i128(period.value()), &num))
        return std::nullopt;
    const i128 den = i128(units::kKbpsPerMbps) * units::kNanosPerSecond * units::kSecondsPerMonth;
    const i128 q = num / den; // truncation toward zero; all inputs are non-negative in practice
    if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min())
        return std::nullopt;
    return Money(static_cast<std::int64_t>(q));
}

namespace {

std::string formatMicro(std::int64_t v)
{
    const bool neg = v < 0;
    // Work in unsigned so INT64_MIN does not overflow on negation.
    const std::uint64_t a = neg ? std::uint64_t(0) - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    const std::uint64_t whole = a / 1'000'000;
    std::uint64_t frac = a % 1'000'000;
    char digits[7];
    std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(frac));
    std::string f(digits);
    while (f.size() > 2 && f.back() == '0')
        f.pop_back();
    return (neg ? "-" : "") + std::to_string(whole) + "." + f;
}

// Parses "[-]digits[.digits]" scaled by 10^decimals; more fractional digits than allowed is an
// error, not a rounding.
Expected<std::int64_t> parseScaled(std::string_view text, int decimals, std::string_view what)
{
    const std::string shown(text);
    if (text.empty())
        return makeError("empty " + std::string(what));
    bool neg = false;
    if (text.front() == '-') {
        neg = true;
        text.remove_prefix(1);
    }
    const auto dot = text.find('.');
    const std::string_view intPart = text.substr(0, dot);
    const std::string_view fracPart = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (intPart.empty() && fracPart.empty())
        return makeError("invalid " + std::string(what) + " '" + shown + "'");
    for (char c : intPart)
        if (c < '0' || c > '9')
            return makeError("invalid " + std::string(what) + " '" + shown + "': unexpected character '" + std::string(1, c) + "'");
    for (char c : fracPart)
        if (c < '0' || c > '9')
            return makeError("invalid " + std::string(what) + " '" + shown + "': unexpected character '" + std::string(1, c) + "'");
    if (dot != std::string_view::npos && fracPart.empty())
        return makeError("invalid " + std::string(what) + " '" + shown + "': no digits after '.'");
    if (static_cast<int>(fracPart.size()) > decimals)
        return makeError("invalid " + std::string(what) + " '" + shown + "': more than " + std::to_string(decimals)
                         + " decimal places");
    i128 v = 0;
    for (char c : intPart) {
        v = v * 10 + (c - '0');
        if (v > std::numeric_limits<std::int64_t>::max())
            return makeError(std::string(what) + " '" + shown + "' is out of range");
    }
    for (int i = 0; i < decimals; ++i) {
        const int digit = i < static_cast<int>(fracPart.size()) ? fracPart[static_cast<std::size_t>(i)] - '0' : 0;
        v = v * 10 + digit;
    }
    if (v > std::numeric_limits<std::int64_t>::max())
        return makeError(std::string(what) + " '" + shown + "' is out of range");
    return static_cast<std::int64_t>(neg ? -v : v);
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (auto& c : r)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return r;
}

// Days since 1970-01-01 for a proleptic Gregorian date (valid for all int years we accept).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3u : 9u)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool isLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned daysInMonth(std::int64_t y, unsigned m)
{
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

} // namespace

std::string formatMoney(Money m) { return formatMicro(m.value()); }
std::string formatPrice(Price p) { return formatMicro(p.value()); }

std::string formatBandwidth(Bandwidth b)
{
    const std::int64_t k = b.value();
    if (k % 1000 == 0)
        return std::to_string(k / 1000) + " Mbps";
    if (k < 1000 && k > -1000)
        return std::to_string(k) + " kbps";
    // Sub-Mbit remainder: print as Mbit/s with up to three decimals, exactly.
    std::string frac = std::to_string(1000 + (k < 0 ? -k : k) % 1000).substr(1);
    while (!frac.empty() && frac.back() == '0')
        frac.pop_back();
    return std::to_string(k / 1000) + "." + frac + " Mbps";
}

Expected<Money> parseMoney(std::string_view text)
{
    auto v = parseScaled(text, 6, "amount");
    if (!v)
        return makeError(v.error());
    return Money(*v);
}

Expected<Price> parsePrice(std::string_view text)
{
    auto v = parseScaled(text, 6, "price");
    if (!v)
        return makeError(v.error());
    return Price(*v);
}

Expected<Bandwidth> parseBandwidth(std::string_view text)
{
    const std::string shown(text);
    std::string t = lower(text);
    // Unit suffix decides the scale to kbit/s; the number may have as many decimals as the
    // unit leaves room for (1.5G is fine, 1.0005M is not a whole kbit/s).
    int decimals = 0;
    std::int64_t scaleDiv = 1;
    auto strip = [&t](std::string_view suffix) {
        if (t.size() >= suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
            t.resize(t.size() - suffix.size());
            return true;
        }
        return false;
    };
    if (strip("gbps") || strip("gbit/s") || strip("g")) {
        decimals = 6; // to kbit/s
        scaleDiv = 1;
    } else if (strip("mbps") || strip("mbit/s") || strip("m")) {
        decimals = 3;
    } else if (strip("kbps") || strip("kbit/s") || strip("k")) {
        decimals = 0;
    } else {
        decimals = 3; // bare numbers are Mbit/s
    }
    while (!t.empty() && t.back() == ' ')
        t.pop_back();
    auto v = parseScaled(t, decimals, "bandwidth");
    if (!v)
        return makeError(v.error() + " (in '" + shown + "')");
    if (*v < 0)
        return makeError("bandwidth '" + shown + "' is negative");
    return Bandwidth(*v / scaleDiv);
}

std::string formatTimestamp(Timestamp t)
{
    const std::int64_t ns = t.value();
    std::int64_t secs = ns / units::kNanosPerSecond;
    std::int64_t frac = ns % units::kNanosPerSecond;
    if (frac < 0) {
        frac += units::kNanosPerSecond;
        --secs;
    }
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    std::int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    char buf[64];
    if (frac == 0)
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                      static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                      static_cast<long long>(rem % 60));
    else
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%09lldZ", static_cast<long long>(y), m, d,
                      static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                      static_cast<long long>(rem % 60), static_cast<long long>(frac));
    return buf;
}

Expected<Timestamp> parseTimestamp(std::string_view text)
{
    const std::string shown(text);
    auto bad = [&](const std::string& why) {
        return makeError("invalid time '" + shown + "': " + why + " (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
    };
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > text.size())
            return false;
        out = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!num(0, 4, y) || text.size() < 10 || text[4] != '-' || !num(5, 2, mo) || text[7] != '-' || !num(8, 2, d))
        return bad("bad date");
    if (y < 1970 || y > 2200)
        return bad("year out of range 1970-2200");
    if (mo < 1 || mo > 12)
        return bad("month out of range");
    if (d < 1 || static_cast<unsigned>(d) > daysInMonth(y, static_cast<unsigned>(mo)))
        return bad("day out of range");
    std::int64_t frac = 0;
    if (text.size() > 10) {
        if ((text[10] != 'T' && text[10] != ' ') || !num(11, 2, h) || text.size() < 19 || text[13] != ':'
            || !num(14, 2, mi) || text[16] != ':' || !num(17, 2, s))
            return bad("bad time of day");
        if (h > 23 || mi > 59 || s > 59)
            return bad("time of day out of range");
        std::size_t pos = 19;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            int digits = 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (++digits > 9)
                    return bad("more than 9 fractional digits");
                frac = frac * 10 + (text[pos] - '0');
                ++pos;
            }
            if (digits == 0)
                return bad("no digits after '.'");
            for (int i = digits; i < 9; ++i)
                frac *= 10;
        }
        if (pos != text.size() - 1 || text[pos] != 'Z')
            return bad("must end in 'Z' (UTC)");
    }
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + s;
    return Timestamp(secs * units::kNanosPerSecond + frac);
}

} // namespace bwx
