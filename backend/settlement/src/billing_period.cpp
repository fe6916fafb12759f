#include "bwx/settlement/billing_period.h"

#include <chrono>
#include <cstdio>

namespace bwx::settlement {

namespace {

namespace chr = std::chrono;

constexpr std::int64_t kNanosPerDay = 86'400LL * 1'000'000'000LL;

Timestamp atDay(chr::sys_days day)
{
    return Timestamp(static_cast<std::int64_t>(day.time_since_epoch().count()) * kNanosPerDay);
}

chr::year_month monthHolding(Timestamp t)
{
    std::int64_t days = t.value() / kNanosPerDay;
    if (t.value() % kNanosPerDay < 0)
        --days;
    const chr::year_month_day ymd{chr::sys_days(chr::days(days))};
    return {ymd.year(), ymd.month()};
}

BillingPeriod periodOf(chr::year_month ym)
{
    const chr::year_month next = ym + chr::months(1);
    return {atDay(chr::sys_days(ym / 1)), atDay(chr::sys_days(next / 1))};
}

} // namespace

BillingPeriod monthOf(Timestamp t)
{
    return periodOf(monthHolding(t));
}

Expected<BillingPeriod> monthStartingAt(Timestamp start)
{
    const BillingPeriod period = monthOf(start);
    if (period.start != start)
        return makeError("period start " + formatTimestamp(start)
                         + " is not the start of a month (UTC); the month holding it starts "
                         + formatTimestamp(period.start));
    return period;
}

Expected<BillingPeriod> parseMonth(std::string_view text)
{
    const auto bad = [&] {
        return makeError("billing period '" + std::string(text)
                         + "' must be a month written YYYY-MM, e.g. 2026-11");
    };
    if (text.size() != 7 || text[4] != '-')
        return bad();
    int year = 0;
    unsigned month = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4)
            continue;
        if (text[i] < '0' || text[i] > '9')
            return bad();
        const int digit = text[i] - '0';
        if (i < 4)
            year = year * 10 + digit;
        else
            month = month * 10 + static_cast<unsigned>(digit);
    }
    // Nanosecond timestamps end in April 2262.
    if (year < 1970 || year > 2261 || month < 1 || month > 12)
        return bad();
    return periodOf(chr::year(year) / chr::month(month));
}

std::string formatMonth(Timestamp t)
{
    const chr::year_month ym = monthHolding(t);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ym.year()),
                  static_cast<unsigned>(ym.month()));
    return text;
}

} // namespace bwx::settlement
