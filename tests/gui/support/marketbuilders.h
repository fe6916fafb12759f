#pragma once
// Short constructors for protocol records, so test tables read like order books.
// Text arguments go through bwx's own parsers; a typo in a test aborts it loudly.
#include <bwx/proto/messages.h>

namespace bwx::terminal::test {

net::Prefix pfx(const char *text);
Destination dest(const char *text);
Price px(const char *text);
Money money(const char *text);
Timestamp at(const char *isoUtc); // "2026-12-01" or "2026-12-01T10:00:00Z"

// A market-watch row; an empty bid/ask text means no orders on that side.
proto::WatchRow watchRow(const char *prefix,
                         const char *bid,
                         int bidMbps,
                         int bidOrders,
                         const char *ask,
                         int askMbps,
                         int askOrders,
                         const char *last = "",
                         const char *lastAt = "");

proto::BookEntry bookEntry(std::uint64_t id,
                           Side side,
                           const char *prefix,
                           const char *price,
                           int mbps,
                           const char *createdAt = "2026-11-20T09:00:00Z");
proto::BookChange change(proto::BookAction action, const proto::BookEntry &entry);

proto::OrderView order(std::uint64_t id,
                       Side side,
                       const char *destination,
                       const char *price,
                       int mbps,
                       OrderStatus status,
                       int filledMbps,
                       const char *updatedAt = "2026-11-20T09:00:00Z");

proto::TradeView trade(std::uint64_t id,
                       std::uint32_t buyer,
                       std::uint32_t seller,
                       const char *destination,
                       const char *price,
                       int mbps,
                       const char *executedAt,
                       const char *deliveryStart = "2026-12-01",
                       const char *deliveryEnd = "2027-01-01");

} // namespace bwx::terminal::test
