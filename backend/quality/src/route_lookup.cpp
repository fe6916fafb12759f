#include "bwx/quality/route_lookup.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace bwx::quality {

namespace {

// Netlink's 4-byte alignment, spelled out rather than through the NLMSG_/RTA_ macros (which are
// C casts).
constexpr std::size_t align4(std::size_t n)
{
    return (n + 3) & ~std::size_t{3};
}

void addAttribute(std::vector<std::uint8_t> &message,
                  std::uint16_t type,
                  const void *data,
                  std::size_t length)
{
    message.resize(align4(message.size()));
    rtattr attribute{};
    attribute.rta_len = static_cast<unsigned short>(sizeof(rtattr) + length);
    attribute.rta_type = type;
    const std::size_t at = message.size();
    message.resize(at + align4(sizeof(rtattr) + length));
    std::memcpy(message.data() + at, &attribute, sizeof attribute);
    std::memcpy(message.data() + at + sizeof(rtattr), data, length);
}

std::optional<net::Address> addressAttribute(const std::uint8_t *data, std::size_t length)
{
    if (length == 4)
        return net::Address::fromBytes(net::Family::V4, std::span(data, 4));
    if (length == 16)
        return net::Address::fromBytes(net::Family::V6, std::span(data, 16));
    return std::nullopt;
}

} // namespace

Expected<RouteAnswer> lookupRoute(const RouteQuery &query)
{
    const bool v4 = query.destination.isV4();
    const std::size_t addressBytes = v4 ? 4 : 16;

    std::vector<std::uint8_t> message(align4(sizeof(nlmsghdr)) + align4(sizeof(rtmsg)), 0);
    rtmsg route{};
    route.rtm_family = static_cast<unsigned char>(v4 ? AF_INET : AF_INET6);
    route.rtm_dst_len = static_cast<unsigned char>(addressBytes * 8);
    route.rtm_src_len = static_cast<unsigned char>(query.source ? addressBytes * 8 : 0);
    std::memcpy(message.data() + align4(sizeof(nlmsghdr)), &route, sizeof route);
    std::array<std::uint8_t, 16> bytes{};
    query.destination.toBytes(bytes.data());
    addAttribute(message, RTA_DST, bytes.data(), addressBytes);
    if (query.source) {
        query.source->toBytes(bytes.data());
        addAttribute(message, RTA_SRC, bytes.data(), addressBytes);
    }
    if (query.mark)
        addAttribute(message, RTA_MARK, &*query.mark, sizeof *query.mark);
    nlmsghdr header{};
    header.nlmsg_len = static_cast<std::uint32_t>(message.size());
    header.nlmsg_type = RTM_GETROUTE;
    header.nlmsg_flags = NLM_F_REQUEST;
    header.nlmsg_seq = 1;
    std::memcpy(message.data(), &header, sizeof header);

    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return makeError(std::string("netlink socket: ") + std::strerror(errno));
    std::vector<std::uint8_t> reply(8192);
    ssize_t received = -1;
    if (::send(fd, message.data(), message.size(), 0) == static_cast<ssize_t>(message.size())) {
        do {
            received = ::recv(fd, reply.data(), reply.size(), 0);
        } while (received < 0 && errno == EINTR);
    }
    const int savedErrno = errno;
    ::close(fd);
    if (received < 0)
        return makeError(std::string("netlink route query: ") + std::strerror(savedErrno));
    const auto size = static_cast<std::size_t>(received);
    if (size < sizeof(nlmsghdr))
        return makeError("netlink route query: short answer");
    std::memcpy(&header, reply.data(), sizeof header);
    if (header.nlmsg_len > size || header.nlmsg_len < sizeof(nlmsghdr))
        return makeError("netlink route query: malformed answer");
    if (header.nlmsg_type == NLMSG_ERROR) {
        nlmsgerr error{};
        if (header.nlmsg_len < align4(sizeof(nlmsghdr)) + sizeof error)
            return makeError("netlink route query: malformed error");
        std::memcpy(&error, reply.data() + align4(sizeof(nlmsghdr)), sizeof error);
        return makeError("no route to " + query.destination.toString() + ": "
                         + std::strerror(-error.error));
    }
    if (header.nlmsg_type != RTM_NEWROUTE)
        return makeError("netlink route query: unexpected answer type "
                         + std::to_string(header.nlmsg_type));

    RouteAnswer answer;
    std::size_t pos = align4(sizeof(nlmsghdr)) + align4(sizeof(rtmsg));
    while (pos + sizeof(rtattr) <= header.nlmsg_len) {
        rtattr attribute{};
        std::memcpy(&attribute, reply.data() + pos, sizeof attribute);
        if (attribute.rta_len < sizeof(rtattr) || pos + attribute.rta_len > header.nlmsg_len)
            break;
        const std::uint8_t *data = reply.data() + pos + sizeof(rtattr);
        const std::size_t length = attribute.rta_len - sizeof(rtattr);
        switch (attribute.rta_type) {
        case RTA_GATEWAY:
            answer.gateway = addressAttribute(data, length);
            break;
        case RTA_PREFSRC:
            answer.preferredSource = addressAttribute(data, length);
            break;
        case RTA_OIF:
            if (length == sizeof(std::uint32_t))
                std::memcpy(&answer.outputInterface, data, sizeof answer.outputInterface);
            break;
        default:
            break;
        }
        pos += align4(attribute.rta_len);
    }
    return answer;
}

} // namespace bwx::quality
