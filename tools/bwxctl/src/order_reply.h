#pragma once
// Waiting for the answer to an order command (new, amend, cancel) and the fills it caused.
#include "bwx/client/connection.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace bwx::ctl {

struct OrderOutcome
{
    proto::OrderView order;
    std::vector<proto::Fill> fills; // of this order, in arrival order
    bool fillsComplete = true;      // false when the deadline passed before all fills arrived
};

// Reads until the reply to `requestId` (an OrderUpdate, or a failing Result, thrown as
// Rejected). With `filledBefore` (what the order had filled before this command; 0 for a new
// order) it then reads until the fills received add up to what the command filled. Later
// unsolicited updates of the same order replace the state shown.
OrderOutcome awaitOrderOutcome(client::Connection &connection,
                               std::uint32_t requestId,
                               std::optional<Bandwidth> filledBefore,
                               std::chrono::milliseconds timeout);

} // namespace bwx::ctl
