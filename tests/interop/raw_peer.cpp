#include "raw_peer.h"

#include "bwx/bgp/codec.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bwx::interop {

namespace {

bool toSockaddr(const std::string &text, std::uint16_t port, sockaddr_storage &ss, socklen_t &len)
{
    ss = {};
    if (text.find(':') != std::string::npos) {
        auto *s = reinterpret_cast<sockaddr_in6 *>(&ss);
        s->sin6_family = AF_INET6;
        s->sin6_port = htons(port);
        len = sizeof(sockaddr_in6);
        return inet_pton(AF_INET6, text.c_str(), &s->sin6_addr) == 1;
    }
    auto *s = reinterpret_cast<sockaddr_in *>(&ss);
    s->sin_family = AF_INET;
    s->sin_port = htons(port);
    len = sizeof(sockaddr_in);
    return inet_pton(AF_INET, text.c_str(), &s->sin_addr) == 1;
}

} // namespace

RawPeer::~RawPeer()
{
    close();
}

bool RawPeer::connect(const std::string &local, const std::string &remote, std::uint16_t port)
{
    close();
    sockaddr_storage l{}, r{};
    socklen_t ll = 0, rl = 0;
    if (!toSockaddr(local, 0, l, ll) || !toSockaddr(remote, port, r, rl))
        return false;
    m_fd = ::socket(l.ss_family, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    const int one = 1;
    setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&l), ll) != 0
        || ::connect(m_fd, reinterpret_cast<sockaddr *>(&r), rl) != 0) {
        close();
        return false;
    }
    return true;
}

void RawPeer::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

bool RawPeer::send(const Bytes &bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

std::optional<RawPeer::Message> RawPeer::read(int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        if (m_buffer.size() >= bgp::kHeaderSize) {
            const std::size_t len = (std::size_t{m_buffer[16]} << 8) | m_buffer[17];
            if (len >= bgp::kHeaderSize && m_buffer.size() >= len) {
                Message m{m_buffer[18], Bytes(m_buffer.begin() + bgp::kHeaderSize,
                                              m_buffer.begin() + static_cast<std::ptrdiff_t>(len))};
                m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(len));
                return m;
            }
        }
        if (m_fd < 0)
            return std::nullopt;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0)
            return std::nullopt;
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0)
            continue;
        std::uint8_t buf[65536];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0) {
            ::close(m_fd);
            m_fd = -1;
            continue; // what is buffered can still be read
        }
        m_buffer.insert(m_buffer.end(), buf, buf + n);
    }
}

std::optional<bgp::Notification> RawPeer::waitNotification(int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0)
            return std::nullopt;
        auto m = read(static_cast<int>(left));
        if (!m)
            return std::nullopt;
        if (m->type == 3)
            return bgp::decodeNotification(m->body);
    }
}

bool RawPeer::waitClosed(int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        if (m_fd < 0)
            return true;
        read(50);
    }
    return m_fd < 0;
}

void RawPeer::abort()
{
    if (m_fd < 0)
        return;
    const linger l{1, 0};
    setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close();
}

RawPeer::Bytes RawPeer::openMessage(bgp::Asn as,
                                    std::uint32_t id,
                                    std::uint16_t hold,
                                    bool v4,
                                    bool v6,
                                    std::uint16_t gracefulRestart)
{
    bgp::Open open;
    open.myAs = static_cast<std::uint16_t>(as > 0xffff ? bgp::kAsTrans : as);
    open.holdTime = hold;
    open.bgpId = id;
    if (v4)
        open.capabilities.multiprotocol.push_back(bgp::AfiSafi::ipv4Unicast());
    if (v6)
        open.capabilities.multiprotocol.push_back(bgp::AfiSafi::ipv6Unicast());
    open.capabilities.fourOctetAs = as;
    open.capabilities.routeRefresh = true;
    if (gracefulRestart > 0) {
        bgp::GracefulRestart gr;
        gr.restartTime = gracefulRestart;
        gr.families = {{bgp::AfiSafi::ipv4Unicast(), true}};
        open.capabilities.gracefulRestart = gr;
    }
    Bytes out;
    bgp::encodeOpen(open, out);
    return out;
}

bool RawPeer::handshake(bgp::Asn as,
                        std::uint32_t id,
                        std::uint16_t hold,
                        bool v4,
                        bool v6,
                        std::uint16_t gracefulRestart)
{
    if (!send(openMessage(as, id, hold, v4, v6, gracefulRestart)))
        return false;
    auto m = read(3000);
    if (!m || m->type != 1)
        return false;
    Bytes keepalive;
    bgp::encodeKeepalive(keepalive);
    if (!send(keepalive))
        return false;
    m = read(3000);
    return m && m->type == 4;
}

} // namespace bwx::interop
