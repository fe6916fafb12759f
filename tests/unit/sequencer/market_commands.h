#pragma once
// Valid commands for the sequencer tests and the crash helper: members with roomy ports and
// plain GTC limit orders on a few documentation prefixes, delivered a day after `now`.
#include "bwx/domain/ids.h"
#include "bwx/domain/order_types.h"
#include "bwx/domain/units.h"
#include "bwx/proto/messages.h"

#include <cstdint>
#include <string>

namespace bwx::test {

proto::AddMember addMember(const std::string &name, std::uint32_t asn);

// `variant` picks the prefix and price deterministically, so buys and sells of nearby variants
// cross and trade.
proto::NewOrder limitOrder(ClientOrderId id, Side side, std::uint64_t variant, Timestamp now);

} // namespace bwx::test
