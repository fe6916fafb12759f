#pragma once
// Money committed per calendar month (UTC), for the monthly spend cap. A commitment of capacity
// at a price over a delivery period costs, in each month it touches, bwx::amountFor(price,
// capacity, the part of the period inside that month) — the exchange's own arithmetic, so the
// cap and the bill agree to the micro-unit (apart from the rounding down of each part).
#include "access/accessstate.h"

#include <bwx/domain/units.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bwx::access {

// A calendar month as year * 12 + (month - 1).
using MonthKey = std::int64_t;

MonthKey monthOf(Timestamp t);
Timestamp monthStart(MonthKey month);
std::string monthName(MonthKey month); // "2030-01"

struct MonthAmount
{
    MonthKey month = 0;
    Money amount{};
};

// The cost of `capacity` at `price` over [start, end), split by month; nullopt when an amount
// does not fit in Money.
std::optional<std::vector<MonthAmount>> costByMonth(Price price, Bandwidth capacity,
                                                    Timestamp start, Timestamp end);

class SpendLedger
{
public:
    // Every buy trade of the member that is not cancelled, and every open buy order at its limit
    // price: what the member has spent or may still spend.
    static SpendLedger fromState(const AccessState &state);

    void add(const std::vector<MonthAmount> &amounts);
    Money spentIn(MonthKey month) const;

    // Empty when adding `amounts` keeps every month within `cap`; otherwise why not.
    std::optional<std::string> wouldExceed(const std::vector<MonthAmount> &amounts,
                                           Money cap) const;

private:
    std::map<MonthKey, Money> m_months;
};

} // namespace bwx::access
