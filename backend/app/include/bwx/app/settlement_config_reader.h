#pragma once
// Reads the [settlement] table of bwxd's configuration (docs/operations.md). Kept apart from
// config.cpp so the section has one owner; config.cpp hands it the table and a sink for
// problems, which it reports as "FILE:LINE:COLUMN: [settlement] key: what is wrong".
#include "bwx/settlement/settlement_config.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "bwx/app/toml_section_reader.h"

namespace bwx::app {

// `key` names the offending key, e.g. "exporter[2].sampling".
using SettlementProblemSink = TomlProblemSink;

// Fills `out` from the table (unknown keys are problems; out.enabled becomes true); relative
// paths are taken from `baseDir`. Reports every problem found.
void readSettlementSection(const toml::table &table,
                           const std::filesystem::path &baseDir,
                           settlement::SettlementConfig &out,
                           const SettlementProblemSink &problem);

// The usage database: `usage_db`, or usage.db in the data directory.
std::filesystem::path usageDatabasePath(const settlement::SettlementConfig &config,
                                        const std::filesystem::path &dataDir);

// "02:00:5e:00:53:01" (also with '-'), case-insensitive.
std::optional<settlement::MacAddress> parseMac(std::string_view text);

} // namespace bwx::app
