#include "bwx/quality/probe_train.h"

#include "probe_packet.h"
#include "probe_socket.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>
#include <unistd.h>

namespace bwx::quality {

struct ProbeTrain::Probe
{
    std::chrono::steady_clock::time_point sentSteady{};
    std::int64_t sentRealtimeNs = 0;
    std::optional<std::int64_t> rttNs;
};

namespace {

// A kernel stamp may trail the monotonic measurement by clock-reading noise, never by more.
constexpr std::int64_t kStampSlackNs = 1'000'000;
constexpr std::size_t kMaxNotes = 8;

std::int64_t realtimeNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

std::uint64_t randomNonce()
{
    std::random_device device;
    return (std::uint64_t{device()} << 32) | device();
}

// Control messages walked by hand: the CMSG_* macros are C casts.
constexpr std::size_t cmsgAlign(std::size_t n)
{
    return (n + sizeof(std::size_t) - 1) & ~(sizeof(std::size_t) - 1);
}

struct Control
{
    std::optional<std::int64_t> stampNs;
    std::optional<detail::ErrorReport> error;
};

Control readControl(const msghdr &msg)
{
    Control control;
    const auto *base = static_cast<const std::uint8_t *>(msg.msg_control);
    const std::size_t total = msg.msg_controllen;
    std::size_t pos = 0;
    while (pos + sizeof(cmsghdr) <= total) {
        cmsghdr header{};
        std::memcpy(&header, base + pos, sizeof header);
        if (header.cmsg_len < sizeof(cmsghdr) || pos + header.cmsg_len > total)
            break;
        const std::uint8_t *data = base + pos + cmsgAlign(sizeof(cmsghdr));
        const std::size_t length = header.cmsg_len - cmsgAlign(sizeof(cmsghdr));
        if (header.cmsg_level == SOL_SOCKET && header.cmsg_type == SO_TIMESTAMPNS
            && length >= sizeof(timespec)) {
            timespec ts{};
            std::memcpy(&ts, data, sizeof ts);
            control.stampNs = std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
        } else if (((header.cmsg_level == IPPROTO_IP && header.cmsg_type == IP_RECVERR)
                    || (header.cmsg_level == IPPROTO_IPV6 && header.cmsg_type == IPV6_RECVERR))
                   && length >= sizeof(sock_extended_err)) {
            sock_extended_err ee{};
            std::memcpy(&ee, data, sizeof ee);
            detail::ErrorReport report;
            switch (ee.ee_origin) {
            case SO_EE_ORIGIN_LOCAL:
                report.origin = detail::ErrorReport::Origin::Local;
                break;
            case SO_EE_ORIGIN_ICMP:
                report.origin = detail::ErrorReport::Origin::Icmp;
                break;
            case SO_EE_ORIGIN_ICMP6:
                report.origin = detail::ErrorReport::Origin::Icmp6;
                break;
            default:
                report.origin = detail::ErrorReport::Origin::Other;
                break;
            }
            report.type = ee.ee_type;
            report.code = ee.ee_code;
            report.error = static_cast<int>(ee.ee_errno);
            // The offender's address follows the structure (SO_EE_OFFENDER).
            if (length > sizeof ee) {
                sockaddr_storage offender{};
                const std::size_t n = std::min(length - sizeof ee, sizeof offender);
                std::memcpy(&offender, data + sizeof ee, n);
                if (offender.ss_family != AF_UNSPEC)
                    report.offender = detail::fromSockaddr(
                        reinterpret_cast<const sockaddr *>(&offender), static_cast<socklen_t>(n));
            }
            control.error = report;
        }
        pos += cmsgAlign(header.cmsg_len);
    }
    return control;
}

} // namespace

ProbeTrain::ProbeTrain(asio::io_context &io, TrainSpec spec, Done done)
    : m_io(io)
    , m_spec(std::move(spec))
    , m_done(std::move(done))
    , m_socket(io)
    , m_sendTimer(io)
    , m_deadline(io)
{}

ProbeTrain::~ProbeTrain() = default;

std::shared_ptr<ProbeTrain> ProbeTrain::start(asio::io_context &io, TrainSpec spec, Done done)
{
    std::shared_ptr<ProbeTrain> train(new ProbeTrain(io, std::move(spec), std::move(done)));
    train->begin();
    return train;
}

void ProbeTrain::begin()
{
    m_nonce = randomNonce();
    m_probes.reserve(m_spec.count);
    const auto fd = detail::openProbeSocket(detail::SocketSpec{
        m_spec.protocol, m_spec.target, m_spec.udpPort, m_spec.fwmark, m_spec.source});
    if (!fd) {
        asio::post(m_io, [self = shared_from_this(), error = fd.error()] { self->finish(error); });
        return;
    }
    const bool v4 = m_spec.target.isV4();
    const int icmp = v4 ? static_cast<int>(IPPROTO_ICMP) : static_cast<int>(IPPROTO_ICMPV6);
    const int protocol
        = m_spec.protocol == ProbeProtocol::Icmp ? icmp : static_cast<int>(IPPROTO_UDP);
    error_code ec;
    m_socket.assign(asio::generic::datagram_protocol(v4 ? AF_INET : AF_INET6, protocol), *fd, ec);
    if (ec) {
        ::close(*fd);
        asio::post(m_io, [self = shared_from_this(), error = ec.message()] {
            self->finish("probe socket: " + error);
        });
        return;
    }
    m_start = std::chrono::steady_clock::now();
    waitForAnswers();
    sendNext();
}

void ProbeTrain::sendNext()
{
    if (m_finished)
        return;
    const auto sequence = static_cast<std::uint32_t>(m_probes.size());
    const std::vector<std::uint8_t> packet
        = m_spec.protocol == ProbeProtocol::Icmp
              ? detail::echoRequest(m_spec.target.family(), m_nonce, sequence, m_spec.payloadBytes)
              : detail::udpPayload(m_nonce, sequence, m_spec.payloadBytes);
    Probe &probe = m_probes.emplace_back();
    probe.sentRealtimeNs = realtimeNs();
    probe.sentSteady = std::chrono::steady_clock::now();
    const int fd = m_socket.native_handle();
    const auto transmit = [&] {
        if (m_spec.protocol == ProbeProtocol::Udp)
            return ::send(fd, packet.data(), packet.size(), MSG_DONTWAIT);
        sockaddr_storage to;
        const socklen_t length = detail::toSockaddr(m_spec.target, 0, to);
        return ::sendto(fd, packet.data(), packet.size(), MSG_DONTWAIT,
                        reinterpret_cast<const sockaddr *>(&to), length);
    };
    // An ICMP error for an earlier probe leaves a pending socket error, and the next send would
    // fail with it instead of sending (its details are in the error queue already). Clear it
    // first; should one arrive in between, the failed send consumed it: send again.
    int pending = 0;
    socklen_t pendingLength = sizeof pending;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &pendingLength);
    ssize_t sent = transmit();
    if (sent < 0 && (errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH))
        sent = transmit();
    if (sent < 0)
        note(std::string("send: ") + std::strerror(errno)); // the probe counts as lost

