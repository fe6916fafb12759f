#include "bwx/quality/quality_publisher.h"

#include <algorithm>

namespace bwx::quality {

QualityPublisher::QualityPublisher(PublishPolicy policy, Sink sink)
    : m_policy(policy)
    , m_sink(std::move(sink))
{}

namespace {

std::uint32_t absDiff(std::uint32_t a, std::uint32_t b)
{
    return a > b ? a - b : b - a;
}

} // namespace

std::string QualityPublisher::difference(const QualityFigure &last,
                                         const QualityFigure &next,
                                         bool &urgent) const
{
    urgent = true;
    if (last.state != next.state)
        return std::string(toString(last.state)) + " -> " + std::string(toString(next.state));
    if (last.stale != next.stale)
        return next.stale ? "stale" : "fresh again";
    if (last.basis != next.basis)
        return "basis " + std::string(toString(last.basis)) + " -> "
               + std::string(toString(next.basis));
    if (last.distance != next.distance)
        return "distance " + std::to_string(last.distance) + " -> " + std::to_string(next.distance);
    urgent = false;
    if (next.state != FigureState::Measured)
        return {};
    const std::uint64_t relative
        = std::uint64_t{last.latencyUs} * m_policy.latencyRelPermille / 1000;
    const std::uint64_t threshold = std::max<std::uint64_t>(m_policy.latencyAbsUs, relative);
    std::string reason;
    if (absDiff(last.latencyUs, next.latencyUs) > threshold)
        reason = "latency " + std::to_string(last.latencyUs) + " -> "
                 + std::to_string(next.latencyUs) + " us";
    if (absDiff(last.lossPpm, next.lossPpm) > m_policy.lossAbsPpm)
        reason += (reason.empty() ? "" : ", ") + std::string("loss ") + std::to_string(last.lossPpm)
                  + " -> " + std::to_string(next.lossPpm) + " ppm";
    return reason;
}

void QualityPublisher::publish(PathState &state,
                               const QualityFigure &figure,
                               std::string reason,
                               Timestamp now)
{
    QualityChange change{figure, state.published, std::move(reason)};
    state.published = figure;
    state.publishedAt = now;
    state.pending.reset();
    m_sink(change);
}

void QualityPublisher::offer(const QualityFigure &figure, Timestamp now)
{
    PathState &state = m_paths[figure.path];
    if (!state.published) {
        // An unknown path stays silent: the market already treats it as unmeasured.
        if (figure.known() || figure.distance != 0)
            publish(state, figure, "first figure", now);
        return;
    }
    bool urgent = false;
    std::string reason = difference(*state.published, figure, urgent);
    if (reason.empty()) {
        // Back within the thresholds: a held change is no longer worth sending.
        state.pending.reset();
        return;
    }
    if (urgent || now - state.publishedAt >= m_policy.minInterval)
        publish(state, figure, std::move(reason), now);
    else
        state.pending = figure;
}

void QualityPublisher::flush(Timestamp now)
{
    for (auto &[path, state] : m_paths) {
        if (!state.pending || now - state.publishedAt < m_policy.minInterval)
            continue;
        const QualityFigure figure = *state.pending;
        bool urgent = false;
        std::string reason = difference(*state.published, figure, urgent);
        if (reason.empty())
            state.pending.reset();
        else
            publish(state, figure, std::move(reason), now);
    }
}

std::optional<Timestamp> QualityPublisher::nextFlush() const
{
    std::optional<Timestamp> next;
    for (const auto &[path, state] : m_paths) {
        if (!state.pending)
            continue;
        const Timestamp due = state.publishedAt + m_policy.minInterval;
        if (!next || due < *next)
            next = due;
    }
    return next;
}

std::optional<QualityFigure> QualityPublisher::published(const PathKey &path) const
{
    const auto it = m_paths.find(path);
    if (it == m_paths.end())
        return std::nullopt;
    return it->second.published;
}

std::size_t QualityPublisher::held() const noexcept
{
    return static_cast<std::size_t>(
        std::count_if(m_paths.begin(), m_paths.end(),
                      [](const auto &entry) { return entry.second.pending.has_value(); }));
}

} // namespace bwx::quality
