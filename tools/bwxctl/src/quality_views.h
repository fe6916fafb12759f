#pragma once
// How bwxctl shows route quality: tables for people, JSON for scripts (docs/bwxctl.md, "Route
// quality"). Figures stay integers in JSON (µs, ppm); tables show ms and % with fixed decimals.
#include "bwx/proto/messages.h"
#include "json_views.h"
#include "table.h"

#include <map>
#include <string>
#include <vector>

namespace bwx::ctl {

using MemberNames = std::map<MemberId, std::string>;

std::string_view name(proto::QualityState state);
std::string_view name(proto::QualitySource source);
std::string_view name(proto::QualityGranularity granularity);
// "raw", "5m", "1h", "1d"; nothing for anything else.
std::optional<proto::QualityGranularity> parseGranularity(std::string_view text);

// 12345 µs -> "12.345"; 1'000'000 ppm -> "100.00".
std::string millisText(std::uint32_t micros);
std::string percentText(std::uint32_t ppm);

Json toJson(const proto::QualityPoint &point, const MemberNames &names);
Json toJson(const proto::QualityCell &cell, const MemberNames &names);

Table qualitySeriesTable(const std::vector<proto::QualityPoint> &points, const MemberNames &names);
Table qualityMatrixTable(const std::vector<proto::QualityCell> &cells, const MemberNames &names);

// The matrix as the exchange would rank it for a buyer who cares about quality: by destination,
// then fresh before stale before unreachable before unknown, then latency, loss, seller.
void sortCells(std::vector<proto::QualityCell> &cells);

} // namespace bwx::ctl
