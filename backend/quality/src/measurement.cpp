#include "bwx/quality/measurement.h"

namespace bwx::quality {

bool isOwnSource(std::string_view source) noexcept
{
    return source == sources::kProbeIcmp || source == sources::kProbeUdp;
}

std::optional<std::string> checkSourceName(std::string_view source)
{
    if (source.empty())
        return "source is empty";
    if (source.size() > 32)
        return "source is longer than 32 characters";
    const auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    if (!alnum(source.front()))
        return "source must start with a lower-case letter or digit";
    for (const char c : source) {
        if (!alnum(c) && c != '.' && c != '_' && c != '-')
            return "source may only hold a-z, 0-9, '.', '_' and '-'";
    }
    return std::nullopt;
}

std::optional<std::string> checkMeasurement(const Measurement &m)
{
    if (m.path.seller.value() == 0)
        return "seller 0 is not a member id";
    if (m.time.value() <= 0)
        return "time is not set";
    if (auto bad = checkSourceName(m.source))
        return bad;
    if (m.lossPpm > kAllLostPpm)
        return "loss " + std::to_string(m.lossPpm) + " ppm is above 1000000";
    if (!m.latencyUs && m.lossPpm != kAllLostPpm)
        return "no latency although not every probe was lost";
    if (m.latencyUs && m.lossPpm == kAllLostPpm)
        return "a latency although every probe was lost";
    if (m.jitterUs && !m.latencyUs)
        return "a jitter without a latency";
    if (m.received > m.sent)
        return "received " + std::to_string(m.received) + " > sent " + std::to_string(m.sent);
    if (m.sent > 0 && (m.received == 0) != m.unreachable())
        return "received count disagrees with reachability";
    return std::nullopt;
}

} // namespace bwx::quality
