#pragma once
#include <cstdint>

namespace bwx::server {

// Numbers sessions for the life of the process; carried through the sequencer as Origin.session.
using SessionId = std::uint64_t;

// Origins the server uses for its own queries (never a real session: ids count up from 1).
inline constexpr SessionId kMarketWatchOrigin = ~SessionId{0};

} // namespace bwx::server
