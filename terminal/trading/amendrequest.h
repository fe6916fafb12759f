#pragma once
#include <bwx/domain/ids.h>
#include <bwx/domain/units.h>

namespace bwx::terminal {

// A change to a resting order; zero leaves a field unchanged, as on the wire.
struct AmendRequest
{
    bwx::OrderId orderId{};
    bwx::Price newPrice{};
    bwx::Bandwidth newCapacity{};
};

} // namespace bwx::terminal
