#pragma once
// Remembers, from one quality matrix to the next, since when each trade serving a need has had
// quality beyond the need's limits. A fresh measurement within the limits clears it; a stale or
// unknown one changes nothing (no news is not good news, nor bad). The engine replaces a trade
// whose bad run has lasted the need's replace_after (state.badQualitySince).
#include "access/accessstate.h"
#include "access/rules.h"

#include <map>
#include <string>
#include <utility>

namespace bwx::access {

class QualityTracker
{
public:
    using Key = std::pair<std::string, std::uint64_t>; // need name, trade id

    // Looks at every active or scheduled trade of the member toward a need with replace_after,
    // and the matrix cell of its seller toward the need's prefix.
    void observe(const Rules &rules, const AccessState &state);
    const std::map<Key, Timestamp> &badSince() const { return m_badSince; }
    void clear() { m_badSince.clear(); }

private:
    std::map<Key, Timestamp> m_badSince;
};

// Whether a measured cell breaks the limits (unreachable always does).
bool beyondLimits(const proto::QualityCell &cell, const proto::QualityLimits &limits);

} // namespace bwx::access
