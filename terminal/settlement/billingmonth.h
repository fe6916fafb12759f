#pragma once
// Billing periods are calendar months in UTC (docs/settlement.md); the server accepts a
// statement query only for the exact start of one. These helpers turn months into the
// nanosecond timestamps of the protocol with integer arithmetic only.
#include <QDate>
#include <QList>
#include <bwx/domain/units.h>

namespace bwx::terminal::settlement {

struct BillingMonth
{
    int year = 0;
    int month = 0; // 1..12

    bwx::Timestamp start() const;
    bwx::Timestamp end() const; // the next month's start
    BillingMonth previous() const;
    BillingMonth next() const;
    // "2026-11", as bwxctl's --period takes it.
    QString key() const;
    friend bool operator==(const BillingMonth &, const BillingMonth &) = default;
};

// The month that contains `time` (UTC); unset time gives the month of the system clock.
BillingMonth monthContaining(bwx::Timestamp time);
// The `count` months ending with `latest`, newest first.
QList<BillingMonth> recentMonths(BillingMonth latest, int count);

} // namespace bwx::terminal::settlement
