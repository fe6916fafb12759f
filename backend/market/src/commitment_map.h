#pragma once
// Capacity committed over time: a step function of time, kept as the sorted points where it
// changes. A sell order's trades and a member's port commitments are such functions; matching
// asks for the most that is committed anywhere in an interval (a range maximum), and a trade
// adds its capacity over its delivery period.
//
// Trades of one order or one member mostly share delivery boundaries (month starts, the order's
// own period), so a map holds few points and a query scans the handful inside its interval. A
// point costs 16 bytes; adding an interval inserts at most two points.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace bwx::market::detail {

class CommitmentMap
{
public:
    struct Point
    {
        std::int64_t time;  // from here on (inclusive)...
        std::int64_t value; // ...this much is committed, until the next point
    };

    bool empty() const noexcept { return m_points.empty(); }
    const std::vector<Point> &points() const noexcept { return m_points; }
    void clear() noexcept { m_points.clear(); }

    // The most committed at any instant of [from, to); 0 where nothing is.
    std::int64_t maxOver(std::int64_t from, std::int64_t to) const noexcept
    {
        std::int64_t best = 0;
        auto it = upperBound(from);
        if (it != m_points.begin())
            best = std::prev(it)->value;
        for (; it != m_points.end() && it->time < to; ++it)
            best = std::max(best, it->value);
        return best;
    }

    // The least committed at any instant of [from, to).
    std::int64_t minOver(std::int64_t from, std::int64_t to) const noexcept
    {
        auto it = upperBound(from);
        std::int64_t least = it == m_points.begin() ? 0 : std::prev(it)->value;
        for (; it != m_points.end() && it->time < to; ++it)
            least = std::min(least, it->value);
        return least;
    }

    // The most committed at any instant.
    std::int64_t peak() const noexcept
    {
        std::int64_t best = 0;
        for (const Point &p : m_points)
            best = std::max(best, p.value);
        return best;
    }

    // Adds `amount` (negative to release) over [from, to); from < to.
    void add(std::int64_t from, std::int64_t to, std::int64_t amount)
    {
        // Trades of one order or member mostly share their period, so [from, to) is usually one
        // segment already: change its value in place unless that makes a point redundant.
        const auto at = lowerBound(from);
        if (at != m_points.end() && at->time == from && at + 1 != m_points.end() && (at + 1)->time == to) {
            const std::int64_t value = at->value + amount;
            const std::int64_t before = at == m_points.begin() ? 0 : std::prev(at)->value;
            if (value != before && value != (at + 1)->value) {
                m_points[static_cast<std::size_t>(at - m_points.begin())].value = value;
                return;
            }
        }
        const std::size_t first = split(from);
        const std::size_t last = split(to);
        for (std::size_t i = first; i < last; ++i)
            m_points[i].value += amount;
        // Drop points that no longer change the value, so released commitments leave nothing.
        const std::size_t lo = first == 0 ? 0 : first - 1;
        const std::size_t hi = std::min(last + 1, m_points.size());
        std::size_t out = lo;
        std::int64_t previous = lo == 0 ? 0 : m_points[lo - 1].value;
        for (std::size_t i = lo; i < hi; ++i) {
            if (m_points[i].value == previous)
                continue;
            previous = m_points[i].value;
            m_points[out++] = m_points[i];
        }
        if (out != hi)
            m_points.erase(m_points.begin() + static_cast<std::ptrdiff_t>(out),
                           m_points.begin() + static_cast<std::ptrdiff_t>(hi));
    }

    // Points strictly increasing in time, each changing the value, ending at 0, never negative.
    bool isConsistent() const noexcept
    {
        std::int64_t previousValue = 0;
        std::int64_t previousTime = std::numeric_limits<std::int64_t>::min();
        for (const Point &p : m_points) {
            if (p.time <= previousTime || p.value == previousValue || p.value < 0)
                return false;
            previousTime = p.time;
            previousValue = p.value;
        }
        return previousValue == 0;
    }

    friend bool operator==(const CommitmentMap &a, const CommitmentMap &b) noexcept
    {
        return a.m_points.size() == b.m_points.size()
               && std::equal(a.m_points.begin(), a.m_points.end(), b.m_points.begin(),
                             [](const Point &x, const Point &y) {
                                 return x.time == y.time && x.value == y.value;
                             });
    }

private:
    std::vector<Point>::const_iterator upperBound(std::int64_t t) const noexcept
    {
        return std::upper_bound(m_points.begin(), m_points.end(), t,
                                [](std::int64_t v, const Point &p) { return v < p.time; });
    }

    std::vector<Point>::const_iterator lowerBound(std::int64_t t) const noexcept
    {
        return std::lower_bound(m_points.begin(), m_points.end(), t,
                                [](const Point &p, std::int64_t v) { return p.time < v; });
    }

    // Index of the point at exactly `t`, inserted (carrying the value in force there) if absent.
    std::size_t split(std::int64_t t)
    {
        auto it = std::lower_bound(m_points.begin(), m_points.end(), t,
                                   [](const Point &p, std::int64_t v) { return p.time < v; });
        if (it != m_points.end() && it->time == t)
            return static_cast<std::size_t>(it - m_points.begin());
        const std::int64_t value = it == m_points.begin() ? 0 : std::prev(it)->value;
        it = m_points.insert(it, Point{t, value});
        return static_cast<std::size_t>(it - m_points.begin());
    }

    std::vector<Point> m_points;
};

} // namespace bwx::market::detail
