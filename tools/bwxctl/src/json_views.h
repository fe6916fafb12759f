#pragma once
// The JSON that `bwxctl --json` prints: stable lower_snake keys, prices and money as exact
// decimal strings with 6 decimals, bandwidth as integer kbps plus an exact "mbps" string,
// times as ISO 8601 UTC (null when unset), result codes by name. docs/bwxctl.md shows each shape.
#include "bwx/domain/units.h"
#include "bwx/proto/messages.h"

#include <nlohmann/json.hpp>
#include <string>

namespace bwx::ctl {

// Keys keep the order they are written in, so output reads like the documentation.
using Json = nlohmann::ordered_json;

std::string decimal6(std::int64_t micro); // 12500000 -> "12.500000"
std::string mbpsText(Bandwidth b);        // 1500 kbps -> "1.5", 10000000 -> "10000"
std::string_view name(proto::TradeState state);
std::string_view name(proto::MemberStatus status);
std::string_view name(proto::BookAction action);

Json timeJson(Timestamp t);
// Adds "<key>_kbps" and "<key>_mbps".
void putBandwidth(Json &object, const std::string &key, Bandwidth b);

Json toJson(const proto::OrderView &order);
Json toJson(const proto::TradeView &trade);
Json toJson(const proto::Fill &fill);
Json toJson(const proto::BookEntry &entry);
Json toJson(const proto::WatchRow &row);
Json toJson(const proto::MemberView &member);
Json toJson(const proto::Stats &stats);
Json toJson(const proto::Candidate &candidate);
Json toJson(const proto::Notice &notice);
Json toJson(const proto::MemberLimits &limits);

} // namespace bwx::ctl
