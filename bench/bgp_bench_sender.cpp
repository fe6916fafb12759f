// bwx-bgp-bench-sender: a fast BGP sender for the ingest benchmark. It generates the table,
// encodes every UPDATE before connecting (so encoding is not measured), opens the session,
// prints "ESTABLISHED <steady-clock ns>" and writes the whole table as fast as the receiver
// reads it, then stays connected until terminated.
#include "bgp_bench_table.h"

#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace bwx;

long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool sendAll(int fd, const std::vector<std::uint8_t> &bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

// Reads until a message of `type` arrives; false on EOF or a NOTIFICATION.
bool waitFor(int fd, std::vector<std::uint8_t> &buffer, bgp::MessageType type)
{
    for (;;) {
        const bgp::FrameCheck f = bgp::checkFrame(buffer, bgp::kMaxExtendedMessageSize);
        if (f.status == bgp::FrameStatus::Error)
            return false;
        if (f.status == bgp::FrameStatus::Complete) {
            buffer.erase(buffer.begin(), buffer.begin() + f.length);
            if (f.type == bgp::MessageType::Notification)
                return false;
            if (f.type == type)
                return true;
            continue;
        }
        std::uint8_t chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.insert(buffer.end(), chunk, chunk + n);
    }
}

int usage()
{
    std::fprintf(stderr, "usage: bwx-bgp-bench-sender CONNECT_ADDR PORT LOCAL_ADDR ROUTES "
                         "[SEED] [OUR_AS] [PEER_AS]\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 5)
        return usage();
    const std::string remote = argv[1];
    const auto port = static_cast<std::uint16_t>(std::stoi(argv[2]));
    const std::string local = argv[3];
    const std::size_t routes = std::stoul(argv[4]);
    const std::uint64_t seed = argc > 5 ? std::stoull(argv[5]) : 1;
    const bgp::Asn ourAs = argc > 6 ? bgp::Asn(std::stoul(argv[6])) : 64700;
    const bgp::Asn peerAs = argc > 7 ? bgp::Asn(std::stoul(argv[7])) : 65000;
    (void)peerAs;

    const auto localAddress = net::Address::parse(local);
    if (!localAddress || !localAddress->isV4())
        return usage();
    const bench::GeneratedTable table = bench::generateTable(routes, seed, *localAddress, ourAs);
    bgp::SessionParameters session; // 4-octet AS, 4096-byte messages: what both receivers get
    const std::vector<std::uint8_t> stream = bench::encodeTable(table, session);
    std::fprintf(stderr, "sender: %zu routes in %zu attribute groups, %zu bytes of UPDATEs\n",
                 table.routes, table.groups.size(), stream.size());

    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in l{}, r{};
        l.sin_family = r.sin_family = AF_INET;
        inet_pton(AF_INET, local.c_str(), &l.sin_addr);
        inet_pton(AF_INET, remote.c_str(), &r.sin_addr);
        r.sin_port = htons(port);
        const int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&l), sizeof l) != 0
            || ::connect(fd, reinterpret_cast<sockaddr *>(&r), sizeof r) != 0) {
            ::close(fd);
            fd = -1;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    if (fd < 0) {
        std::fprintf(stderr, "sender: cannot connect: %s\n", std::strerror(errno));
        return 1;
    }
    bgp::Open open;
    open.myAs = static_cast<std::uint16_t>(ourAs > 0xffff ? bgp::kAsTrans : ourAs);
    open.holdTime = 240;
    open.bgpId = localAddress->v4Value();
    open.capabilities.multiprotocol = {bgp::AfiSafi::ipv4Unicast()};
    open.capabilities.fourOctetAs = ourAs;
    open.capabilities.routeRefresh = true;
    std::vector<std::uint8_t> out;
    bgp::encodeOpen(open, out);
    std::vector<std::uint8_t> in;
    if (!sendAll(fd, out) || !waitFor(fd, in, bgp::MessageType::Open)) {
        std::fprintf(stderr, "sender: no OPEN from the receiver\n");
        return 1;
    }
    out.clear();
    bgp::encodeKeepalive(out);
    if (!sendAll(fd, out) || !waitFor(fd, in, bgp::MessageType::Keepalive)) {
        std::fprintf(stderr, "sender: session did not come up\n");
        return 1;
    }
    std::printf("ESTABLISHED %lld\n", nowNs());
    std::fflush(stdout);
    if (!sendAll(fd, stream)) {
        std::fprintf(stderr, "sender: connection lost while sending\n");
        return 1;
    }
    std::printf("SENT %lld\n", nowNs());
    std::fflush(stdout);
    // Stay up (answering nothing: the hold time is longer than any run) until terminated.
    std::uint8_t chunk[4096];
    while (::recv(fd, chunk, sizeof chunk, 0) > 0) {
    }
    return 0;
}
