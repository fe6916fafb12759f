#include "bwx/quality/quality_figure.h"

#include "bwx/quality/measurement.h"
#include "bwx/quality/percentile.h"

#include <algorithm>
#include <vector>

namespace bwx::quality {

std::string_view toString(FigureState state) noexcept
{
    switch (state) {
    case FigureState::Unknown:
        return "unknown";
    case FigureState::Measured:
        return "measured";
    case FigureState::Unreachable:
        return "unreachable";
    }
    return "unknown";
}

std::string_view toString(FigureBasis basis) noexcept
{
    switch (basis) {
    case FigureBasis::None:
        return "none";
    case FigureBasis::OwnProbes:
        return "own-probes";
    case FigureBasis::ThirdParty:
        return "third-party";
    }
    return "none";
}

std::optional<std::string> checkPolicy(const FigurePolicy &p)
{
    if (!p.ownWindow.isPositive() || !p.thirdPartyWindow.isPositive())
        return "figure windows must be positive";
    if (!p.ownStaleAfter.isPositive() || !p.thirdPartyStaleAfter.isPositive())
        return "staleness thresholds must be positive";
    if (p.forgetAfter < p.ownStaleAfter || p.forgetAfter < p.thirdPartyStaleAfter)
        return "forget_after must not be shorter than the staleness thresholds";
    if (p.unreachableAfter == 0)
        return "unreachable_after must be at least 1";
    return std::nullopt;
}

Duration lookback(const FigurePolicy &p) noexcept
{
    return p.forgetAfter + std::max(p.ownWindow, p.thirdPartyWindow);
}

namespace {

std::uint32_t meanRounded(std::uint64_t sum, std::uint64_t count)
{
    return static_cast<std::uint32_t>((sum + count / 2) / count);
}

} // namespace

QualityFigure computeFigure(const PathKey &path,
                            std::span<const FigureSample> samples,
                            std::uint8_t distance,
                            const FigurePolicy &policy,
                            Timestamp now)
{
    QualityFigure figure;
    figure.path = path;
    figure.distance = distance;

    const Timestamp forgetBefore = now - policy.forgetAfter;
    std::optional<Timestamp> newestOwn;
    std::optional<Timestamp> newestThird;
    for (const FigureSample &s : samples) {
        if (s.time < forgetBefore)
            continue;
        std::optional<Timestamp> &newest = s.own ? newestOwn : newestThird;
        if (!newest || s.time > *newest)
            newest = s.time;
    }
    const bool ownFresh = newestOwn && now - *newestOwn <= policy.ownStaleAfter;
    const bool thirdFresh = newestThird && now - *newestThird <= policy.thirdPartyStaleAfter;
    bool own = false;
    if (ownFresh) {
        own = true;
    } else if (thirdFresh) {
        own = false;
    } else if (newestOwn) {
        own = true;
        figure.stale = true;
    } else if (newestThird) {
        own = false;
        figure.stale = true;
    } else {
        return figure;
    }
    figure.basis = own ? FigureBasis::OwnProbes : FigureBasis::ThirdParty;
    const Timestamp newest = own ? *newestOwn : *newestThird;
    const Timestamp windowStart = newest - (own ? policy.ownWindow : policy.thirdPartyWindow);

    std::vector<const FigureSample *> window;
    for (const FigureSample &s : samples) {
        if (s.own == own && s.time > windowStart && s.time <= newest && s.time >= forgetBefore)
            window.push_back(&s);
    }
    // Newest first, so "the newest N samples" is a prefix.
    std::sort(window.begin(), window.end(),
              [](const FigureSample *a, const FigureSample *b) { return a->time > b->time; });
    figure.measuredAt = newest;
    figure.source = window.front()->source;
    figure.samples = static_cast<std::uint32_t>(window.size());

    std::vector<std::uint32_t> latencies;
    std::uint64_t lossSum = 0;
    std::uint64_t jitterSum = 0;
    std::uint64_t jitterCount = 0;
    for (const FigureSample *s : window) {
        lossSum += std::min(s->lossPpm, kAllLostPpm);
        if (s->latencyUs)
            latencies.push_back(*s->latencyUs);
        if (s->jitterUs) {
            jitterSum += *s->jitterUs;
            ++jitterCount;
        }
    }
    const std::size_t recent = std::min<std::size_t>(policy.unreachableAfter, window.size());
    const bool recentAllLost
        = recent == policy.unreachableAfter
          && std::all_of(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(recent),
                         [](const FigureSample *s) { return !s->latencyUs; });
    if (latencies.empty() || recentAllLost) {
        figure.state = FigureState::Unreachable;
        figure.lossPpm = kAllLostPpm;
        return figure;
    }
    figure.state = FigureState::Measured;
    figure.latencyUs = percentileOf(latencies, 50);
    figure.latencyP95Us = percentileOf(latencies, 95);
    // Something answered, so the loss is not total even where rounding would make it so.
    figure.lossPpm = std::min(meanRounded(lossSum, window.size()), kAllLostPpm - 1);
    if (jitterCount > 0)
        figure.jitterUs = meanRounded(jitterSum, jitterCount);
    return figure;
}

} // namespace bwx::quality
