#pragma once
// Every failure of the client is one exception type carrying what kind of failure it was, so a
// caller (bwxctl's exit codes, a test) can tell a refused connection from a rejected request.
#include "bwx/proto/result_code.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bwx::client {

enum class ErrorKind : std::uint8_t {
    Setup,    // the local TLS material could not be loaded (file, key mismatch)
    Connect,  // name resolution or TCP connect failed (refused, unreachable)
    Tls,      // handshake or record layer failure, with OpenSSL's reason
    Timeout,  // nothing arrived before the deadline
    Closed,   // the server closed the connection without a Goodbye
    Goodbye,  // the server said Goodbye: code() and message() hold its code and reason
    Protocol, // the server sent something that is not valid protocol
    Rejected, // a request was answered with a failing Result: code() and message()
};

std::string_view name(ErrorKind kind);

class ClientError : public std::runtime_error
{
public:
    ClientError(ErrorKind kind, std::string message);
    ClientError(ErrorKind kind, proto::ResultCode code, std::string message);

    ErrorKind kind() const noexcept { return m_kind; }
    // The exchange's result code for Goodbye and Rejected.
    std::optional<proto::ResultCode> code() const noexcept { return m_code; }
    // The message without the kind prefix that what() carries.
    const std::string &detail() const noexcept { return m_detail; }

private:
    ErrorKind m_kind;
    std::optional<proto::ResultCode> m_code;
    std::string m_detail;
};

} // namespace bwx::client
