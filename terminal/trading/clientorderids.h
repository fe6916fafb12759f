#pragma once
// Client order ids must be unique per member across terminal restarts, without a counter to
// persist: ids start from the wall clock in microseconds and only ever increase.
#include <algorithm>
#include <bwx/domain/ids.h>
#include <cstdint>

namespace bwx::terminal {

class ClientOrderIdGenerator
{
public:
    ClientOrderId next(std::int64_t nowMsSinceEpoch)
    {
        const auto fromClock
            = static_cast<std::uint64_t>(std::max<std::int64_t>(nowMsSinceEpoch, 0)) * 1000u;
        m_last = std::max(m_last + 1, fromClock);
        return ClientOrderId(m_last);
    }

private:
    std::uint64_t m_last = 0;
};

} // namespace bwx::terminal
