#include "bwx/server/tls_context.h"

#include <filesystem>
#include <fstream>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace bwx::server {
namespace {

Error fail(const std::string &what)
{
    std::string reason = takeOpenSslErrors();
    return makeError(reason.empty() ? what : what + ": " + reason);
}

// fopen-level checks first give a clearer message than OpenSSL's "system lib" errors.
std::string unreadable(const std::string &kind, const std::string &path)
{
    if (path.empty())
        return kind + " file is not set";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return kind + " file " + path + " does not exist";
    if (!std::filesystem::is_regular_file(path, ec))
        return kind + " file " + path + " is not a regular file";
    std::ifstream probe(path);
    if (!probe)
        return kind + " file " + path + " is not readable";
    return {};
}

} // namespace

std::string takeOpenSslErrors()
{
    std::string out;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!out.empty())
            out += "; ";
        out += buffer;
    }
    return out;
}

Expected<std::shared_ptr<asio::ssl::context>> makeServerTlsContext(const TlsFiles &files)
{
    for (const auto &[kind, path] : {std::pair<std::string, std::string>{"CA", files.caFile},
                                     {"certificate", files.certFile},
                                     {"key", files.keyFile}}) {
        if (auto problem = unreadable(kind, path); !problem.empty())
            return makeError(problem);
    }
    ERR_clear_error();
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    SSL_CTX *ctx = context->native_handle();

    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1
        || SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1)
        return fail("cannot restrict the protocol versions");
    SSL_CTX_set_options(ctx, SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1
                                 | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION
                                 | SSL_OP_NO_TICKET | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Sessions are long-lived; resumption would only add state, so none is kept and TLS 1.3
    // sends no tickets.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (SSL_CTX_set_num_tickets(ctx, 0) != 1)
        return fail("cannot disable session tickets");
    if (SSL_CTX_set_max_early_data(ctx, 0) != 1 || SSL_CTX_set_recv_max_early_data(ctx, 0) != 1)
        return fail("cannot disable early data");
    if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1)
        return fail("cannot set the TLS 1.2 cipher list");
    if (SSL_CTX_set_ciphersuites(ctx, kTls13Suites) != 1)
        return fail("cannot set the TLS 1.3 cipher suites");
    if (SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384") != 1)
        return fail("cannot set the key exchange groups");

    if (SSL_CTX_use_certificate_chain_file(ctx, files.certFile.c_str()) != 1)
        return fail("cannot load the certificate " + files.certFile);
    if (SSL_CTX_use_PrivateKey_file(ctx, files.keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
        std::string reason = takeOpenSslErrors();
        if (reason.find("mismatch") != std::string::npos)
            return makeError("the private key " + files.keyFile + " does not match the certificate "
                             + files.certFile);
        return makeError("cannot load the private key " + files.keyFile + ": " + reason);
    }
    if (SSL_CTX_check_private_key(ctx) != 1)
        return fail("the private key " + files.keyFile + " does not match the certificate "
                    + files.certFile);

    if (SSL_CTX_load_verify_locations(ctx, files.caFile.c_str(), nullptr) != 1)
        return fail("cannot load the CA " + files.caFile);
    STACK_OF(X509_NAME) *caNames = SSL_load_client_CA_file(files.caFile.c_str());
    if (!caNames)
        return fail("the CA file " + files.caFile + " holds no certificate");
    SSL_CTX_set_client_CA_list(ctx, caNames); // takes ownership
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    // Member certificates are issued directly by the exchange CA (one intermediate allowed).
    SSL_CTX_set_verify_depth(ctx, 2);
    ERR_clear_error();
    return context;
}

} // namespace bwx::server
