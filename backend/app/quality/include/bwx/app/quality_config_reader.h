#pragma once
// Reads the [quality] table of bwxd's configuration. Kept apart from config.cpp so the section
// has one owner; config.cpp hands it the table and a sink for problems, which it reports in the
// file's usual "FILE:LINE:COLUMN: [quality] key: what is wrong" form.
#include "bwx/app/quality_settings.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>
#include <toml++/toml.h>

#include "bwx/app/toml_section_reader.h"

namespace bwx::app {

// `key` names the offending key, e.g. "rate_pps" or "seller[2].router_v4".
using QualityProblemSink = TomlProblemSink;

// Fills `out` from the table (unknown keys are problems); relative paths are taken from
// `baseDir`. Reports every problem found, so one --check-config run shows them all.
void readQualitySection(const toml::table &table,
                        const std::filesystem::path &baseDir,
                        QualitySettings &out,
                        const QualityProblemSink &problem);

// The database file: `database`, or quality.db in the data directory.
std::filesystem::path qualityDatabasePath(const QualitySettings &settings,
                                          const std::filesystem::path &dataDir);

// What --check-config adds to parsing: the network namespace exists, and so does the directory of
// an explicit database path (the data directory is [store]'s). Problems as "key: what is wrong".
std::vector<std::string> checkQualitySettings(const QualitySettings &settings);

// The path of a [quality] netns value: a name under /run/netns, or a path as given.
std::filesystem::path netnsPath(const std::string &netns);

} // namespace bwx::app
