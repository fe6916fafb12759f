#pragma once
// QueryCollectors' answer: per exporter on the allow-list its counters (datagrams, records,
// bytes, everything dropped, sequence loss, duplicates, and every non-zero drop counter by name
// in last_error), one line for datagrams from addresses not on the allow-list, the kernel's
// drops on the collector sockets, and the unattributed traffic of the current billing month by
// reason.
#include "bwx/proto/messages.h"
#include "bwx/settlement/collector.h"
#include "bwx/settlement_service/usage_store.h"

#include <map>
#include <set>

namespace bwx::settlement {

// The protocols each exporter was seen sending (decoded records).
using ProtocolsSeen = std::map<net::Address, std::set<FlowProtocol>>;

// The name the allow-list entry of unknown exporters gets in the answer.
inline constexpr const char *kNotAllowedExporter = "(not on the allow-list)";

proto::CollectorStats collectorStatsOf(const Collector &collector,
                                       const ProtocolsSeen &protocols,
                                       const std::vector<UnattributedTotal> &unattributed);

} // namespace bwx::settlement
