#include "bwx/client/client_error.h"

#include <utility>

namespace bwx::client {

std::string_view name(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Setup:
        return "setup";
    case ErrorKind::Connect:
        return "connect";
    case ErrorKind::Tls:
        return "tls";
    case ErrorKind::Timeout:
        return "timeout";
    case ErrorKind::Closed:
        return "closed";
    case ErrorKind::Goodbye:
        return "goodbye";
    case ErrorKind::Protocol:
        return "protocol";
    case ErrorKind::Rejected:
        return "rejected";
    }
    return "unknown";
}

ClientError::ClientError(ErrorKind kind, std::string message)
    : std::runtime_error(message)
    , m_kind(kind)
    , m_detail(std::move(message))
{}

ClientError::ClientError(ErrorKind kind, proto::ResultCode code, std::string message)
    : std::runtime_error(std::string(proto::name(code)) + ": " + message)
    , m_kind(kind)
    , m_code(code)
    , m_detail(std::move(message))
{}

} // namespace bwx::client
