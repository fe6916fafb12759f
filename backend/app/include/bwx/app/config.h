#pragma once
// bwxd's configuration file (TOML). Every key, its default and its meaning are listed in
// docs/operations.md; unknown keys are errors, so a typo never silently falls back to a
// default. Relative paths are relative to the directory of the configuration file.
#include "bwx/app/quality_settings.h"
#include "bwx/domain/units.h"
#include "bwx/expected.h"
#include "bwx/routing/routing_config.h"
#include "bwx/server/server_options.h"
#include "bwx/server/tls_context.h"
#include "bwx/settlement/settlement_config.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::app {

enum class SyncMode { Full, Off };

struct StoreConfig
{
    std::filesystem::path dataDir;  // holds journal.db
    SyncMode sync = SyncMode::Full; // "off" is for benchmarks only: acknowledged != durable
    std::uint64_t snapshotEvery = 1'000'000;
    std::filesystem::path journalPath() const { return dataDir / "journal.db"; }
};

// The settings the market decides with are journaled (ConfigureMarket, see
// market_settings.h): these keys are what bwxd asks for, not what a replay uses.
struct MarketConfig
{
    std::chrono::milliseconds tickInterval{1000};
    std::uint32_t maxOpenOrdersPerMember = 100'000;
    Bandwidth maxOrderCapacity = Bandwidth(1'000'000'000); // 1 Tbit/s
    // Not set in the file: true exactly when a [registry] is configured (parseConfig decides),
    // since without one no member holds routes and every sell would be refused.
    bool requireRoutes = false;
    bool requireRoutesSet = false;
};

struct Config
{
    std::filesystem::path file; // the configuration file itself (reloaded on SIGHUP)
    server::ServerOptions server;
    unsigned ioThreads = 1;
    server::TlsFiles tls;
    StoreConfig store;
    MarketConfig market;
    // [testing]: switches for test and demo set-ups only (allow_internal_commands lives in
    // server.allowInternalCommands).
    std::optional<QualitySettings> quality; // [quality]: route quality runs only when present
    settlement::SettlementConfig settlement; // [settlement]: enabled when the section is present
    routing::RoutingConfig routing; // [registry], [bgp], [routing]: enabled with [registry]
};

// Parses and checks the text of a configuration file: syntax (with line and column), unknown
// sections and keys, types and ranges, the listen address, and that the files named exist.
// `file` names the text in messages and anchors relative paths. The error lists every problem
// found, one per line, each as "FILE:LINE:COLUMN: [section] key: what is wrong".
Expected<Config> parseConfig(std::string_view text, const std::filesystem::path &file);
Expected<Config> loadConfig(const std::filesystem::path &file);

// What --check-config adds to parsing: the TLS files load (certificate, key matching it, CA)
// and the data directory is usable. Returns every problem found; empty when all is well.
std::vector<std::string> checkConfig(const Config &config);

// "127.0.0.1:7700", "[::1]:7700", "0.0.0.0:0": host (an IP address) and port.
Expected<std::pair<std::string, std::uint16_t>> parseListen(std::string_view text);

} // namespace bwx::app
