#pragma once
// Where and how a client connects: the exchange's address and the member's TLS identity.
#include <chrono>
#include <cstdint>
#include <string>

namespace bwx::client {

struct ClientOptions
{
    std::string host; // name or IP literal (IPv6 without brackets)
    std::uint16_t port = 0;
    std::string certFile;   // PEM client certificate (chain); empty = present none
    std::string keyFile;    // PEM private key of certFile
    std::string caFile;     // PEM CA certificate(s) the server certificate must chain to
    std::string serverName; // name or IP checked against the server certificate's SAN;
                            // empty = host
    std::chrono::milliseconds timeout{10'000}; // connect + handshake, and default for requests
};

} // namespace bwx::client
