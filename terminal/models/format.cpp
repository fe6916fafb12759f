#include "models/format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

namespace bwx::terminal::format {

namespace {

class FormatText
{
    Q_DECLARE_TR_FUNCTIONS(Format)
};

QDateTime toUtc(Timestamp value)
{
    return QDateTime::fromMSecsSinceEpoch(value.value() / 1'000'000, QTimeZone::utc());
}

} // namespace

QString price(Price value)
{
    return QString::fromStdString(formatPrice(value));
}

QString money(Money value)
{
    return QString::fromStdString(formatMoney(value));
}

QString bandwidth(Bandwidth value)
{
    return QString::fromStdString(formatBandwidth(value));
}

QString prefix(const net::Prefix &value)
{
    return QString::fromStdString(value.toString());
}

QString destination(const Destination &value)
{
    return QString::fromStdString(toString(value));
}

QString dateTime(Timestamp value)
{
    if (!value.isSet())
        return {};
    return toUtc(value).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString dateOrDateTime(Timestamp value)
{
    if (!value.isSet())
        return {};
    constexpr std::int64_t kNanosPerDay = 86'400 * units::kNanosPerSecond;
    if (value.value() % kNanosPerDay == 0)
        return toUtc(value).toString(QStringLiteral("yyyy-MM-dd"));
    return dateTime(value);
}

QString period(Timestamp start, Timestamp end)
{
    if (!start.isSet() && !end.isSet())
        return {};
    const std::int64_t seconds = (end - start).value() / units::kNanosPerSecond;
    const std::int64_t days = seconds / 86'400;
    const QString length = seconds % 86'400 == 0
                               ? FormatText::tr("%n d", nullptr, static_cast<int>(days))
                               : FormatText::tr("%1 h").arg(seconds / 3600);
    return QStringLiteral("%1 – %2 (%3)").arg(dateOrDateTime(start), dateOrDateTime(end), length);
}

QString side(Side value)
{
    switch (value) {
    case Side::Buy:
        return FormatText::tr("Buy");
    case Side::Sell:
        return FormatText::tr("Sell");
    }
    return {};
}

QString orderType(OrderType value)
{
    switch (value) {
    case OrderType::Limit:
        return FormatText::tr("Limit");
    case OrderType::Market:
        return FormatText::tr("Market");
    }
    return {};
}

QString timeInForce(TimeInForce value)
{
    switch (value) {
    case TimeInForce::GoodTillCancel:
        return FormatText::tr("GTC");
    case TimeInForce::GoodTillDate:
        return FormatText::tr("GTD");
    case TimeInForce::ImmediateOrCancel:
        return FormatText::tr("IOC");
    case TimeInForce::FillOrKill:
        return FormatText::tr("FOK");
    }
    return {};
}

QString orderStatus(OrderStatus value)
{
    switch (value) {
    case OrderStatus::Working:
        return FormatText::tr("Working");
    case OrderStatus::PartiallyFilled:
        return FormatText::tr("Partially filled");
    case OrderStatus::Filled:
        return FormatText::tr("Filled");
    case OrderStatus::Cancelled:
        return FormatText::tr("Cancelled");
    case OrderStatus::Expired:
        return FormatText::tr("Expired");
    case OrderStatus::Rejected:
        return FormatText::tr("Rejected");
    case OrderStatus::Suspended:
        return FormatText::tr("Suspended");
    }
    return {};
}

QString trafficType(TrafficType value)
{
    switch (value) {
    case TrafficType::Any:
        return FormatText::tr("Any");
    case TrafficType::BestEffort:
        return FormatText::tr("Best effort");
    case TrafficType::Premium:
        return FormatText::tr("Premium");
    case TrafficType::Realtime:
        return FormatText::tr("Real-time");
    }
    return {};
}

QString rankingMode(RankingMode value)
{
    switch (value) {
    case RankingMode::BestPrice:
        return FormatText::tr("Best price");
    case RankingMode::BestPerformance:
        return FormatText::tr("Best performance");
    case RankingMode::Weighted:
        return FormatText::tr("Weighted");
    }
    return {};
}

QString tradeState(proto::TradeState value)
{
    switch (value) {
    case proto::TradeState::Scheduled:
        return FormatText::tr("Scheduled");
    case proto::TradeState::Active:
        return FormatText::tr("Active");
    case proto::TradeState::Ended:
        return FormatText::tr("Ended");
    case proto::TradeState::Suspended:
        return FormatText::tr("Suspended");
    case proto::TradeState::Cancelled:
        return FormatText::tr("Cancelled");
    }
    return {};
}

QString resultCode(proto::ResultCode value)
{
    if (value == proto::ResultCode::Ok)
        return {};
    return QString::fromUtf8(proto::describe(value));
}

QString prefixSortKey(const net::Prefix &value)
{
    const net::Address address = value.address();
    return QStringLiteral("%1%2%3%4")
        .arg(static_cast<int>(value.family()))
        .arg(address.high(), 16, 16, QLatin1Char('0'))
        .arg(address.low(), 16, 16, QLatin1Char('0'))
        .arg(value.length(), 3, 10, QLatin1Char('0'));
}

QString destinationSortKey(const Destination &value)
{
    switch (value.kind) {
    case DestinationKind::Prefix:
        return QLatin1Char('1') + prefixSortKey(value.prefix);
    case DestinationKind::OriginAsn:
        return QStringLiteral("2%1").arg(value.originAsn, 10, 10, QLatin1Char('0'));
    case DestinationKind::RouteClass:
        return QStringLiteral("3%1").arg(static_cast<int>(value.routeClass));
    }
    return {};
}

} // namespace bwx::terminal::format
