#include "settlement/billingmonth.h"

#include <QDateTime>
#include <QTimeZone>

namespace bwx::terminal::settlement {

namespace {

bwx::Timestamp startOfDay(const QDate &date)
{
    const qint64 seconds = QDateTime(date, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    return bwx::Timestamp::fromSeconds(seconds);
}

} // namespace

bwx::Timestamp BillingMonth::start() const
{
    return startOfDay(QDate(year, month, 1));
}

bwx::Timestamp BillingMonth::end() const
{
    return next().start();
}

BillingMonth BillingMonth::previous() const
{
    return month == 1 ? BillingMonth{year - 1, 12} : BillingMonth{year, month - 1};
}

BillingMonth BillingMonth::next() const
{
    return month == 12 ? BillingMonth{year + 1, 1} : BillingMonth{year, month + 1};
}

QString BillingMonth::key() const
{
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10,
                                                                         QLatin1Char('0'));
}

BillingMonth monthContaining(bwx::Timestamp time)
{
    const QDateTime when
        = time.isSet()
              ? QDateTime::fromSecsSinceEpoch(time.seconds(), QTimeZone::utc())
              : QDateTime::currentDateTimeUtc();
    const QDate date = when.toTimeZone(QTimeZone::utc()).date();
    return {date.year(), date.month()};
}

QList<BillingMonth> recentMonths(BillingMonth latest, int count)
{
    QList<BillingMonth> months;
    for (int i = 0; i < count; ++i) {
        months.append(latest);
        latest = latest.previous();
    }
    return months;
}

} // namespace bwx::terminal::settlement
