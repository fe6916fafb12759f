#pragma once
// Statements and usage series as bwxd sends them, for the settlement view tests: built from
// integer figures a reader can check by hand.
#include <bwx/proto/messages.h>

namespace bwx::terminal::settlement::test {

// 2026-10-01T00:00:00Z and the next month's start.
inline constexpr std::int64_t kOctober2026 = 1'790'812'800;
inline constexpr std::int64_t kNovember2026 = 1'793'491'200;

inline proto::StatementLine line(std::uint64_t trade, Side role, const char *destination,
                                 std::uint32_t counterparty, const char *counterpartyName,
                                 std::int64_t committedMbps, std::int64_t p95Kbps,
                                 std::int64_t priceMicros, std::int64_t amount,
                                 std::int64_t overage, std::int64_t credits)
{
    proto::StatementLine l;
    l.trade = TradeId(trade);
    l.role = role;
    l.destination = Destination::ofPrefix(*net::Prefix::parse(destination));
    l.counterparty = MemberId(counterparty);
    l.counterpartyName = counterpartyName;
    l.periodStart = Timestamp::fromSeconds(kOctober2026);
    l.periodEnd = Timestamp::fromSeconds(kNovember2026);
    l.committed = mbps(committedMbps);
    l.p95 = Bandwidth(p95Kbps);
    l.price = Price(priceMicros);
    l.amount = Money(amount);
    l.overage = Money(overage);
    l.credits = Money(credits);
    l.total = Money(amount + overage - credits);
    return l;
}

// isp-a's October: it bought two trades (one over its commitment) and sold one.
inline proto::Statement octoberStatement()
{
    proto::Statement s;
    s.member = MemberId(1);
    s.memberName = "isp-a";
    s.periodStart = Timestamp::fromSeconds(kOctober2026);
    s.periodEnd = Timestamp::fromSeconds(kNovember2026);
    s.lines.push_back(line(7, Side::Buy, "203.0.113.0/24", 2, "transit-b", 10, 13'600,
                           42'500'000, 439'166'666, 105'300'000, 0));
    s.lines.push_back(line(9, Side::Buy, "198.51.100.0/24", 3, "carrier-c", 100, 41'250,
                           30'000'000, 3'100'000'000, 0, 12'500'000));
    s.lines.push_back(line(12, Side::Sell, "192.0.2.0/24", 3, "carrier-c", 5, 1'024, 1'000'001,
                           5'166'671, 0, 0));
    s.totalPayable = Money(439'166'666 + 105'300'000 + 3'100'000'000 - 12'500'000);
    s.totalReceivable = Money(5'166'671);
    s.net = Money(s.totalReceivable.value() - s.totalPayable.value());
    return s;
}

// 2026-10-15T12:00:00Z, when trade 9 was cancelled, and 2026-11-10T00:00:00Z, when trade 12 was.
inline constexpr std::int64_t kTrade9Cancelled = kOctober2026 + 14 * 86'400 + 12 * 3'600;
inline constexpr std::int64_t kTrade12Cancelled = kNovember2026 + 9 * 86'400;

// isp-a's October as above, with trade 9 cancelled half-way through the month (its line ends
// then: 100 Mbps at 30.00 for 14.5 of 30 days is 1450.00) and trade 12 cancelled in November
// (its October line is whole, but bwxd names the cancellation).
inline proto::Statement octoberWithCancelledTrades()
{
    proto::Statement s = octoberStatement();
    proto::StatementLine &nine = s.lines[1];
    nine.periodEnd = Timestamp::fromSeconds(kTrade9Cancelled);
    nine.amount = Money(1'450'000'000);
    nine.total = Money(nine.amount.value() - nine.credits.value());
    nine.cancelledAt = Timestamp::fromSeconds(kTrade9Cancelled);
    s.lines[2].cancelledAt = Timestamp::fromSeconds(kTrade12Cancelled);
    s.totalPayable = Money(439'166'666 + 105'300'000 + 1'450'000'000 - 12'500'000);
    s.net = Money(s.totalReceivable.value() - s.totalPayable.value());
    return s;
}

} // namespace bwx::terminal::settlement::test
