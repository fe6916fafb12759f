#pragma once
// Text for the integer domain types. Money, prices and bandwidth go through bwx's own
// formatters so the terminal shows exactly the digits the exchange computes with.
#include <QString>
#include <bwx/domain/destination.h>
#include <bwx/domain/order_types.h>
#include <bwx/domain/units.h>
#include <bwx/proto/messages.h>
#include <bwx/proto/result_code.h>

namespace bwx::terminal::format {

QString price(Price value);
QString money(Money value);
QString bandwidth(Bandwidth value);
QString prefix(const net::Prefix &value);
QString destination(const Destination &value);
// "2026-11-26 06:52:05" in UTC.
QString dateTime(Timestamp value);
// A date alone when the time is midnight UTC, else dateTime().
QString dateOrDateTime(Timestamp value);
// "2026-12-01 – 2027-01-01 (31 d)".
QString period(Timestamp start, Timestamp end);

QString side(Side value);
QString orderType(OrderType value);
QString timeInForce(TimeInForce value);
QString orderStatus(OrderStatus value);
QString trafficType(TrafficType value);
QString rankingMode(RankingMode value);
QString tradeState(proto::TradeState value);
QString resultCode(proto::ResultCode value);

// Strings that sort like the values they stand for (fixed-width hex), for EditRole.
QString prefixSortKey(const net::Prefix &value);
QString destinationSortKey(const Destination &value);

} // namespace bwx::terminal::format
