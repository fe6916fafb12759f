#pragma once
// A contribution: one trade (by the arbiter's dense trade index) in one role, the unit the
// arbiter decides a receiver's route at a prefix from. Packed into 32 bits.
#include "bwx/proto/records.h"

#include <cstdint>

namespace bwx::arbiter::detail {

// (tradeIndex << 1 | role bit) + 1; 0 means "none".
using Contribution = std::uint32_t;

inline Contribution makeContribution(std::uint32_t tradeIndex, proto::ExportRole role) noexcept
{
    return ((tradeIndex << 1) | (role == proto::ExportRole::BuyerPrefixToSeller ? 1u : 0u)) + 1;
}
inline std::uint32_t tradeIndexOf(Contribution c) noexcept
{
    return (c - 1) >> 1;
}
inline proto::ExportRole roleOf(Contribution c) noexcept
{
    return ((c - 1) & 1u) ? proto::ExportRole::BuyerPrefixToSeller
                          : proto::ExportRole::SellerRouteToBuyer;
}

} // namespace bwx::arbiter::detail
