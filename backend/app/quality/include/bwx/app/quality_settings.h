#pragma once
// bwxd's [quality] section: what the route analyzer probes and how, how figures become market
// commands, and where the quality database lives. Every key is listed in docs/operations.md
// ("[quality]"); docs/quality.md explains the policy routing the probe host needs.
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/quality/probe_config.h"
#include "bwx/quality/quality_db.h"
#include "bwx/quality/quality_publisher.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bwx::app {

// One [[quality.seller]]: how probes toward this member are steered through its router.
struct QualitySellerSettings
{
    std::string member; // the member's name; its id comes from the market
    std::optional<net::Address> routerV4;
    std::optional<net::Address> routerV6;
    std::optional<std::uint32_t> fwmark;
    std::optional<net::Address> sourceV4;
    std::optional<net::Address> sourceV6;
    std::uint32_t budgetPps = 0; // 0: [quality] seller_rate_pps / seller_burst
    std::uint32_t budgetBurst = 0;
    // Always probed for this seller, beside what the market says it sells.
    std::vector<net::Prefix> destinations;

    const std::optional<net::Address> &router(net::Family family) const noexcept
    {
        return family == net::Family::V4 ? routerV4 : routerV6;
    }
};

// One [[quality.destination]]: the addresses to probe inside a prefix.
struct QualityDestinationSettings
{
    net::Prefix prefix;
    std::vector<net::Address> targets;
};

struct QualitySettings
{
    std::filesystem::path database; // empty: <[store] data_dir>/quality.db
    // The network namespace the probes run in (/run/netns/NAME, or a path); empty: bwxd's own.
    std::string netns;
    bool probe = true; // false: imports only, the analyzer does not run

    quality::AnalyzerConfig analyzer;
    quality::FigurePolicy figure;
    quality::PublishPolicy publish;
    quality::Retention retention;
    Duration maxFutureSkew = seconds(300);

    // Paths from the market: every seller toward the prefixes of its open sell orders, toward
    // open buys' more specific destinations they cover, and toward its active trades' ones.
    bool deriveDestinations = true;
    std::chrono::seconds deriveInterval{30};
    std::size_t maxPaths = 10'000;

    std::chrono::milliseconds tickInterval{5000};   // staleness, held changes, retention
    std::chrono::milliseconds batchInterval{1000};  // at most one QualityBatch per interval
    std::size_t maxBatchFigures = 1000;             // figures per QualityBatch
    std::chrono::seconds fullAnalysisMinInterval{60}; // per seller, for session starts

    std::vector<QualitySellerSettings> sellers;
    std::vector<QualityDestinationSettings> destinations;

    const QualitySellerSettings *seller(std::string_view member) const;
    // The configured targets of a prefix, or the default target (".1").
    std::vector<net::Address> targetsFor(const net::Prefix &prefix) const;
};

} // namespace bwx::app
