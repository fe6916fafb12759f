#pragma once
// A scripted TLS server on 127.0.0.1 for the bwx_client tests: it accepts one connection,
// decodes frames with the real codec and lets the test decide what to answer, so request
// matching, queueing and error paths can be driven exactly. Not a stand-in for bwxd.
#include "bwx/proto/codec.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace bwx::test {

class FakeServer
{
public:
    struct Files
    {
        std::string cert, key, ca;
        bool requireClientCert = true;
    };
    // Called for every frame received; write answers with send().
    using Handler = std::function<void(FakeServer &, const proto::Decoded &)>;

    FakeServer(const Files &files, Handler handler);
    ~FakeServer();

    std::uint16_t port() const { return m_port; }
    void send(const proto::Message &message, std::uint32_t requestId);
    void sendBytes(const std::vector<std::uint8_t> &bytes);
    // Drops the TCP connection without a TLS close_notify (from the handler).
    void closeConnection();
    bool closed() const { return m_closed.load(); }
    // Frames seen so far (on the server thread; read after the client is done).
    std::size_t framesSeen() const { return m_frames.load(); }

private:
    void serve();

    Handler m_handler;
    SSL_CTX *m_ctx = nullptr;
    SSL *m_ssl = nullptr;
    int m_listen = -1;
    std::atomic<int> m_fd{-1};
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_frames{0};
    std::atomic<bool> m_closed{false};
    std::thread m_thread;
};

} // namespace bwx::test
