#include "probe_socket.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <string>
#include <unistd.h>

namespace bwx::quality::detail {

socklen_t toSockaddr(const net::Address &address, std::uint16_t port, sockaddr_storage &out)
{
    std::memset(&out, 0, sizeof out);
    if (address.isV4()) {
        auto *in = reinterpret_cast<sockaddr_in *>(&out);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        address.toBytes(reinterpret_cast<std::uint8_t *>(&in->sin_addr));
        return sizeof(sockaddr_in);
    }
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(&out);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    address.toBytes(in6->sin6_addr.s6_addr);
    return sizeof(sockaddr_in6);
}

std::optional<net::Address> fromSockaddr(const sockaddr *address, socklen_t length)
{
    if (address->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
        sockaddr_in in;
        std::memcpy(&in, address, sizeof in);
        return net::Address::fromBytes(
            net::Family::V4, std::span(reinterpret_cast<const std::uint8_t *>(&in.sin_addr), 4));
    }
    if (address->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
        sockaddr_in6 in6;
        std::memcpy(&in6, address, sizeof in6);
        return net::Address::fromBytes(net::Family::V6, std::span(in6.sin6_addr.s6_addr, 16));
    }
    return std::nullopt;
}

namespace {

class Fd
{
public:
    explicit Fd(int fd)
        : m_fd(fd)
    {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const noexcept { return m_fd; }
    int release() noexcept { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

Error failure(const std::string &what)
{
    return makeError(what + ": " + std::strerror(errno));
}

bool setInt(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

} // namespace

Expected<int> openProbeSocket(const SocketSpec &spec)
{
    const bool v4 = spec.target.isV4();
    const int family = v4 ? AF_INET : AF_INET6;
    const int icmp = v4 ? static_cast<int>(IPPROTO_ICMP) : static_cast<int>(IPPROTO_ICMPV6);
    const int protocol
        = spec.protocol == ProbeProtocol::Icmp ? icmp : static_cast<int>(IPPROTO_UDP);
    Fd fd(::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol));
    if (fd.get() < 0) {
        if (spec.protocol == ProbeProtocol::Icmp && (errno == EACCES || errno == EPERM))
            return makeError(std::string("ICMP socket: ") + std::strerror(errno)
                             + " (the process's group must be in net.ipv4.ping_group_range)");
        return failure(spec.protocol == ProbeProtocol::Icmp ? "ICMP socket" : "UDP socket");
    }
    if (spec.fwmark
        && ::setsockopt(fd.get(), SOL_SOCKET, SO_MARK, &*spec.fwmark, sizeof *spec.fwmark) != 0)
        return failure("SO_MARK " + std::to_string(*spec.fwmark) + " (needs CAP_NET_ADMIN)");
    if (!setInt(fd.get(), v4 ? IPPROTO_IP : IPPROTO_IPV6, v4 ? IP_RECVERR : IPV6_RECVERR, 1))
        return failure("IP_RECVERR");
    if (!setInt(fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, 1))
        return failure("SO_TIMESTAMPNS");
    if (spec.source) {
        if (spec.source->family() != spec.target.family())
            return makeError("source " + spec.source->toString() + " and target "
                             + spec.target.toString() + " are of different families");
        sockaddr_storage local;
        const socklen_t length = toSockaddr(*spec.source, 0, local);
        if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&local), length) != 0)
            return failure("bind to " + spec.source->toString());
    }
    if (spec.protocol == ProbeProtocol::Udp) {
        sockaddr_storage remote;
        const socklen_t length = toSockaddr(spec.target, spec.udpPort, remote);
        if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&remote), length) != 0)
            return failure("connect to " + spec.target.toString() + " port "
                           + std::to_string(spec.udpPort));
    }
    return fd.release();
}

} // namespace bwx::quality::detail
