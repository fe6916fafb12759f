#pragma once
// What bwxd's [settlement] section configures (docs/operations.md): collectors, exporters,
// who is who on the exchange LAN, the billing rules and the usage database. Plain data; bwxd
// parses the TOML into it.
#include "bwx/domain/units.h"
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/settlement/collector.h"
#include "bwx/settlement/usage_alerts.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bwx::settlement {

// Which byte count is billed. Collectors always deliver IP bytes (what NetFlow/IPFIX octet
// counters count; sFlow frames are converted); Ethernet adds the 18 bytes of an untagged frame's
// header and FCS per packet.
enum class BilledBytes : std::uint8_t { Ip, Ethernet };

inline constexpr std::uint64_t kEthernetOverheadBytes = 18;

struct MemberPort
{
    net::Address exporter; // the router or switch that exports flows for that port
    std::uint32_t ifIndex = 0;
    friend bool operator==(const MemberPort &, const MemberPort &) = default;
};

// A member as the collectors see it, named as in the market (bwxctl member add NAME).
struct MemberFlowIdentity
{
    std::string name;
    std::vector<net::Prefix> prefixes;      // its source prefixes (buyer identification)
    std::vector<MemberPort> ports;          // its exchange ports (buyer identification)
    std::vector<net::Address> routers;      // its routers' addresses on the exchange LAN (seller)
    std::vector<MacAddress> macs;           // and their MAC addresses
};

struct BillingRules
{
    BilledBytes billedBytes = BilledBytes::Ip;
    std::int64_t overagePercent = 150; // of the trade price, unless overagePrice is set
    Price overagePrice{0};             // per Mbit/s per month; 0 = use overagePercent
    UsageThresholds thresholds;
};

struct SettlementConfig
{
    bool enabled = false; // true when bwxd's configuration has a [settlement] section
    std::vector<ListenEndpoint> listen;
    int receiveBufferBytes = 64 << 20;
    std::vector<ExporterConfig> exporters; // the allow-list, with sampling overrides
    std::vector<MemberFlowIdentity> members;
    BillingRules billing;
    std::filesystem::path usageDatabase; // SQLite, separate from the journal
    std::chrono::milliseconds flushInterval{5000};
    std::chrono::milliseconds evaluateInterval{60'000}; // over/under-use check
    Duration noticeReminder = seconds(6 * 3600);
    std::int64_t noticeMinSamples = 12;
    bool destinationOnlyFallback = true;
    std::string issuer = "BWX"; // printed on statements
    std::string currency;       // printed on statements ("EUR"); empty = none
};

} // namespace bwx::settlement
