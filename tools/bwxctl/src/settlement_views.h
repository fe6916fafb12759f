#pragma once
// What bwxctl prints for settlement: usage series, statements and collector counters, as
// JSON documents (docs/bwxctl.md shows each shape) and as tables for people.
#include "bwx/expected.h"
#include "bwx/proto/messages.h"
#include "json_views.h"
#include "table.h"

#include <string>
#include <string_view>

namespace bwx::ctl {

// "within", "over", "under" (UsageSeries.usage).
std::string_view usageFlagName(std::uint8_t flag);

Json toJson(const proto::UsageSeries &series);
Json toJson(const proto::Statement &statement);
Json toJson(const proto::CollectorStats &stats);

std::string usageText(const proto::UsageSeries &series);
std::string statementText(const proto::Statement &statement);
std::string collectorsText(const proto::CollectorStats &stats);

// "2026-11" → the first instant of that month (UTC).
Expected<Timestamp> parseMonthArgument(std::string_view text);

} // namespace bwx::ctl
