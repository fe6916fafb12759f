#include "bwx/settlement/collector.h"

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace bwx::settlement {

namespace {

constexpr std::size_t kBatch = 64;
constexpr std::size_t kSlot = 65536; // the largest UDP payload, so nothing is cut short
// Slots 64 KiB apart would all start in the same cache sets, and a batch of 64 datagrams just
// copied in by the kernel would evict itself before it is decoded; 25 cache lines more per slot
// spreads the starts over every set.
constexpr std::size_t kSlotStride = kSlot + 25 * 64;

// The socket's drop count (the same counter SO_RXQ_OVFL reports), read with one getsockopt
// instead of a control message on every datagram.
bool readDrops(int fd, std::uint64_t &drops)
{
    std::array<std::uint32_t, SK_MEMINFO_VARS> info{};
    socklen_t len = sizeof info;
    if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, info.data(), &len) != 0
        || len < (SK_MEMINFO_DROPS + 1) * sizeof(std::uint32_t))
        return false;
    drops = info[SK_MEMINFO_DROPS];
    return true;
}

Timestamp wallClock()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

net::Address fromSockaddr(const sockaddr_storage &ss)
{
    if (ss.ss_family == AF_INET) {
        sockaddr_in in{};
        std::memcpy(&in, &ss, sizeof in);
        return net::Address::v4(ntohl(in.sin_addr.s_addr));
    }
    sockaddr_in6 in6{};
    std::memcpy(&in6, &ss, sizeof in6);
    const std::uint8_t *b = in6.sin6_addr.s6_addr;
    // An IPv4 exporter seen through a dual-stack socket is still an IPv4 exporter.
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(b, kMapped, 12) == 0)
        return net::Address::fromBytes(net::Family::V4, {b + 12, 4});
    return net::Address::fromBytes(net::Family::V6, {b, 16});
}

asio::ip::address toAsio(const net::Address &a)
{
    std::array<std::uint8_t, 16> bytes{};
    a.toBytes(bytes.data());
    if (a.isV4())
        return asio::ip::address_v4(
            asio::ip::address_v4::bytes_type{bytes[0], bytes[1], bytes[2], bytes[3]});
    asio::ip::address_v6::bytes_type b6{};
    std::copy(bytes.begin(), bytes.end(), b6.begin());
    return asio::ip::address_v6(b6);
}

} // namespace

struct Collector::Socket
{
    explicit Socket(asio::io_context &io)
        : socket(io)
    {}

    asio::ip::udp::socket socket;
    ListenEndpoint endpoint;
    int requested = 0;
    int effective = 0;
    bool overflowCounted = false;
    std::atomic<std::uint64_t> kernelDrops{0};
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::uint64_t> oversize{0};
    std::vector<std::uint8_t> buffers = std::vector<std::uint8_t>(kBatch * kSlotStride);
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> iovecs{};
    std::array<sockaddr_storage, kBatch> sources{};
};

Collector::Collector(asio::io_context &io, CollectorConfig config, FlowListener &listener)
    : m_io(io)
    , m_config(std::move(config))
    , m_processor(m_config.processor, listener)
    , m_timer(io)
{}

Collector::~Collector() = default;

Expected<std::vector<EndpointStatus>> Collector::start()
{
    for (const ListenEndpoint &ep : m_config.endpoints) {
        auto s = std::make_unique<Socket>(m_io);
        s->endpoint = ep;
        error_code ec;
        const asio::ip::udp::endpoint bindTo(toAsio(ep.address), ep.port);
        s->socket.open(bindTo.protocol(), ec);
        if (!ec)
            s->socket.bind(bindTo, ec);
        if (ec)
            return makeError("cannot bind " + ep.address.toString() + " port "
                             + std::to_string(ep.port) + ": " + ec.message());
        const int fd = s->socket.native_handle();
        s->requested = m_config.receiveBufferBytes;
        // SO_RCVBUF is capped by net.core.rmem_max; SO_RCVBUFFORCE is not, when we may use it.
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &s->requested, sizeof s->requested) != 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &s->requested, sizeof s->requested);
        socklen_t len = sizeof s->effective;
        getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &s->effective, &len);
        std::uint64_t drops = 0;
        s->overflowCounted = readDrops(fd, drops);
        s->kernelDrops.store(drops, std::memory_order_relaxed);
        s->socket.non_blocking(true, ec);
        s->endpoint.port = s->socket.local_endpoint(ec).port();
        for (std::size_t i = 0; i < kBatch; ++i) {
            s->iovecs[i].iov_base = s->buffers.data() + i * kSlotStride;
            s->iovecs[i].iov_len = kSlot;
        }
        m_sockets.push_back(std::move(s));
    }
    for (auto &s : m_sockets)
        arm(*s);
    armTimer();
    return status();
}

