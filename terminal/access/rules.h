#pragma once
// The access manager's rules (claims 23-25): what bandwidth the member needs, how sell orders are
// chosen, and the limits automation must stay within. This is the typed model of a rules file
// (docs/access-manager.md, format version 1); the parser builds it, the writer prints it back,
// the engine reads it. Plain C++: no Qt, so it is testable anywhere.
#include <bwx/domain/destination.h>
#include <bwx/domain/order_types.h>
#include <bwx/domain/units.h>
#include <bwx/proto/records.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bwx::access {

// The version written into and required from every rules file. A file with another version is
// refused: silently reinterpreting an operator's limits is worse than stopping.
inline constexpr int kRulesFormatVersion = 1;

enum class SelectionMode : std::uint8_t { Price = 1, Performance = 2, Weighted = 3 };

// Where a rule starts in its file, for messages. It is not part of what the rule means: the same
// rule written elsewhere compares equal, so reloading a reformatted file changes nothing.
struct SourceLine
{
    int value = 0;
    friend bool operator==(SourceLine, SourceLine) { return true; }
};

std::string_view toString(SelectionMode mode);
std::optional<SelectionMode> parseSelectionMode(std::string_view text);
RankingMode rankingModeFor(SelectionMode mode);

// When a need wants its capacity delivered.
struct PeriodRule
{
    enum class Kind : std::uint8_t { Fixed = 1, Rolling = 2 };
    Kind kind = Kind::Fixed;
    Timestamp start{}; // Fixed: [start, end)
    Timestamp end{};
    Duration length{}; // Rolling: each purchase covers this long, starting where coverage ends

    friend bool operator==(const PeriodRule &, const PeriodRule &) = default;
};

enum class Fallback : std::uint8_t {
    BuyOrder = 1, // nothing to take: rest a buy order with the need's limits
    None = 2,     // nothing to take: wait
};

std::string_view toString(Fallback fallback);

// One need: keep `capacity` toward `destination` covered over its period.
struct Need
{
    std::string name; // unique in the file; names decisions and the audit log
    Destination destination{};
    Bandwidth capacity{};
    Bandwidth minBlock{}; // fills are whole blocks; 0 = 1 Mbit/s
    PeriodRule period{};
    Price maxPrice{};     // the most the member pays per Mbit/s per month
    proto::QualityLimits limits{};
    TrafficType traffic = TrafficType::Any;
    std::optional<SelectionMode> mode; // unset: the group's, else the file's
    std::optional<proto::RankingWeights> weights;
    Duration renewBefore{};  // 0: no renewal of a fixed period; rolling: buy the next one this early
    Duration replaceAfter{}; // 0: never; else quality beyond the limits this long replaces a trade
    Fallback fallback = Fallback::BuyOrder;
    Duration fallbackExpiry{}; // how long a fallback buy order rests (GTD); 0 = the default
    SourceLine line;

    Bandwidth effectiveBlock() const { return minBlock.isPositive() ? minBlock : mbps(1); }
    friend bool operator==(const Need &, const Need &) = default;
};

// A weekly time range in UTC during which automation may act. `days` is a bit set, bit 0 =
// Monday ... bit 6 = Sunday; minutes count from 00:00 UTC. from > to wraps past midnight (the
// part after midnight belongs to the next day); to = 1440 is the end of the day.
struct TimeWindow
{
    std::uint8_t days = 0x7f;
    int fromMinute = 0;
    int toMinute = 1440;
    SourceLine line;
    friend bool operator==(const TimeWindow &, const TimeWindow &) = default;
};

struct Group
{
    std::string name;
    bool enabled = true;
    std::optional<SelectionMode> mode;
    std::optional<proto::RankingWeights> weights;
    std::vector<TimeWindow> windows; // empty: the file's windows alone decide
    std::vector<Need> needs;
    SourceLine line;
    friend bool operator==(const Group &, const Group &) = default;
};

struct DestinationCap
{
    Destination destination{};
    Bandwidth maxCapacity{};
    SourceLine line;
    friend bool operator==(const DestinationCap &, const DestinationCap &) = default;
};

// Limits over everything the member buys, manual orders included.
struct Caps
{
    std::optional<Money> spendPerMonth;                     // per calendar month, UTC
    std::optional<Bandwidth> maxCapacityPerDestination;     // at any instant, per destination
    std::vector<DestinationCap> destinations;               // overrides for single destinations
    friend bool operator==(const Caps &, const Caps &) = default;
};

// When data is too old to trade on.
struct Safety
{
    Duration maxBookAge = seconds(30);     // the candidate list a decision uses
    Duration maxQualityAge = seconds(600); // the quality matrix a decision uses
    Duration maxSilence = seconds(20);     // since the last message from the exchange
    std::string stopFile;                  // kill switch file; empty = the terminal's default
    friend bool operator==(const Safety &, const Safety &) = default;
};

struct Rules
{
    int version = kRulesFormatVersion;
    SelectionMode mode = SelectionMode::Price;
    proto::RankingWeights weights{};
    Duration evaluateEvery = seconds(30); // the terminal's cycle; headless runs once
    Safety safety{};
    Caps caps{};
    std::vector<TimeWindow> windows;
    std::vector<Group> groups;

    friend bool operator==(const Rules &, const Rules &) = default;

    // The selection settings in force for a need: its own, else its group's, else the file's.
    SelectionMode modeFor(const Group &group, const Need &need) const;
    proto::RankingWeights weightsFor(const Group &group, const Need &need) const;
    // The Mbit/s cap for a destination: its own entry, else the per-destination default.
    std::optional<Bandwidth> capacityCapFor(const Destination &destination) const;
    const Need *findNeed(std::string_view name, const Group **group = nullptr) const;
};

// Defaults that the file may leave out.
inline constexpr Duration kDefaultFallbackExpiry = seconds(3600);

} // namespace bwx::access
