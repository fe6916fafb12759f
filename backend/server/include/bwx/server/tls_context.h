#pragma once
// The server's TLS configuration, built once per (re)load. Policy (Mozilla "intermediate",
// tightened): TLS 1.2 and 1.3 only; for 1.2 only ECDHE key exchange with AEAD ciphers
// (AES-GCM, ChaCha20-Poly1305); no renegotiation, no compression, no session tickets, no
// 0-RTT early data (an order must never be replayable); a client certificate issued by the
// exchange CA is required.
#include "bwx/core/asio.h"
#include "bwx/expected.h"

#include <memory>
#include <string>

namespace bwx::server {

struct TlsFiles
{
    std::string caFile;   // the exchange CA that issues member and admin certificates
    std::string certFile; // the server's certificate chain (PEM)
    std::string keyFile;  // its private key (PEM); never logged
};

inline constexpr const char *kTls12Ciphers
    = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
inline constexpr const char *kTls13Suites
    = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

// Loads and checks everything (files readable, key matches certificate, CA parses); the error
// names the file and OpenSSL's reason.
Expected<std::shared_ptr<asio::ssl::context>> makeServerTlsContext(const TlsFiles &files);

// OpenSSL's error queue as one line (and cleared), for error messages.
std::string takeOpenSslErrors();

} // namespace bwx::server