void Collector::stop()
{
    if (m_stopped.exchange(true))
        return;
    asio::post(m_io, [this] {
        m_timer.cancel();
        for (auto &s : m_sockets) {
            refreshDrops(*s);
            error_code ec;
            s->socket.close(ec);
        }
        m_processor.flush();
    });
}

void Collector::arm(Socket &socket)
{
    socket.socket.async_wait(asio::ip::udp::socket::wait_read, [this, &socket](error_code ec) {
        if (ec || m_stopped.load())
            return;
        drain(socket);
        arm(socket);
    });
}

void Collector::drain(Socket &s)
{
    const int fd = s.socket.native_handle();
    std::size_t handled = 0;
    bool backlog = false;
    while (handled < m_config.maxDatagramsPerWakeup) {
        for (std::size_t i = 0; i < kBatch; ++i) {
            msghdr &h = s.headers[i].msg_hdr;
            h.msg_name = &s.sources[i];
            h.msg_namelen = sizeof(sockaddr_storage);
            h.msg_iov = &s.iovecs[i];
            h.msg_iovlen = 1;
            h.msg_control = nullptr;
            h.msg_controllen = 0;
            h.msg_flags = 0;
        }
        const int n = recvmmsg(fd, s.headers.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            break;
        const Timestamp now = wallClock();
        // This thread is the only writer (see ExporterCounters::add).
        s.received.store(s.received.load(std::memory_order_relaxed) + static_cast<std::uint64_t>(n),
                         std::memory_order_relaxed);
        for (int i = 0; i < n; ++i) {
            const auto k = static_cast<std::size_t>(i);
            msghdr &h = s.headers[k].msg_hdr;
            if ((h.msg_flags & MSG_TRUNC) != 0) {
                s.oversize.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            const std::span<const std::uint8_t> payload(s.buffers.data() + k * kSlotStride,
                                                        s.headers[k].msg_len);
            m_processor.process(payload, fromSockaddr(s.sources[k]), s.endpoint.protocol, now);
        }
        handled += static_cast<std::size_t>(n);
        if (static_cast<std::size_t>(n) < kBatch)
            break;
        backlog = true;
    }
    m_processor.flush();
    // Drops can only happen while datagrams queue up: read the count then (and each second).
    if (backlog)
        refreshDrops(s);
}

void Collector::refreshDrops(Socket &s)
{
    std::uint64_t drops = 0;
    if (s.overflowCounted && s.socket.is_open() && readDrops(s.socket.native_handle(), drops))
        s.kernelDrops.store(drops, std::memory_order_relaxed);
}

void Collector::armTimer()
{
    m_timer.expires_after(std::chrono::seconds(1));
    m_timer.async_wait([this](error_code ec) {
        if (ec || m_stopped.load())
            return;
        m_processor.expire(wallClock());
        for (auto &s : m_sockets)
            refreshDrops(*s);
        armTimer();
    });
}

std::vector<EndpointStatus> Collector::status() const
{
    std::vector<EndpointStatus> out;
    for (const auto &s : m_sockets) {
        EndpointStatus st;
        st.endpoint = s->endpoint;
        st.requestedBufferBytes = s->requested;
        st.effectiveBufferBytes = s->effective;
        st.kernelDropsCounted = s->overflowCounted;
        st.kernelDrops = s->kernelDrops.load(std::memory_order_relaxed);
        st.received = s->received.load(std::memory_order_relaxed);
        st.oversize = s->oversize.load(std::memory_order_relaxed);
        out.push_back(st);
    }
    return out;
}

} // namespace bwx::settlement
