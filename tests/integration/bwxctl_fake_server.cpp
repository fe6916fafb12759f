#include "bwxctl_fake_server.h"

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <pthread.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace bwx::test {

FakeServer::FakeServer(const Files &files, Handler handler)
    : m_handler(std::move(handler))
{
    m_ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_min_proto_version(m_ctx, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(m_ctx, files.cert.c_str()) != 1
        || SSL_CTX_use_PrivateKey_file(m_ctx, files.key.c_str(), SSL_FILETYPE_PEM) != 1
        || SSL_CTX_load_verify_file(m_ctx, files.ca.c_str()) != 1)
        throw std::runtime_error("fake server: cannot load its TLS files");
    SSL_CTX_set_verify(m_ctx,
                       files.requireClientCert ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT
                                               : SSL_VERIFY_NONE,
                       nullptr);

    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::listen(m_listen, 4) != 0)
        throw std::runtime_error("fake server: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
}

FakeServer::~FakeServer()
{
    m_stop = true;
    if (m_fd >= 0)
        ::shutdown(m_fd, SHUT_RDWR); // wakes a blocked SSL_read
    m_thread.join();
    if (m_ssl)
        SSL_free(m_ssl);
    if (m_fd >= 0)
        ::close(m_fd);
    ::close(m_listen);
    SSL_CTX_free(m_ctx);
}

void FakeServer::send(const proto::Message &message, std::uint32_t requestId)
{
    std::vector<std::uint8_t> bytes;
    proto::encodeFrame(message, requestId, bytes);
    sendBytes(bytes);
}

void FakeServer::closeConnection()
{
    // Unread data in the receive buffer makes the kernel answer with a reset.
    ::close(m_fd.exchange(-1));
    m_closed = true;
}

void FakeServer::sendBytes(const std::vector<std::uint8_t> &bytes)
{
    std::size_t written = 0;
    while (written < bytes.size()) {
        std::size_t n = 0;
        if (SSL_write_ex(m_ssl, bytes.data() + written, bytes.size() - written, &n) != 1)
            return; // the client went away; the test checks what it received
        written += n;
    }
}

void FakeServer::serve()
{
    // Only this thread: the client's own SIGPIPE handling is under test in the main thread.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    for (;;) {
        if (m_stop)
            return;
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 50) == 1)
            break;
    }
    m_fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    m_ssl = SSL_new(m_ctx);
    SSL_set_fd(m_ssl, m_fd);
    if (SSL_accept(m_ssl) != 1)
        return; // the client's side of the story is what the tests check
    std::vector<std::uint8_t> inbound;
    std::uint8_t chunk[16384];
    while (!m_stop) {
        std::size_t n = 0;
        if (SSL_read_ex(m_ssl, chunk, sizeof chunk, &n) != 1)
            return;
        inbound.insert(inbound.end(), chunk, chunk + n);
        for (;;) {
            proto::Decoded d = proto::decodeFrame(inbound);
            if (d.status == proto::DecodeStatus::NeedMore)
                break;
            ++m_frames;
            m_handler(*this, d);
            if (d.status == proto::DecodeStatus::BadFrame)
                return;
            inbound.erase(inbound.begin(),
                          inbound.begin() + static_cast<std::ptrdiff_t>(d.consumed));
        }
    }
}

} // namespace bwx::test