    if (m_probes.size() < m_spec.count) {
        m_sendTimer.expires_at(
            m_start
            + std::chrono::nanoseconds(m_spec.interval.value()
                                       * static_cast<std::int64_t>(m_probes.size())));
        m_sendTimer.async_wait([self = shared_from_this()](const error_code &error) {
            if (!error)
                self->sendNext();
        });
        return;
    }
    m_deadline.expires_at(probe.sentSteady + std::chrono::nanoseconds(m_spec.timeout.value()));
    m_deadline.async_wait([self = shared_from_this()](const error_code &error) {
        if (!error)
            self->finish(std::nullopt);
    });
    finishIfComplete();
}

void ProbeTrain::waitForAnswers()
{
    m_socket.async_wait(asio::socket_base::wait_read,
                        [self = shared_from_this()](const error_code &error) {
                            if (error || self->m_finished)
                                return;
                            self->drain();
                            if (!self->m_finished)
                                self->waitForAnswers();
                        });
}

void ProbeTrain::drain()
{
    const int fd = m_socket.native_handle();
    std::array<std::uint8_t, 2048> buffer{};
    alignas(cmsghdr) std::array<std::uint8_t, 512> control{};
    sockaddr_storage from{};
    const auto receive = [&](int flags) {
        iovec iov{buffer.data(), buffer.size()};
        msghdr msg{};
        msg.msg_name = &from;
        msg.msg_namelen = sizeof from;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        const ssize_t n = ::recvmsg(fd, &msg, flags | MSG_DONTWAIT);
        return std::pair{n, msg};
    };

    // Answers first, then error reports.
    for (;;) {
        const auto [n, msg] = receive(0);
        if (n < 0) {
            // A connected UDP socket also reports a pending ICMP error once through recv();
            // its details are in the error queue read below.
            if (errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH)
                continue;
            break;
        }
        const std::span<const std::uint8_t> data(buffer.data(), static_cast<std::size_t>(n));
        const auto sequence = m_spec.protocol == ProbeProtocol::Icmp
                                  ? detail::echoReplySequence(m_spec.target.family(), data, m_nonce)
                                  : detail::readTag(data, m_nonce);
        if (sequence)
            answered(*sequence, readControl(msg).stampNs);
    }
    for (;;) {
        const auto [n, msg] = receive(MSG_ERRQUEUE);
        if (n < 0)
            break;
        const Control info = readControl(msg);
        if (!info.error)
            continue;
        // The error queue returns the probe as sent: the ICMP header and data, or the UDP payload.
        std::span<const std::uint8_t> quoted(buffer.data(), static_cast<std::size_t>(n));
        if (m_spec.protocol == ProbeProtocol::Icmp)
            quoted = quoted.size() >= 8 ? quoted.subspan(8) : quoted.subspan(quoted.size());
        std::optional<std::uint32_t> sequence = detail::readTag(quoted, m_nonce);
        const bool portUnreachable = m_spec.protocol == ProbeProtocol::Udp
                                     && detail::isPortUnreachableFrom(*info.error, m_spec.target);
        if (!sequence && portUnreachable) {
            // RFC 792 only requires the ICMP error to quote 8 bytes past the IP header — the UDP
            // header, not our tag. Errors arrive in order: give it to the oldest open probe.
            for (std::size_t i = 0; i < m_probes.size(); ++i) {
                if (!m_probes[i].rttNs) {
                    sequence = static_cast<std::uint32_t>(i);
                    break;
                }
            }
        }
        if (portUnreachable && sequence)
            answered(*sequence, info.stampNs);
        else
            note(detail::describe(*info.error));
    }
    finishIfComplete();
}

