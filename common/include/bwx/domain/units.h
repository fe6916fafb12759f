#pragma once
// Integer domain types. Money, prices, bandwidth and time are distinct types so they cannot be
// mixed up by accident; there is no floating point anywhere in matching or billing.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bwx/expected.h"

namespace bwx {

template <class Tag, class Rep>
class StrongInt {
public:
    using rep = Rep;
    constexpr StrongInt() noexcept = default;
    constexpr explicit StrongInt(Rep v) noexcept : m_v(v) {}
    constexpr Rep value() const noexcept { return m_v; }
    constexpr auto operator<=>(const StrongInt&) const noexcept = default;

protected:
    Rep m_v{};
};

// An additive quantity: same-type + and -, scaling by a plain integer.
template <class Tag>
class Quantity : public StrongInt<Tag, std::int64_t> {
public:
    using StrongInt<Tag, std::int64_t>::StrongInt;
    constexpr Quantity operator+(Quantity o) const noexcept { return Quantity(this->m_v + o.m_v); }
    constexpr Quantity operator-(Quantity o) const noexcept { return Quantity(this->m_v - o.m_v); }
    constexpr Quantity& operator+=(Quantity o) noexcept { this->m_v += o.m_v; return *this; }
    constexpr Quantity& operator-=(Quantity o) noexcept { this->m_v -= o.m_v; return *this; }
    constexpr Quantity operator-() const noexcept { return Quantity(-this->m_v); }
    constexpr Quantity operator*(std::int64_t k) const noexcept { return Quantity(this->m_v * k); }
    constexpr bool isZero() const noexcept { return this->m_v == 0; }
    constexpr bool isPositive() const noexcept { return this->m_v > 0; }
};

struct MoneyTag;
struct PriceTag;
struct BandwidthTag;
struct DurationTag;

// An amount of money in micro-units of the exchange's settlement currency (1 EUR = 1'000'000).
using Money = Quantity<MoneyTag>;
// A price in micro-units per Mbit/s per month (the unit transit is quoted in).
using Price = Quantity<PriceTag>;
// Bandwidth in kbit/s. Orders are entered in Mbit/s; kbit/s leaves room for sub-Mbit blocks.
using Bandwidth = Quantity<BandwidthTag>;
// A span of time in nanoseconds.
using Duration = Quantity<DurationTag>;

// A point in time: nanoseconds since the Unix epoch, UTC. Assigned by the sequencer, so the
// market never reads a clock of its own and replay is deterministic.
class Timestamp : public StrongInt<struct TimestampTag, std::int64_t> {
public:
    using StrongInt::StrongInt;
    constexpr Timestamp operator+(Duration d) const noexcept { return Timestamp(m_v + d.value()); }
    constexpr Timestamp operator-(Duration d) const noexcept { return Timestamp(m_v - d.value()); }
    constexpr Duration operator-(Timestamp o) const noexcept { return Duration(m_v - o.m_v); }
    static constexpr Timestamp fromSeconds(std::int64_t s) noexcept { return Timestamp(s * 1'000'000'000); }
    constexpr std::int64_t seconds() const noexcept { return m_v / 1'000'000'000; }
    constexpr bool isSet() const noexcept { return m_v != 0; }
};

namespace units {
inline constexpr std::int64_t kMicro = 1'000'000;
inline constexpr std::int64_t kKbpsPerMbps = 1'000;
inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
// Prices are per month; a billing month is 30 days (2'592'000 s), as in transit contracts.
inline constexpr std::int64_t kSecondsPerMonth = 30LL * 24 * 3600;
} // namespace units

constexpr Duration seconds(std::int64_t s) noexcept { return Duration(s * units::kNanosPerSecond); }
constexpr Duration milliseconds(std::int64_t ms) noexcept { return Duration(ms * 1'000'000); }
constexpr Bandwidth mbps(std::int64_t m) noexcept { return Bandwidth(m * units::kKbpsPerMbps); }
constexpr Money wholeUnits(std::int64_t u) noexcept { return Money(u * units::kMicro); }

// Cost of `capacity` at `price` over `period`: price × Mbit/s × months, computed in 128-bit and
// rounded down to the micro-unit. Returns nullopt when the result does not fit in 64 bits.
std::optional<Money> amountFor(Price price, Bandwidth capacity, Duration period) noexcept;

// Text forms used by the CLI, the terminal and documents. Money and prices have 6 decimals at
// most; parsing rejects more digits instead of rounding so a typo never changes a price.
std::string formatMoney(Money m);                // "1234.500000" -> "1234.50" (at least 2 decimals)
std::string formatPrice(Price p);                // same digits as money
std::string formatBandwidth(Bandwidth b);        // "10000 Mbps", "1.5 Mbps", "250 kbps"
Expected<Money> parseMoney(std::string_view text);
Expected<Price> parsePrice(std::string_view text);
// "100", "100M", "100Mbps", "1.5G", "10Gbps", "512k": defaults to Mbit/s.
Expected<Bandwidth> parseBandwidth(std::string_view text);
// ISO 8601 UTC, "2026-11-26T06:52:05Z"; nanoseconds are printed only when non-zero.
std::string formatTimestamp(Timestamp t);
Expected<Timestamp> parseTimestamp(std::string_view text);

} // namespace bwx
