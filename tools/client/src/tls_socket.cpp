#include "tls_socket.h"

#include "bwx/client/client_error.h"
#include "openssl_errors.h"
#include "sigpipe_blocker.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bwx::client::detail {
namespace {

using Clock = TlsSocket::Clock;

// Mozilla "intermediate" for TLS 1.2; TLS 1.3 suites are all AEAD already.
constexpr const char *kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

int millisUntil(Clock::time_point deadline)
{
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0)
        return 0;
    return left > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(left);
}

// Returns the events that occurred, 0 when the deadline passed first.
short waitFor(int fd, short events, Clock::time_point deadline)
{
    for (;;) {
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, millisUntil(deadline));
        if (n > 0)
            return p.revents;
        if (n == 0)
            return 0;
        if (errno != EINTR)
            throw ClientError(ErrorKind::Connect,
                              std::string("poll failed: ") + std::strerror(errno));
    }
}

bool isIpLiteral(const std::string &text)
{
    unsigned char buf[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, text.c_str(), buf) == 1
           || ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

std::string describeAddress(const sockaddr *sa)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (sa->sa_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(sa)->sin_addr, text,
                    sizeof text);
    else if (sa->sa_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(sa)->sin6_addr, text,
                    sizeof text);
    return text;
}

int connectTcp(const ClientOptions &options, const std::string &peer, Clock::time_point deadline)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const std::string port = std::to_string(options.port);
    if (const int rc = ::getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found); rc != 0)
        throw ClientError(ErrorKind::Connect,
                          "cannot resolve '" + options.host + "': " + ::gai_strerror(rc));
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);

    std::string failures;
    for (const addrinfo *ai = list.get(); ai; ai = ai->ai_next) {
        const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                ai->ai_protocol);
        if (fd < 0)
            continue;
        int err = 0;
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                const short ev = waitFor(fd, POLLOUT, deadline);
                if (ev == 0) {
                    ::close(fd);
                    throw ClientError(ErrorKind::Timeout,
                                      "connecting to " + peer + " timed out after "
                                          + std::to_string(options.timeout.count()) + " ms");
                }
                socklen_t len = sizeof err;
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            }
        }
        if (err == 0) {
            // Requests are small and latency matters more than packet count.
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        ::close(fd);
        if (!failures.empty())
            failures += "; ";
        failures += describeAddress(ai->ai_addr) + ": " + std::strerror(err);
    }
    throw ClientError(ErrorKind::Connect, "cannot connect to " + peer + ": " + failures);
}

} // namespace

