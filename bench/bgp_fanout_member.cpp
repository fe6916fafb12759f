// bwx-bgp-fanout-member: one member's router in the fan-out benchmark. It reads the UPDATE
// stream its table was encoded into (by the driver, before any clock starts), opens an eBGP
// session, prints "ESTABLISHED <ns>", sends the stream and prints "SENT <ns>". Then it decodes
// every UPDATE the route server sends, keeps the set of prefixes it holds, and prints
// "HOLDS <ns> <count> <UPDATE messages>" the moment it holds EXPECT of them. It stays up, sending
// KEEPALIVEs, until terminated.
#include "bgp_bench_process.h"
#include "bwx/bgp/codec.h"

#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <unordered_set>
#include <vector>

namespace {

using namespace bwx;

constexpr std::uint16_t kHoldTime = 90;
// A third of the hold time, as RFC 4271 suggests.
constexpr int kKeepaliveMs = kHoldTime * 1000 / 3;

bool sendAll(int fd, const std::uint8_t *data, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::send(fd, data + done, size - done, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

bool sendKeepalive(int fd)
{
    std::vector<std::uint8_t> out;
    bgp::encodeKeepalive(out);
    return sendAll(fd, out.data(), out.size());
}

int connectFrom(const std::string &local, const std::string &remote, std::uint16_t port)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in l{}, r{};
        l.sin_family = r.sin_family = AF_INET;
        inet_pton(AF_INET, local.c_str(), &l.sin_addr);
        inet_pton(AF_INET, remote.c_str(), &r.sin_addr);
        r.sin_port = htons(port);
        const int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&l), sizeof l) == 0
            && ::connect(fd, reinterpret_cast<sockaddr *>(&r), sizeof r) == 0)
            return fd;
        ::close(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
}

// The receive side of the session: frames, decodes, counts.
class Receiver
{
public:
    Receiver(int fd, std::size_t expect)
        : m_fd(fd)
        , m_expect(expect)
    {
        m_held.reserve(expect * 2);
    }

    // Handles every whole message in the buffer; false when the session is over.
    bool drain()
    {
        std::size_t at = 0;
        bool ok = true;
        while (ok) {
            const std::span<const std::uint8_t> rest(m_buffer.data() + at, m_buffer.size() - at);
            const bgp::FrameCheck f = bgp::checkFrame(rest, bgp::kMaxMessageSize);
            if (f.status == bgp::FrameStatus::Incomplete)
                break;
            if (f.status == bgp::FrameStatus::Error) {
                std::fprintf(stderr, "member: bad frame from the route server\n");
                ok = false;
                break;
            }
            ok = handle(f.type, rest.subspan(bgp::kHeaderSize, f.length - bgp::kHeaderSize));
            at += f.length;
        }
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + std::ptrdiff_t(at));
        return ok;
    }

    // Waits for a message of `type` during the handshake (one read may bring the OPEN and the
    // KEEPALIVE together); false when the session ends first.
    bool waitFor(bgp::MessageType type)
    {
        std::size_t &seen = m_seen[std::size_t(type) % m_seen.size()];
        while (seen == 0) {
            if (!readSome(-1) || !drain())
                return false;
        }
        --seen;
        return true;
    }

    bool readSome(int timeoutMs)
    {
        pollfd p{m_fd, POLLIN, 0};
        const int r = poll(&p, 1, timeoutMs);
        if (r == 0)
            return true;
        if (r < 0)
            return errno == EINTR;
        std::uint8_t chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buffer.insert(m_buffer.end(), chunk, chunk + n);
        return true;
    }

