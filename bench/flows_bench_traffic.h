#pragma once
// The export the flows benchmark replays: synthetic traffic written to a pcap, exported once by
// the real softflowd (NetFlow v9 and IPFIX, captured off a UDP socket) and by the fixture sFlow
// agent, so our collector and the anchors (nfcapd, sfcapd) receive byte-identical datagrams.
#include "bwx/expected.h"
#include "bwx/settlement/datagram_processor.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bwx::bench {

struct Export
{
    settlement::PortProtocol port = settlement::PortProtocol::Netflow;
    int version = 9; // 9, 10, or 5 for sFlow v5
    std::vector<std::vector<std::uint8_t>> datagrams;
    std::vector<std::uint32_t> records; // flow records (sFlow: samples) in each datagram
    std::uint64_t totalRecords = 0;
};

// `flows` flows of `packetsPerFlow` packets each, written to `pcapPath`.
Expected<bool>
writeTraffic(const std::string &pcapPath, std::uint32_t flows, std::uint32_t packetsPerFlow);

// Runs softflowd over the pcap and captures what it sends (version 9 or 10).
Expected<Export>
captureSoftflowd(const std::string &pcapPath, int version, const std::string &workDir);

// Writes the traffic to workDir/traffic.pcap and hands each softflowd export of it to
// f(name, export): "flows.v9" and "flows.ipfix", or only the one named `only` when not empty.
Expected<bool> forEachSoftflowdExport(const std::string &workDir,
                                      std::uint32_t flows,
                                      std::uint32_t packetsPerFlow,
                                      const std::string &only,
                                      const std::function<void(const char *, const Export &)> &f);

// sFlow v5 datagrams sampling every packet of the same traffic.
Export generateSflowExport(std::uint32_t flows, std::uint32_t packetsPerFlow);

} // namespace bwx::bench
