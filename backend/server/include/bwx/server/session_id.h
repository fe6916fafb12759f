#pragma once
#include <cstdint>

namespace bwx::server {

// Numbers sessions for the life of the process; carried through the sequencer as Origin.session.
using SessionId = std::uint64_t;

// Origins the server uses for its own queries (never a real session: ids count up from 1).
inline constexpr SessionId kMarketWatchOrigin = ~SessionId{0};
// The quality of sells in book updates (book_quality.h); the request id is the round.
inline constexpr SessionId kBookQualityOrigin = ~SessionId{0} - 1;
// The member list the server loads at start (per-member rate limits).
inline constexpr SessionId kMembersOrigin = ~SessionId{0} - 2;
// Commands the server submits itself (SessionsClosed): nobody waits for their answer.
inline constexpr SessionId kServerCommandOrigin = ~SessionId{0} - 3;
// Commands and queries bwxd itself submits (ConfigureMarket); the server ignores their replies.
inline constexpr SessionId kDaemonOrigin = ~SessionId{0} - 4;

} // namespace bwx::server