std::unique_ptr<TlsSocket> TlsSocket::open(const ClientOptions &options, Clock::time_point deadline)
{
    std::unique_ptr<TlsSocket> s(new TlsSocket);
    s->m_peer
        = (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host)
          + ":" + std::to_string(options.port);
    ERR_clear_error();

    s->m_ctx = SSL_CTX_new(TLS_client_method());
    if (!s->m_ctx)
        throw ClientError(ErrorKind::Setup, "cannot create a TLS context: " + takeOpenSslErrors());
    SSL_CTX_set_min_proto_version(s->m_ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(s->m_ctx, SSL_OP_NO_RENEGOTIATION);
    if (SSL_CTX_set_cipher_list(s->m_ctx, kTls12Ciphers) != 1)
        throw ClientError(ErrorKind::Setup, "cannot set the cipher list: " + takeOpenSslErrors());

    if (options.caFile.empty())
        throw ClientError(ErrorKind::Setup,
                          "no CA certificate given: the server cannot be verified without one");
    if (SSL_CTX_load_verify_file(s->m_ctx, options.caFile.c_str()) != 1)
        throw ClientError(ErrorKind::Setup, "cannot load CA certificate '" + options.caFile
                                                + "': " + takeOpenSslErrors());
    SSL_CTX_set_verify(s->m_ctx, SSL_VERIFY_PEER, nullptr);

    if (!options.certFile.empty()) {
        if (SSL_CTX_use_certificate_chain_file(s->m_ctx, options.certFile.c_str()) != 1)
            throw ClientError(ErrorKind::Setup, "cannot load certificate '" + options.certFile
                                                    + "': " + takeOpenSslErrors());
        const std::string &key = options.keyFile.empty() ? options.certFile : options.keyFile;
        if (SSL_CTX_use_PrivateKey_file(s->m_ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
            const std::string reasons = takeOpenSslErrors();
            if (reasons.find("key values mismatch") != std::string::npos)
                throw ClientError(ErrorKind::Setup, "private key '" + key
                                                        + "' does not match certificate '"
                                                        + options.certFile + "'");
            throw ClientError(ErrorKind::Setup,
                              "cannot load private key '" + key + "': " + reasons);
        }
        if (SSL_CTX_check_private_key(s->m_ctx) != 1)
            throw ClientError(ErrorKind::Setup, "private key '" + key
                                                    + "' does not match certificate '"
                                                    + options.certFile + "'");
    }

    s->m_fd = connectTcp(options, s->m_peer, deadline);
    s->handshake(options, deadline);
    return s;
}

void TlsSocket::handshake(const ClientOptions &options, Clock::time_point deadline)
{
    m_ssl = SSL_new(m_ctx);
    if (!m_ssl || SSL_set_fd(m_ssl, m_fd) != 1)
        throw ClientError(ErrorKind::Setup, "cannot create a TLS session: " + takeOpenSslErrors());
    SSL_set_mode(m_ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

    const std::string &expected = options.serverName.empty() ? options.host : options.serverName;
    if (isIpLiteral(expected)) {
        if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(m_ssl), expected.c_str()) != 1)
            throw ClientError(ErrorKind::Setup, "cannot check server address '" + expected + "'");
    } else {
        SSL_set_hostflags(m_ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        // SSL_set_tlsext_host_name() is a macro with a C cast; this is its expansion.
        if (SSL_set1_host(m_ssl, expected.c_str()) != 1
            || SSL_ctrl(m_ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                        const_cast<char *>(expected.c_str()))
                   != 1)
            throw ClientError(ErrorKind::Setup, "cannot check server name '" + expected + "'");
    }

    for (;;) {
        ERR_clear_error();
        const SigpipeBlocker noSigpipe;
        const int ret = SSL_connect(m_ssl);
        if (ret == 1)
            return;
        const int err = SSL_get_error(m_ssl, ret);
        short events = 0;
        if (err == SSL_ERROR_WANT_READ)
            events = POLLIN;
        else if (err == SSL_ERROR_WANT_WRITE)
            events = POLLOUT;
        else
            fail(ret, "TLS handshake with");
        if (waitFor(m_fd, events, deadline) == 0)
            throw ClientError(ErrorKind::Timeout,
                              "TLS handshake with " + m_peer + " timed out after "
                                  + std::to_string(options.timeout.count()) + " ms");
    }
}

TlsSocket::~TlsSocket()
{
    if (m_ssl)
        SSL_free(m_ssl);
    if (m_ctx)
        SSL_CTX_free(m_ctx);
    if (m_fd >= 0)
        ::close(m_fd);
}

ClientError TlsSocket::failure(int ret, const char *during)
{
    const int savedErrno = errno;
    const int err = SSL_get_error(m_ssl, ret);
    std::string reasons = takeOpenSslErrors();
    const std::string where = std::string(during) + " " + m_peer;
    if (err == SSL_ERROR_ZERO_RETURN)
        return ClientError(ErrorKind::Closed, "the server closed the connection (" + where + ")");
    if (err == SSL_ERROR_SYSCALL && reasons.empty()) {
        if (savedErrno == 0 || savedErrno == EPIPE || savedErrno == ECONNRESET)
            return ClientError(
                ErrorKind::Closed,
                "the server closed the connection (" + where + ")"
                    + (savedErrno ? std::string(": ") + std::strerror(savedErrno) : ""));
        return ClientError(ErrorKind::Tls, where + " failed: " + std::strerror(savedErrno));
    }
    if (reasons.find("unexpected eof") != std::string::npos)
        return ClientError(ErrorKind::Closed, "the server closed the connection (" + where + ")");
    // With TLS 1.3 the server judges the client certificate after the client's side of the
    // handshake is done: its refusal arrives as an alert on the first read.
    if (reasons.find(" alert ") != std::string::npos)
        return ClientError(ErrorKind::Tls,
                           "the server " + m_peer + " refused the TLS session: " + reasons);
    std::string message = where + " failed: " + (reasons.empty() ? "unknown error" : reasons);
    const long verify = SSL_get_verify_result(m_ssl);
    if (verify != X509_V_OK)
        message += "; server certificate not accepted: "
                   + std::string(X509_verify_cert_error_string(verify));
    return ClientError(ErrorKind::Tls, message);
}

bool TlsSocket::read(std::vector<std::uint8_t> &into, Clock::time_point deadline)
{
    if (m_pendingError)
        throw *m_pendingError;
    bool got = false;
    std::uint8_t chunk[16384];
    for (;;) {
        ERR_clear_error();
        const SigpipeBlocker noSigpipe; // a read may send (alerts, key updates)
        std::size_t n = 0;
        const int ret = SSL_read_ex(m_ssl, chunk, sizeof chunk, &n);
        if (ret == 1) {
            into.insert(into.end(), chunk, chunk + n);
            got = true;
            continue;
        }
        const int err = SSL_get_error(m_ssl, ret);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
            if (got)
                return true;
            if (waitFor(m_fd, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline) == 0)
                return false;
            continue;
        }
        // Deliver what arrived before the end; the next call reports the end itself.
        if (got) {
            m_pendingError = failure(ret, "reading from the server");
            return true;
        }
        fail(ret, "reading from the server");
    }
}

void TlsSocket::write(std::span<const std::uint8_t> bytes,
                      std::vector<std::uint8_t> &inbound,
                      Clock::time_point deadline)
{
    std::size_t offset = 0;
    while (offset < bytes.size()) {
        ERR_clear_error();
        const SigpipeBlocker noSigpipe;
        std::size_t n = 0;
        const int ret = SSL_write_ex(m_ssl, bytes.data() + offset, bytes.size() - offset, &n);
        if (ret == 1) {
            offset += n;
            continue;
        }
        const int err = SSL_get_error(m_ssl, ret);
        if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE)
            fail(ret, "writing to the server");
        const short events
            = waitFor(m_fd, POLLIN | (err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0), deadline);
        if (events == 0)
            throw ClientError(ErrorKind::Timeout, "sending to " + m_peer + " timed out with "
                                                      + std::to_string(bytes.size() - offset)
                                                      + " bytes unsent");
        if ((events & POLLIN) && err == SSL_ERROR_WANT_WRITE)
            read(inbound, Clock::now());
    }
}

void TlsSocket::shutdown() noexcept
{
    if (m_ssl && !(SSL_get_shutdown(m_ssl) & SSL_SENT_SHUTDOWN)) {
        const SigpipeBlocker noSigpipe;
        SSL_shutdown(m_ssl);
        ERR_clear_error();
    }
}

} // namespace bwx::client::detail
