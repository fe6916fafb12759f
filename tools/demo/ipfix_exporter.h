#pragma once
// An IPFIX exporter (RFC 7011) over UDP, as a router on the exchange LAN would run one: flow
// records in data sets of two templates (IPv4, IPv6) with absolute millisecond times, MACs and
// interfaces; the templates in the first message and again every 30 s; the sequence number
// counting the data records sent before each message. Messages stay under 1,400 bytes.
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bwx/net/address.h"

namespace bwx::demo {

struct ExportedFlow {
    std::int64_t startMs = 0, endMs = 0; // Unix milliseconds
    std::uint64_t bytes = 0, packets = 0; // IP bytes
    net::Address src, dst;
    std::uint16_t srcPort = 0, dstPort = 0;
    std::uint8_t protocol = 6;
    std::uint32_t ingress = 0, egress = 0;
    std::array<std::uint8_t, 6> srcMac{}, dstMac{};
};

class IpfixExporter
{
public:
    // Throws std::runtime_error when the collector is not a loopback IPv4 address or the
    // socket cannot be made: the demo sends nothing off this machine.
    IpfixExporter(const std::string& collectorHost, std::uint16_t port, std::uint32_t domain);
    ~IpfixExporter();
    IpfixExporter(const IpfixExporter&) = delete;
    IpfixExporter& operator=(const IpfixExporter&) = delete;

    void add(const ExportedFlow& flow);
    void flush(); // sends what add() collected
    std::uint64_t messagesSent() const { return m_messages; }
    std::uint64_t recordsSent() const { return m_sequence; }
    std::uint64_t sendErrors() const { return m_errors; }

private:
    void send(bool v6);
    std::int64_t nowSeconds() const;

    int m_socket = -1;
    sockaddr_in m_collector{};
    std::uint32_t m_domain;
    std::uint32_t m_sequence = 0; // data records sent so far
    std::int64_t m_templatesSentAt = -1;
    std::vector<std::uint8_t> m_pending[2]; // encoded records, IPv4 and IPv6
    std::uint32_t m_pendingCount[2] = {0, 0};
    std::uint64_t m_messages = 0, m_errors = 0;
};

} // namespace bwx::demo
