#include "ipfix_exporter.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

#include "bwx/settlement/fixtures/export_builder.h"

namespace bwx::demo {
namespace {

using settlement::fixtures::ByteWriter;
using settlement::fixtures::ExportBuilder;
using settlement::fixtures::FieldSpec;

constexpr std::uint16_t kTemplateV4 = 256;
constexpr std::uint16_t kTemplateV6 = 257;
constexpr std::size_t kMaxMessage = 1400;
constexpr std::size_t kHeader = 16;
constexpr std::size_t kTemplatesRoom = 150; // both template sets, with room to spare
constexpr std::int64_t kTemplateRefreshSeconds = 30;

std::vector<FieldSpec> templateFields(bool v6)
{
    const std::uint16_t address = v6 ? 16 : 4;
    return {
        {152, 8}, {153, 8},                               // flowStart/EndMilliseconds
        {1, 8}, {2, 8},                                   // octetDeltaCount, packetDeltaCount
        {std::uint16_t(v6 ? 27 : 8), address},            // sourceIPv{4,6}Address
        {std::uint16_t(v6 ? 28 : 12), address},           // destinationIPv{4,6}Address
        {7, 2}, {11, 2}, {4, 1},                          // ports, protocolIdentifier
        {10, 4}, {14, 4},                                 // ingress/egressInterface
        {56, 6}, {80, 6},                                 // sourceMacAddress, destinationMacAddress
    };
}

std::size_t recordSize(bool v6) { return v6 ? 89 : 65; }

} // namespace

IpfixExporter::IpfixExporter(const std::string& collectorHost, std::uint16_t port, std::uint32_t domain)
    : m_domain(domain)
{
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    if (inet_pton(AF_INET, collectorHost.c_str(), &to.sin_addr) != 1
        || (ntohl(to.sin_addr.s_addr) >> 24) != 127)
        throw std::runtime_error("the collector must be a loopback IPv4 address (127.x.x.x), got '"
                                 + collectorHost + "'");
    m_collector = to;
    m_socket = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_socket < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    // Send from 127.0.0.1: the address bwxd's exporter allow-list names.
    sockaddr_in from{};
    from.sin_family = AF_INET;
    from.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_socket, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0) {
        const std::string why = std::strerror(errno);
        ::close(m_socket);
        throw std::runtime_error("bind 127.0.0.1: " + why);
    }
}

IpfixExporter::~IpfixExporter()
{
    if (m_socket >= 0)
        ::close(m_socket);
}

std::int64_t IpfixExporter::nowSeconds() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void IpfixExporter::add(const ExportedFlow& flow)
{
    const bool v6 = !flow.src.isV4();
    const int k = v6 ? 1 : 0;
    if (kHeader + kTemplatesRoom + 4 + m_pending[k].size() + recordSize(v6) > kMaxMessage)
        send(v6);
    ByteWriter w;
    w.u64(static_cast<std::uint64_t>(flow.startMs)).u64(static_cast<std::uint64_t>(flow.endMs));
    w.u64(flow.bytes).u64(flow.packets);
    std::uint8_t address[16];
    flow.src.toBytes(address);
    w.bytes(std::span<const std::uint8_t>(address, v6 ? 16 : 4));
    flow.dst.toBytes(address);
    w.bytes(std::span<const std::uint8_t>(address, v6 ? 16 : 4));
    w.u16(flow.srcPort).u16(flow.dstPort).u8(flow.protocol);
    w.u32(flow.ingress).u32(flow.egress);
    w.bytes(flow.srcMac).bytes(flow.dstMac);
    m_pending[k].insert(m_pending[k].end(), w.data().begin(), w.data().end());
    ++m_pendingCount[k];
}

void IpfixExporter::flush()
{
    send(false);
    send(true);
}

void IpfixExporter::send(bool v6)
{
    const int k = v6 ? 1 : 0;
    if (m_pendingCount[k] == 0)
        return;
    const std::int64_t now = nowSeconds();
    auto message = ExportBuilder::ipfix(static_cast<std::uint32_t>(now), m_sequence, m_domain);
    if (m_templatesSentAt < 0 || now - m_templatesSentAt >= kTemplateRefreshSeconds) {
        message.templateSet(kTemplateV4, templateFields(false)).templateSet(kTemplateV6, templateFields(true));
        m_templatesSentAt = now;
    }
    message.dataSet(v6 ? kTemplateV6 : kTemplateV4, m_pending[k]);
    const std::vector<std::uint8_t> bytes = message.finish();
    const ssize_t sent = ::sendto(m_socket, bytes.data(), bytes.size(), 0,
                                  reinterpret_cast<const sockaddr*>(&m_collector), sizeof m_collector);
    if (sent != static_cast<ssize_t>(bytes.size()))
        ++m_errors; // bwxd not (yet) listening: the records are lost, as a router's would be
    else
        ++m_messages;
    // The sequence counts records exported, sent or not: a collector sees the loss as a gap.
    m_sequence += m_pendingCount[k];
    m_pending[k].clear();
    m_pendingCount[k] = 0;
}

} // namespace bwx::demo