void ProbeTrain::answered(std::uint32_t sequence, std::optional<std::int64_t> kernelRealtimeNs)
{
    if (sequence >= m_probes.size() || m_probes[sequence].rttNs)
        return; // not ours, or a duplicate
    Probe &probe = m_probes[sequence];
    const std::int64_t steadyRtt = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                       std::chrono::steady_clock::now() - probe.sentSteady)
                                       .count();
    std::int64_t rtt = steadyRtt;
    if (kernelRealtimeNs) {
        const std::int64_t stamped = *kernelRealtimeNs - probe.sentRealtimeNs;
        if (stamped >= 0 && stamped <= steadyRtt + kStampSlackNs)
            rtt = stamped;
    }
    if (rtt > m_spec.timeout.value()) {
        note("late answer");
        return;
    }
    probe.rttNs = rtt;
}

void ProbeTrain::note(std::string text)
{
    for (auto &[existing, count] : m_notes) {
        if (existing == text) {
            ++count;
            return;
        }
    }
    if (m_notes.size() < kMaxNotes)
        m_notes.emplace_back(std::move(text), 1);
}

void ProbeTrain::finishIfComplete()
{
    if (m_finished || m_probes.size() < m_spec.count)
        return;
    for (const Probe &probe : m_probes) {
        if (!probe.rttNs)
            return;
    }
    finish(std::nullopt);
}

void ProbeTrain::finish(std::optional<std::string> localError)
{
    if (m_finished)
        return;
    m_finished = true;
    m_sendTimer.cancel();
    m_deadline.cancel();
    error_code ignored; // closing a socket we are done with: nothing to do if it fails
    m_socket.close(ignored);
    TrainResult result;
    result.localError = std::move(localError);
    if (!result.localError) {
        result.rttNs.reserve(m_probes.size());
        for (const Probe &probe : m_probes)
            result.rttNs.push_back(probe.rttNs);
    }
    for (const auto &[text, count] : m_notes)
        result.notes.push_back(count > 1 ? text + " (x" + std::to_string(count) + ")" : text);
    if (Done done = std::move(m_done))
        done(std::move(result));
}

void ProbeTrain::cancel()
{
    m_done = nullptr;
    if (m_finished)
        return;
    m_finished = true;
    m_sendTimer.cancel();
    m_deadline.cancel();
    error_code ignored; // the train is abandoned: a failing close changes nothing
    m_socket.close(ignored);
}

} // namespace bwx::quality
