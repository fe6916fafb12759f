#pragma once
// Billing periods are calendar months in UTC: [first day 00:00, first day of the next month).
#include "bwx/domain/units.h"
#include "bwx/expected.h"

#include <string>
#include <string_view>

namespace bwx::settlement {

struct BillingPeriod
{
    Timestamp start;
    Timestamp end;
    friend bool operator==(const BillingPeriod &, const BillingPeriod &) = default;
};

// The month holding `t`.
BillingPeriod monthOf(Timestamp t);
// The month that starts exactly at `start`; an error when `start` is not the first instant of
// a month (statements are asked for by their period start).
Expected<BillingPeriod> monthStartingAt(Timestamp start);
// "2026-11" (years 1970-2261: nanosecond timestamps end in 2262).
Expected<BillingPeriod> parseMonth(std::string_view text);
// "2026-11" for a period (or any time) in November 2026.
std::string formatMonth(Timestamp t);

} // namespace bwx::settlement
