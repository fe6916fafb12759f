#pragma once
// The documented CSV for measurements from any other tool (docs/quality.md):
//
//   seller,destination,time,latency_us,loss_ppm,jitter_us,source
//   7,198.51.100.0/24,2026-11-26T08:00:00Z,12500,0,300,thousandeyes
//   7,198.51.100.0/24,2026-11-26T08:05:00Z,,1000000,,thousandeyes
//
// The header line is required as shown. Integers only (microseconds, parts per million); an empty
// latency means nothing answered and requires loss_ppm 1000000; jitter may be empty. Blank lines
// and lines starting with '#' are ignored; CRLF line ends and a UTF-8 byte order mark are
// accepted. Fields are never quoted (none can hold a comma). The exchange's own source names
// (probe-icmp, probe-udp) are refused.
#include "bwx/quality/import_error.h"

#include <span>
#include <string>
#include <string_view>

namespace bwx::quality {

inline constexpr std::string_view kCsvHeader
    = "seller,destination,time,latency_us,loss_ppm,jitter_us,source";

// Origin is empty for CSV rows; sent and received are 0 (not given).
ImportResult importQualityCsv(std::string_view text);

// The same format, for exporting what was measured (origin, sent and received are not carried).
std::string formatQualityCsv(std::span<const Measurement> measurements);

} // namespace bwx::quality
