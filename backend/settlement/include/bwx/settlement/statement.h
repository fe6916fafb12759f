#pragma once
// Statements: per member and billing period, one line per trade the member bought or sold that
// overlaps the period, and totals, all in integer money.
//
// For a line: the billed window is the overlap of the period and the trade's delivery period.
//   p95       = the higher of the two directions' 95th percentiles over the window (percentile.h)
//   amount    = amountFor(price, committed, window)             — the committed capacity
//   overage   = amountFor(overage price, p95 − committed, window) when p95 > committed
//   credits   = the credits given for the trade, at most amount + overage
//   net       = amount + overage − credits
// The overage price is the trade price × overagePercent / 100 (rounded down) unless an absolute
// overage price is configured. Over-use: p95 > committed × overUsePercent / 100; under-use:
// p95 < committed × underUsePercent / 100. A buyer's nets are payable, a seller's receivable.
//
// Same inputs, same bytes: lines are ordered by trade id then role, and every figure is an
// integer computed without floating point.
#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"
#include "bwx/expected.h"
#include "bwx/settlement/trades.h"
#include "bwx/settlement/usage.h"
#include "bwx/settlement/usage_alerts.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bwx::settlement {

enum class Role : std::uint8_t { Buyer, Seller };

std::string_view toString(Role role) noexcept;
std::string_view toString(UsageFlag flag) noexcept;

struct Credit
{
    TradeId trade;
    Money amount;
    std::string reason;
};

struct StatementConfig
{
    Timestamp periodStart; // [start, end)
    Timestamp periodEnd;
    std::int64_t overagePercent = 150; // of the trade price, when overagePrice is 0
    Price overagePrice{0};             // absolute overage price per Mbit/s per month
    std::int64_t overUsePercent = 100;
    std::int64_t underUsePercent = 50;
};

struct StatementLine
{
    TradeId trade;
    Role role = Role::Buyer;
    net::Prefix destination;
    std::string destinationLabel; // destinationText() of the trade: what the CSV shows
    bool cancelled = false;       // and then it ends in kCancelledMarker
    MemberId counterpart;
    Timestamp from; // billed window
    Timestamp to;
    std::int64_t samples = 0;
    Bandwidth committed;
    Bandwidth p95; // billed: the higher direction
    Bandwidth p95ToDestination;
    Bandwidth p95FromDestination;
    UsageFlag usage = UsageFlag::Within;
    Price price;
    Money amount;
    Bandwidth overageCapacity;
    Price overagePrice;
    Money overage;
    Money credits;
    Money net;
};

struct Statement
{
    MemberId member;
    Timestamp periodStart;
    Timestamp periodEnd;
    std::vector<StatementLine> lines;
    Money totalAmount;
    Money totalOverage;
    Money totalCredits;
    Money payable;    // sum of the nets of lines where the member is the buyer
    Money receivable; // ... the seller
};

// One statement per member that has a trade overlapping the period, in member id order.
Expected<std::vector<Statement>> buildStatements(const std::vector<TradeTerms> &trades,
                                                 const BinSource &usage,
                                                 const std::vector<Credit> &credits,
                                                 const StatementConfig &config);

// CSV (RFC 4180, "\r\n" line ends, exact decimals); columns in docs/settlement.md.
std::string toCsv(const Statement &statement);
// Member names by id, for the documents members receive.
using MemberNames = std::map<std::uint32_t, std::string>;
// The same with a member_name column after member and a counterpart_name column after
// counterpart (an id without a name gets an empty cell).
std::string toCsv(const Statement &statement, const MemberNames &names);
// A fixed-width text rendering for people and golden files.
std::string toText(const Statement &statement);

} // namespace bwx::settlement
