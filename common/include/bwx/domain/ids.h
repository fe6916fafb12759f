#pragma once
// Identifiers. Each is its own type so an order id is never passed where a trade id is expected.
#include <cstdint>
#include <functional>

#include "bwx/domain/units.h"

namespace bwx {

using MemberId = StrongInt<struct MemberIdTag, std::uint32_t>;
using OrderId = StrongInt<struct OrderIdTag, std::uint64_t>;
using TradeId = StrongInt<struct TradeIdTag, std::uint64_t>;
// Chosen by the client, unique per member; resubmitting the same id is idempotent.
using ClientOrderId = StrongInt<struct ClientOrderIdTag, std::uint64_t>;
// Position of a command in the journal: every accepted command gets the next one.
using Seq = StrongInt<struct SeqTag, std::uint64_t>;

struct StrongIntHash {
    template <class Tag, class Rep>
    std::size_t operator()(StrongInt<Tag, Rep> v) const noexcept { return std::hash<Rep>{}(v.value()); }
};

} // namespace bwx