private:
    static std::uint64_t key(const net::Prefix &p)
    {
        return std::uint64_t{p.address().v4Value()} << 8 | std::uint64_t(p.length());
    }

    bool handle(bgp::MessageType type, std::span<const std::uint8_t> body)
    {
        ++m_seen[std::size_t(type) % m_seen.size()];
        if (type == bgp::MessageType::Notification) {
            const bgp::Notification n = bgp::decodeNotification(body);
            std::fprintf(stderr, "member: NOTIFICATION %d/%d from the route server\n", int(n.code),
                         int(n.subcode));
            return false;
        }
        if (type != bgp::MessageType::Update)
            return true;
        ++m_updates;
        bgp::decodeUpdate(body, m_session, m_update);
        if (m_update.action != bgp::ErrorAction::None) {
            std::fprintf(stderr, "member: malformed UPDATE from the route server\n");
            return false;
        }
        for (const net::Prefix &p : m_update.withdrawn)
            m_held.erase(key(p));
        for (const net::Prefix &p : m_update.announced)
            m_held.insert(key(p));
        if (!m_reported && m_held.size() >= m_expect) {
            m_reported = true;
            std::printf("HOLDS %lld %zu %zu\n", bench::nowNs(), m_held.size(), m_updates);
            std::fflush(stdout);
        }
        return true;
    }

    int m_fd;
    std::size_t m_expect;
    std::vector<std::uint8_t> m_buffer;
    bgp::SessionParameters m_session; // 4-octet AS, 4096-byte messages: what is negotiated
    bgp::Update m_update;
    std::unordered_set<std::uint64_t> m_held;
    bool m_reported = false;
    std::size_t m_updates = 0;           // UPDATE messages received
    std::array<std::size_t, 8> m_seen{}; // messages per type not yet waited for
};

int usage()
{
    std::fprintf(stderr, "usage: bwx-bgp-fanout-member CONNECT_ADDR PORT LOCAL_ADDR ASN "
                         "STREAM_FILE EXPECT\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 7)
        return usage();
    const std::string remote = argv[1];
    const auto port = static_cast<std::uint16_t>(std::stoul(argv[2]));
    const std::string local = argv[3];
    const auto asn = static_cast<bgp::Asn>(std::stoul(argv[4]));
    const std::size_t expect = std::stoul(argv[6]);
    const auto localAddress = net::Address::parse(local);
    if (!localAddress || !localAddress->isV4())
        return usage();

    std::ifstream file(argv[5], std::ios::binary);
    const std::vector<std::uint8_t> stream((std::istreambuf_iterator<char>(file)),
                                           std::istreambuf_iterator<char>());
    if (stream.empty()) {
        std::fprintf(stderr, "member: cannot read %s\n", argv[5]);
        return 1;
    }

    const int fd = connectFrom(local, remote, port);
    if (fd < 0) {
        std::fprintf(stderr, "member %s: cannot connect: %s\n", local.c_str(),
                     std::strerror(errno));
        return 1;
    }
    bgp::Open open;
    open.myAs = static_cast<std::uint16_t>(asn > 0xffff ? bgp::kAsTrans : asn);
    open.holdTime = kHoldTime;
    open.bgpId = localAddress->v4Value();
    open.capabilities.multiprotocol = {bgp::AfiSafi::ipv4Unicast()};
    open.capabilities.fourOctetAs = asn;
    open.capabilities.routeRefresh = true;
    std::vector<std::uint8_t> out;
    bgp::encodeOpen(open, out);
    Receiver receiver(fd, expect);
    if (!sendAll(fd, out.data(), out.size()) || !receiver.waitFor(bgp::MessageType::Open)
        || !sendKeepalive(fd) || !receiver.waitFor(bgp::MessageType::Keepalive)) {
        std::fprintf(stderr, "member %s: the session did not come up\n", local.c_str());
        return 1;
    }
    std::printf("ESTABLISHED %lld\n", bench::nowNs());
    std::fflush(stdout);
    // Nothing is exported to a member before the trades take effect, which waits for every
    // table to be in: a blocking send cannot dead-lock against the route server's sends.
    if (!sendAll(fd, stream.data(), stream.size())) {
        std::fprintf(stderr, "member %s: connection lost while sending\n", local.c_str());
        return 1;
    }
    std::printf("SENT %lld\n", bench::nowNs());
    std::fflush(stdout);
    auto lastKeepalive = std::chrono::steady_clock::now();
    for (;;) {
        if (!receiver.readSome(1000) || !receiver.drain())
            return 1;
        if (std::chrono::steady_clock::now() - lastKeepalive
            >= std::chrono::milliseconds(kKeepaliveMs)) {
            if (!sendKeepalive(fd))
                return 1;
            lastKeepalive = std::chrono::steady_clock::now();
        }
    }
}
