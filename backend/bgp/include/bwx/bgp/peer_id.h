#pragma once
// The speaker's name for one configured peer (a session), in its own header so that the
// interfaces the speaker calls out through need not include the speaker.
#include "bwx/domain/units.h"

#include <cstdint>

namespace bwx::bgp {

using PeerId = StrongInt<struct PeerIdTag, std::uint32_t>;

} // namespace bwx::bgp
