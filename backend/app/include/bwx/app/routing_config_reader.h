#pragma once
// Reads the routing sections of bwxd's configuration — [registry], [bgp] with its [[bgp.peer]]
// routers, [routing] with its [[routing.static]] routes — into a routing::RoutingConfig.
// config.cpp hands each table over with a sink for problems, reported in the file's usual
// "FILE:LINE:COLUMN: [bgp] peer[2].address: what is wrong" form. docs/operations.md lists
// every key.
#include "bwx/routing/routing_config.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>
#include <toml++/toml.h>

#include "bwx/app/toml_section_reader.h"

namespace bwx::app {

using RoutingProblemSink = TomlProblemSink;

void readRegistrySection(const toml::table &table,
                         const std::filesystem::path &baseDir,
                         routing::RoutingConfig &out,
                         const RoutingProblemSink &problem);
void readBgpSection(const toml::table &table,
                    const std::filesystem::path &baseDir,
                    routing::RoutingConfig &out,
                    const RoutingProblemSink &problem);
void readRoutingSection(const toml::table &table,
                        const std::filesystem::path &baseDir,
                        routing::RoutingConfig &out,
                        const RoutingProblemSink &problem);

// What --check-config adds: the sections make sense together (routing::checkRoutingConfig)
// and the VRP and IRR files parse. Problems as "[section] key: what is wrong".
std::vector<std::string> checkRoutingSettings(const routing::RoutingConfig &config);

} // namespace bwx::app
