#pragma once
// A non-blocking TCP socket with OpenSSL on top, driven with poll() so that every blocking
// operation has a deadline. Private to bwx_client.
#include "bwx/client/client_error.h"
#include "bwx/client/client_options.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <openssl/ssl.h>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bwx::client::detail {

class TlsSocket
{
public:
    using Clock = std::chrono::steady_clock;

    // Throws ClientError (Setup, Connect, Tls, Timeout).
    static std::unique_ptr<TlsSocket> open(const ClientOptions &options,
                                           Clock::time_point deadline);

    TlsSocket(const TlsSocket &) = delete;
    TlsSocket &operator=(const TlsSocket &) = delete;
    ~TlsSocket();

    // Appends everything readable now; when nothing is, waits for data until `deadline`.
    // Returns false when the deadline passed with nothing read. Throws Closed or Tls.
    bool read(std::vector<std::uint8_t> &into, Clock::time_point deadline);

    // Writes all of `bytes`. While the socket is not writable, whatever arrives is appended
    // to `inbound`: a server blocked on writing replies to us would otherwise stop reading.
    void write(std::span<const std::uint8_t> bytes,
               std::vector<std::uint8_t> &inbound,
               Clock::time_point deadline);

    // Sends close_notify without waiting for the server's.
    void shutdown() noexcept;

    const std::string &peer() const noexcept { return m_peer; }

private:
    TlsSocket() = default;
    void handshake(const ClientOptions &options, Clock::time_point deadline);
    // The error behind a failed SSL call, with OpenSSL's reasons (taken from its queue).
    ClientError failure(int ret, const char *during);
    [[noreturn]] void fail(int ret, const char *during) { throw failure(ret, during); }

    int m_fd = -1;
    SSL_CTX *m_ctx = nullptr;
    SSL *m_ssl = nullptr;
    std::string m_peer; // "host:port" for messages
    // A read failure that came after data in the same call: reported by the next read, once
    // the data before it has been delivered.
    std::optional<ClientError> m_pendingError;
};

} // namespace bwx::client::detail
