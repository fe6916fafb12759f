#pragma once
// How much of a need is already bought. A commitment is capacity over a delivery period: one of
// the member's trades (as buyer) or the rest of one of its open buy orders — manual ones as much
// as the manager's own (claim 23). Only commitments on exactly the need's destination count: a
// trade toward a covering prefix may be meant for other traffic, and counting it for every need
// inside it would count it several times.
#include "access/accessstate.h"
#include "access/rules.h"

#include <optional>
#include <vector>

namespace bwx::access {

struct Commitment
{
    enum class Kind : std::uint8_t { Trade = 1, Order = 2 };
    Kind kind = Kind::Trade;
    std::uint64_t id = 0; // trade id or order id
    Timestamp start{};
    Timestamp end{};
    Bandwidth capacity{};
    Price price{};        // the trade's price, or the order's limit
    bool delivering = true; // false for a suspended trade: it may come back, but carries nothing
};

// The member's buy commitments on `destination`, in the state's order.
std::vector<Commitment> commitmentsOn(const AccessState &state, const Destination &destination);

// Sum of the capacities of `commitments` in force at `t`.
Bandwidth capacityAt(const std::vector<Commitment> &commitments, Timestamp t);
// The largest capacityAt over [from, to).
Bandwidth peakCapacity(const std::vector<Commitment> &commitments, Timestamp from, Timestamp to);

// A stretch of time a need wants covered.
struct Target
{
    Timestamp start{};
    Timestamp end{};
    Timestamp purchaseEnd{}; // what a purchase starting in this target runs until
    bool renewal = false;    // a period after the current one, bought ahead
};

// The exchange's clock rounded up to a whole second: delivery periods the manager asks for start
// on whole seconds.
Timestamp wholeSecondAtOrAfter(Timestamp t);

// What the need wants covered from `now` on: the rest of the current period and, within the
// renewal lead, the next one. Empty when a fixed period without renewal is over.
std::vector<Target> targetsFor(const Need &need, Timestamp now);

struct Gap
{
    Timestamp start{};       // first instant with less than the need
    Timestamp purchaseEnd{}; // a purchase for the gap runs until here
    Bandwidth covered{};     // what is in force at `start`
    bool renewal = false;
};

// The first instant in `targets` where the delivering commitments fall short of the need.
std::optional<Gap> firstGap(const Need &need,
                            const std::vector<Target> &targets,
                            const std::vector<Commitment> &delivering);

// Rounds up to a whole number of blocks.
Bandwidth roundUpToBlock(Bandwidth capacity, Bandwidth block);
Bandwidth roundDownToBlock(Bandwidth capacity, Bandwidth block);

} // namespace bwx::access
