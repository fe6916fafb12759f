#pragma once
// Decoding the records of one NetFlow v9 / IPFIX data set through its template: options records
// update the domain's in-band state, flow records become FlowRecords with absolute times and
// sampling applied.
#include "template_records.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bwx::settlement::detail {

struct DataSetContext
{
    net::Address exporter;
    std::uint32_t domain = 0;
    FlowProtocol protocol = FlowProtocol::NetflowV9;
    std::uint32_t sysUptimeMs = 0;   // v9 header
    std::uint32_t exportSeconds = 0; // v9 and IPFIX header
    Timestamp now;
    DecodeOptions options;
    std::size_t maxSamplers = 0;
};

// False when a record runs past the set; `badOffset` is then the offset inside the set.
bool decodeDataSet(const FlowTemplate &tmpl,
                   std::span<const std::uint8_t> body,
                   const DataSetContext &context,
                   PendingDomain &domain,
                   DatagramInfo &info,
                   std::vector<FlowRecord> &out,
                   std::size_t &badOffset);

} // namespace bwx::settlement::detail
