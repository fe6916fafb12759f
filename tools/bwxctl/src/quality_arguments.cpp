#include "quality_arguments.h"

#include <limits>
#include <string>
#include <vector>

namespace bwx::ctl {
namespace {

// A non-negative decimal with at most `decimals` digits after the point, times 10^decimals.
Expected<std::uint64_t>
scaledDecimal(std::string_view text, int decimals, std::uint64_t max, std::string_view what)
{
    const std::string shown(text);
    if (text.empty())
        return makeError("invalid " + std::string(what) + " '': expected a number");
    std::uint64_t whole = 0;
    std::uint64_t fraction = 0;
    int fractionDigits = 0;
    bool point = false;
    bool digits = false;
    for (const char c : text) {
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return makeError("invalid " + std::string(what) + " '" + shown
                             + "': expected a number such as 12 or 12.5");
        digits = true;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (point) {
            if (++fractionDigits > decimals)
                return makeError("invalid " + std::string(what) + " '" + shown + "': more than "
                                 + std::to_string(decimals) + " decimal places");
            fraction = fraction * 10 + digit;
        } else {
            whole = whole * 10 + digit;
            if (whole > max)
                return makeError("invalid " + std::string(what) + " '" + shown + "': too large");
        }
    }
    if (!digits)
        return makeError("invalid " + std::string(what) + " '" + shown + "': expected a number");
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    for (int i = fractionDigits; i < decimals; ++i)
        fraction *= 10;
    return whole * scale + fraction;
}

std::string trimmedDecimal(std::uint64_t value, int decimals)
{
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    std::string text = std::to_string(value / scale);
    if (const std::uint64_t fraction = value % scale; fraction != 0) {
        std::string digits = std::to_string(scale + fraction).substr(1);
        while (digits.back() == '0')
            digits.pop_back();
        text += "." + digits;
    }
    return text;
}

} // namespace

Expected<std::uint32_t> parseLatencyMs(std::string_view text)
{
    auto us = scaledDecimal(text, 3, std::numeric_limits<std::uint32_t>::max() / 1000,
                            "latency (ms)");
    if (!us)
        return makeError(us.error());
    if (*us > std::numeric_limits<std::uint32_t>::max())
        return makeError("invalid latency (ms) '" + std::string(text) + "': too large");
    return static_cast<std::uint32_t>(*us);
}

Expected<std::uint32_t> parseLossPercent(std::string_view text)
{
    auto ppm = scaledDecimal(text, 4, 100, "loss (%)");
    if (!ppm)
        return makeError(ppm.error());
    if (*ppm > 1'000'000)
        return makeError("invalid loss (%) '" + std::string(text) + "': above 100 %");
    return static_cast<std::uint32_t>(*ppm);
}

Expected<proto::RankingWeights> parseWeights(std::string_view text)
{
    std::vector<std::uint16_t> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string_view part
            = text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                  : comma - start);
        auto value = scaledDecimal(part, 0, 65535, "weight");
        if (!value)
            return makeError("invalid --weights '" + std::string(text)
                             + "': each weight is a whole number from 0 to 65535 ("
                             + value.error() + ")");
        if (*value > 65535)
            return makeError("invalid --weights '" + std::string(text) + "': a weight is above 65535");
        values.push_back(static_cast<std::uint16_t>(*value));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    if (values.size() != 4)
        return makeError("invalid --weights '" + std::string(text)
                         + "': give four weights, price,latency,loss,distance (e.g. 50,30,20,0)");
    if (values[0] == 0 && values[1] == 0 && values[2] == 0 && values[3] == 0)
        return makeError("invalid --weights '" + std::string(text)
                         + "': at least one weight must be above 0");
    return proto::RankingWeights{values[0], values[1], values[2], values[3]};
}

Expected<std::uint32_t> parseMessageRate(std::string_view text)
{
    auto rate = scaledDecimal(text, 0, 100'000'000, "message rate");
    if (!rate)
        return makeError(rate.error());
    if (*rate == 0)
        return makeError("invalid message rate '" + std::string(text)
                         + "': must be at least 1 message per second");
    return static_cast<std::uint32_t>(*rate);
}

std::string latencyMsText(std::uint32_t microseconds)
{
    return trimmedDecimal(microseconds, 3) + " ms";
}

std::string lossPercentText(std::uint32_t ppm)
{
    return trimmedDecimal(ppm, 4) + " %";
}

} // namespace bwx::ctl
