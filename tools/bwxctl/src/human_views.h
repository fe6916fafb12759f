#pragma once
// What bwxctl prints for people (without --json): aligned tables and short summaries.
#include "bwx/proto/messages.h"
#include "table.h"

#include <string>
#include <vector>

namespace bwx::ctl {

// "2026-11-26 06:52" (UTC, minutes), or "-" when unset.
std::string shortTime(Timestamp t);
// "2026-11-26 → 2026-12-26" style delivery period (UTC dates, or minutes when not midnight).
std::string period(Timestamp start, Timestamp end);

Table ordersTable(const std::vector<proto::OrderView> &orders);
Table tradesTable(const std::vector<proto::TradeView> &trades, MemberId self);
Table fillsTable(const std::vector<proto::Fill> &fills);
Table bookTable(const std::vector<proto::BookEntry> &entries);
Table watchTable(const std::vector<proto::WatchRow> &rows);
Table membersTable(const std::vector<proto::MemberView> &members);

// "order 42 (client 7) working: buy 203.0.113.0/24 1000 Mbps at 12.50, filled 0 Mbps"
std::string orderSummary(const proto::OrderView &order);
// The candidate table for a prospective buy, with the reasons of the ineligible ones below it.
std::string candidatesText(const proto::OrderParams &buy,
                           const std::vector<proto::Candidate> &candidates);
// The member's limits, port capacity and use, one per line.
std::string memberLimitsText(const proto::MemberView &member);
// "notice port_capacity_exceeded (order 12): your port ..."
std::string noticeText(const proto::Notice &notice);
// "trade 3 active: buy 203.0.113.0/24 300 Mbps at 10.00, delivery ..."
std::string tradeUpdateText(const proto::TradeView &trade, MemberId self);
std::string statsText(const proto::Stats &stats);

} // namespace bwx::ctl
