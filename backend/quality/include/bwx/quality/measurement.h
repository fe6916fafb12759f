#pragma once
// One quality measurement of a path: a probe train of the exchange's own, or one imported
// third-party result. Integer units only: latency and jitter in microseconds, loss in parts per
// million. A path that answered nothing has no latency (never a latency of zero) and a loss of
// 1'000'000.
#include "bwx/domain/units.h"
#include "bwx/quality/path_key.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bwx::quality {

inline constexpr std::uint32_t kAllLostPpm = 1'000'000;

// Source tags. The exchange's own probes have fixed names that imported data may not claim, so a
// third-party file can never pass for the exchange's own measurement.
namespace sources {
inline constexpr std::string_view kProbeIcmp = "probe-icmp";
inline constexpr std::string_view kProbeUdp = "probe-udp";
inline constexpr std::string_view kRipeAtlas = "ripe-atlas";
inline constexpr std::string_view kIrtt = "irtt";
} // namespace sources

bool isOwnSource(std::string_view source) noexcept;
// A source tag is 1-32 characters of [a-z0-9._-], starting with a letter or digit. Returns the
// reason it is not, or nothing.
std::optional<std::string> checkSourceName(std::string_view source);

struct Measurement
{
    PathKey path;
    Timestamp time{};   // when the train (or the third-party result) started
    std::string source; // see sources::
    std::string origin; // which measurement within the source: probed address, Atlas probe, ...
    std::optional<std::uint32_t> latencyUs; // mean round-trip time of the answered probes
    std::uint32_t lossPpm = 0;
    std::optional<std::uint32_t> jitterUs; // mean |RTT(i) - RTT(i-1)| of adjacent answered probes
    std::uint32_t sent = 0;                // probes sent; 0 when the source does not say
    std::uint32_t received = 0;

    bool unreachable() const noexcept { return !latencyUs.has_value(); }
    bool ownProbe() const noexcept { return isOwnSource(source); }
    friend bool operator==(const Measurement &, const Measurement &) = default;
};

// The invariants every stored measurement holds (seller set, time set, valid source, loss in
// range, unreachable exactly when loss is total, jitter only with a latency, received <= sent).
// Returns the first violation, or nothing.
std::optional<std::string> checkMeasurement(const Measurement &m);

} // namespace bwx::quality
