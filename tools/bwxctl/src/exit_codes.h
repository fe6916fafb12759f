#pragma once
// bwxctl's exit codes, a contract with scripts (docs/bwxctl.md).
#include <stdexcept>
#include <string>

namespace bwx::client {
class ClientError;
}

namespace bwx::ctl {

enum ExitCode : int {
    kExitOk = 0,
    kExitUsage = 1,      // bad arguments or input; nothing was sent
    kExitConnection = 2, // no session: connection, TLS, timeout, protocol
    kExitRejected = 3,   // the exchange refused: result code name and message printed
};

// Bad input found before anything was sent.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

int exitCodeFor(const client::ClientError &error);

} // namespace bwx::ctl
