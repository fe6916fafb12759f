#include "access/spendledger.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace bwx::access {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

// Proleptic Gregorian calendar conversions (days since 1970-01-01).
std::int64_t daysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146'097 + doe - 719'468;
}

void civilFromDays(std::int64_t z, std::int64_t &y, std::int64_t &m)
{
    z += 719'468;
    const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
    const std::int64_t doe = z - era * 146'097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

MonthKey monthOf(Timestamp t)
{
    const std::int64_t days = floorDiv(floorDiv(t.value(), units::kNanosPerSecond), kSecondsPerDay);
    std::int64_t y = 0;
    std::int64_t m = 0;
    civilFromDays(days, y, m);
    return y * 12 + (m - 1);
}

Timestamp monthStart(MonthKey month)
{
    const std::int64_t y = floorDiv(month, 12);
    const std::int64_t m = month - y * 12 + 1;
    return Timestamp::fromSeconds(daysFromCivil(y, m, 1) * kSecondsPerDay);
}

std::string monthName(MonthKey month)
{
    const std::int64_t y = floorDiv(month, 12);
    const std::int64_t m = month - y * 12 + 1;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld", static_cast<long long>(y),
                  static_cast<long long>(m));
    return buffer;
}

std::optional<std::vector<MonthAmount>> costByMonth(Price price, Bandwidth capacity,
                                                    Timestamp start, Timestamp end)
{
    std::vector<MonthAmount> out;
    if (end <= start)
        return out;
    for (MonthKey month = monthOf(start); monthStart(month) < end; ++month) {
        const Timestamp from = std::max(start, monthStart(month));
        const Timestamp to = std::min(end, monthStart(month + 1));
        if (to <= from)
            continue;
        const auto amount = amountFor(price, capacity, to - from);
        if (!amount)
            return std::nullopt;
        out.push_back({month, *amount});
    }
    return out;
}

SpendLedger SpendLedger::fromState(const AccessState &state)
{
    SpendLedger ledger;
    const auto addOrSaturate = [&ledger](Price price, Bandwidth capacity, Timestamp start,
                                         Timestamp end) {
        if (const auto amounts = costByMonth(price, capacity, start, end))
            ledger.add(*amounts);
        else
            // Too large to count means too large to allow anything more in those months.
            for (MonthKey m = monthOf(start); monthStart(m) < end; ++m)
                ledger.m_months[m] = Money(std::numeric_limits<std::int64_t>::max());
    };
    for (const proto::TradeView &trade : state.trades) {
        if (trade.buyer != state.self || trade.state == proto::TradeState::Cancelled)
            continue;
        addOrSaturate(trade.price, trade.capacity, trade.deliveryStart, trade.deliveryEnd);
    }
    for (const proto::OrderView &order : state.orders) {
        const bool open = order.status == OrderStatus::Working
                          || order.status == OrderStatus::PartiallyFilled;
        if (order.member != state.self || order.params.side != Side::Buy || !open
            || order.params.type != OrderType::Limit)
            continue;
        addOrSaturate(order.params.price, order.remaining, order.params.deliveryStart,
                      order.params.deliveryEnd);
    }
    return ledger;
}

void SpendLedger::add(const std::vector<MonthAmount> &amounts)
{
    for (const MonthAmount &a : amounts) {
        Money &total = m_months[a.month];
        const std::int64_t room = std::numeric_limits<std::int64_t>::max() - total.value();
        total = a.amount.value() > room ? Money(std::numeric_limits<std::int64_t>::max())
                                        : total + a.amount;
    }
}

Money SpendLedger::spentIn(MonthKey month) const
{
    const auto it = m_months.find(month);
    return it == m_months.end() ? Money{} : it->second;
}

std::optional<std::string> SpendLedger::wouldExceed(const std::vector<MonthAmount> &amounts,
                                                    Money cap) const
{
    for (const MonthAmount &a : amounts) {
        const Money spent = spentIn(a.month);
        if (spent > cap || a.amount.value() > cap.value() - spent.value())
            return "would make " + monthName(a.month) + " " + formatMoney(spent)
                   + " + " + formatMoney(a.amount) + ", above the monthly cap of "
                   + formatMoney(cap);
    }
    return std::nullopt;
}

} // namespace bwx::access
