#pragma once
// The UDP flow collector: one socket per configured port, read on the io_context's thread with
// recvmmsg, datagrams handed to a DatagramProcessor, records delivered to a FlowListener on that
// same thread.
//
// Socket buffers are sized for bursts (an exporter flushing its cache sends thousands of
// datagrams at once; kernel-default buffers lose a large share of such a burst), and the kernel's
// own drops on each socket are counted (SO_MEMINFO's drop counter, read after a drain that found
// a backlog, each second, and on stop).
#include "bwx/core/asio.h"
#include "bwx/expected.h"
#include "bwx/settlement/datagram_processor.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bwx::settlement {

struct ListenEndpoint
{
    PortProtocol protocol = PortProtocol::Netflow;
    net::Address address = net::Address::v4(0x7f000001);
    std::uint16_t port = 0; // 0 = any free port (tests)
};

struct CollectorConfig
{
    ProcessorConfig processor;
    std::vector<ListenEndpoint> endpoints;
    int receiveBufferBytes = 64 << 20; // asked for; the kernel may grant less (see status)
    std::size_t maxDatagramsPerWakeup = 4096;
};

struct EndpointStatus
{
    ListenEndpoint endpoint; // with the port actually bound
    int requestedBufferBytes = 0;
    int effectiveBufferBytes = 0;    // SO_RCVBUF as the kernel reports it (includes its overhead)
    bool kernelDropsCounted = false; // the kernel reports the socket's drops (SO_MEMINFO)
    std::uint64_t kernelDrops = 0;   // datagrams the kernel dropped on this socket (buffer full)
    std::uint64_t received = 0;
    std::uint64_t oversize = 0; // datagrams larger than the receive buffer slot (dropped)
};

class Collector
{
public:
    Collector(asio::io_context &io, CollectorConfig config, FlowListener &listener);
    ~Collector();
    Collector(const Collector &) = delete;
    Collector &operator=(const Collector &) = delete;

    // Opens and binds every endpoint and starts reading. Call before running the io_context.
    Expected<std::vector<EndpointStatus>> start();
    // Closes the sockets; safe from any thread.
    void stop();

    // Safe from any thread while the collector runs.
    std::vector<EndpointStatus> status() const;
    const DatagramProcessor &processor() const noexcept { return m_processor; }

private:
    struct Socket;

    void arm(Socket &socket);
    void drain(Socket &socket);
    void refreshDrops(Socket &socket);
    void armTimer();

    asio::io_context &m_io;
    CollectorConfig m_config;
    DatagramProcessor m_processor;
    std::vector<std::unique_ptr<Socket>> m_sockets;
    asio::steady_timer m_timer;
    std::atomic<bool> m_stopped{false};
};

} // namespace bwx::settlement
