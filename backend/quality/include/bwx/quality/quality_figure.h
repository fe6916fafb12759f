#pragma once
// The current quality figure of a path: the one number set the market matches buyers' limits
// against. It is computed from the stored samples as follows (docs/quality.md, "The quality
// figure"):
//
// 1. Basis. The exchange's own probes if their newest sample is fresh (no older than
//    ownStaleAfter); otherwise third-party data if its newest sample is fresh
//    (thirdPartyStaleAfter); otherwise whichever has data, own probes first, and the figure is
//    marked stale; otherwise the figure is Unknown. Samples older than forgetAfter are not used at
//    all.
// 2. Window. The basis's samples no older than `window` (own or third-party) before its newest one.
// 3. Figures. latency = nearest-rank p50 of the answered samples' latencies (p95 beside it),
//    loss = mean of the samples' loss, jitter = mean of the jitters given.
// 4. Unreachable when every sample in the window is unreachable, or when the newest
//    `unreachableAfter` samples are: a destination that stopped answering is reported as soon as
//    that is certain, never as a latency of zero.
#include "bwx/domain/units.h"
#include "bwx/quality/path_key.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bwx::quality {

enum class FigureState : std::uint8_t { Unknown = 0, Measured = 1, Unreachable = 2 };
enum class FigureBasis : std::uint8_t { None = 0, OwnProbes = 1, ThirdParty = 2 };

std::string_view toString(FigureState state) noexcept;
std::string_view toString(FigureBasis basis) noexcept;

struct QualityFigure
{
    PathKey path;
    FigureState state = FigureState::Unknown;
    FigureBasis basis = FigureBasis::None;
    bool stale = false;
    std::uint32_t latencyUs = 0;    // p50; 0 unless Measured
    std::uint32_t latencyP95Us = 0; // 0 unless Measured
    std::uint32_t lossPpm = 0;      // 1'000'000 when Unreachable
    std::uint32_t jitterUs = 0;     // 0 when no sample gave one
    std::uint8_t distance = 0;      // AS-path length from the registry; 0 = not known
    Timestamp measuredAt{};         // the newest sample used
    std::string source;             // that sample's source tag ("probe-icmp", "ripe-atlas", ...)
    std::uint32_t samples = 0;      // samples in the window

    bool known() const noexcept { return state != FigureState::Unknown; }
    friend bool operator==(const QualityFigure &, const QualityFigure &) = default;
};

struct FigurePolicy
{
    Duration ownWindow = seconds(15 * 60);
    Duration thirdPartyWindow = seconds(24 * 3600);
    Duration ownStaleAfter = seconds(30 * 60);
    Duration thirdPartyStaleAfter = seconds(48 * 3600);
    Duration forgetAfter = seconds(7 * 24 * 3600);
    std::uint32_t unreachableAfter = 2;
};

// Reason the policy is unusable, or nothing.
std::optional<std::string> checkPolicy(const FigurePolicy &policy);

struct FigureSample
{
    Timestamp time{};
    bool own = false;
    std::string source;
    std::optional<std::uint32_t> latencyUs;
    std::uint32_t lossPpm = 0;
    std::optional<std::uint32_t> jitterUs;
};

// `samples` in any order. Pure: the same samples, distance and time give the same figure.
QualityFigure computeFigure(const PathKey &path,
                            std::span<const FigureSample> samples,
                            std::uint8_t distance,
                            const FigurePolicy &policy,
                            Timestamp now);

// How far back computeFigure can look: samples older than now - lookback() never matter.
Duration lookback(const FigurePolicy &policy) noexcept;

} // namespace bwx::quality
