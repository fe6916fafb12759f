#include "socket_options.h"

#include <cerrno>
#include <cstring>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace bwx::bgp::detail {

namespace {

Expected<bool> check(int rc, const char *what)
{
    if (rc == 0)
        return true;
    return makeError(std::string(what) + ": " + std::strerror(errno));
}

} // namespace

Expected<bool> setTcpMd5(int fd, const net::Address &peer, const std::string &key)
{
    if (key.size() > TCP_MD5SIG_MAXKEYLEN)
        return makeError("TCP MD5 password longer than "
                         + std::to_string(TCP_MD5SIG_MAXKEYLEN) + " bytes");
    tcp_md5sig sig{};
    if (peer.isV4()) {
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        sin.sin_addr.s_addr = htonl(peer.v4Value());
        std::memcpy(&sig.tcpm_addr, &sin, sizeof sin);
    } else {
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        peer.toBytes(sin6.sin6_addr.s6_addr);
        std::memcpy(&sig.tcpm_addr, &sin6, sizeof sin6);
    }
    sig.tcpm_keylen = static_cast<std::uint16_t>(key.size());
    std::memcpy(sig.tcpm_key, key.data(), key.size());
    return check(setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &sig, sizeof sig), "TCP_MD5SIG");
}

Expected<bool> setOutgoingTtl255(int fd, net::Family family)
{
    const int ttl = 255;
    if (family == net::Family::V4)
        return check(setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl), "IP_TTL");
    return check(setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof ttl),
                 "IPV6_UNICAST_HOPS");
}

Expected<bool> setDefaultTtl(int fd, net::Family family)
{
    const int ttl = -1; // Linux: -1 selects the route's / system default
    if (family == net::Family::V4)
        return check(setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl), "IP_TTL");
    return check(setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof ttl),
                 "IPV6_UNICAST_HOPS");
}

Expected<bool> setMinimumTtl(int fd, net::Family family, std::uint8_t hops)
{
    const int min = 256 - (hops == 0 ? 1 : hops);
    if (family == net::Family::V4)
        return check(setsockopt(fd, IPPROTO_IP, IP_MINTTL, &min, sizeof min), "IP_MINTTL");
    return check(setsockopt(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, &min, sizeof min),
                 "IPV6_MINHOPCOUNT");
}

} // namespace bwx::bgp::detail
