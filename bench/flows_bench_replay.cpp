#include "flows_bench_replay.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace bwx::bench {

namespace {

void put32(std::uint8_t *p, std::uint32_t v)
{
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

} // namespace

ReplayResult replay(const Export &e, std::uint16_t port, double flowsPerSecond, double seconds)
{
    using Clock = std::chrono::steady_clock;
    constexpr std::size_t kBatch = 32;
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(0x7f000001);
    connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to);
    const int sndbuf = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf);

    const double perDatagram = double(e.totalRecords) / double(e.datagrams.size());
    const double datagramsPerSecond = flowsPerSecond / perDatagram;
    std::array<std::array<std::uint8_t, 65536>, kBatch> *scratch
        = new std::array<std::array<std::uint8_t, 65536>, kBatch>;
    std::array<mmsghdr, kBatch> msgs{};
    std::array<iovec, kBatch> iov{};
    ReplayResult r;
    std::uint64_t sequence = 0; // v9: packets; IPFIX: records before; sFlow: datagrams
    std::size_t next = 0;
    const auto start = Clock::now();
    const auto end
        = start
          + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    for (;;) {
        const auto now = Clock::now();
        if (now >= end)
            break;
        const double elapsed = std::chrono::duration<double>(now - start).count();
        const auto due = static_cast<std::uint64_t>(elapsed * datagramsPerSecond);
        if (due <= r.datagrams) {
            // Ahead of schedule: give the core back (to the collector under test) unless the
            // next datagram is due within the scheduler's wake-up slack.
            const double wait = double(r.datagrams + 1) / datagramsPerSecond - elapsed;
            if (wait > 200e-6)
                std::this_thread::sleep_for(std::chrono::duration<double>(wait - 100e-6));
            continue;
        }
        const std::size_t n
            = static_cast<std::size_t>(std::min<std::uint64_t>(due - r.datagrams, kBatch));
        std::uint64_t flows = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto &d = e.datagrams[next];
            std::uint8_t *b = (*scratch)[i].data();
            std::memcpy(b, d.data(), d.size());
            if (e.version == 9) {
                put32(b + 12, static_cast<std::uint32_t>(++sequence));
            } else if (e.version == 10) {
                put32(b + 8, static_cast<std::uint32_t>(sequence));
                sequence += e.records[next];
            } else {
                put32(b + 16, static_cast<std::uint32_t>(++sequence)); // IPv4 agent layout
                put32(b + 20, static_cast<std::uint32_t>(1000 + sequence / 8));
            }
            iov[i].iov_base = b;
            iov[i].iov_len = d.size();
            msgs[i].msg_hdr = msghdr{};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            flows += e.records[next];
            next = (next + 1) % e.datagrams.size();
        }
        const int sent = sendmmsg(fd, msgs.data(), static_cast<unsigned>(n), 0);
        if (sent <= 0)
            continue;
        r.datagrams += static_cast<std::uint64_t>(sent);
        if (static_cast<std::size_t>(sent) == n) {
            r.flows += flows;
        } else {
            // Partly sent: rewind to the first unsent datagram and count only what went out.
            for (std::size_t i = static_cast<std::size_t>(sent); i < n; ++i) {
                next = (next + e.datagrams.size() - 1) % e.datagrams.size();
                flows -= e.records[next];
            }
            r.flows += flows;
        }
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    delete scratch;
    close(fd);
    return r;
}

} // namespace bwx::bench
