#include "exit_codes.h"

#include "bwx/client/client_error.h"

namespace bwx::ctl {

int exitCodeFor(const client::ClientError &error)
{
    switch (error.kind()) {
    case client::ErrorKind::Rejected:
    // The exchange ended the session on purpose with a result code (unknown or suspended
    // member): a refusal, not a network problem.
    case client::ErrorKind::Goodbye:
        return kExitRejected;
    default:
        return kExitConnection;
    }
}

} // namespace bwx::ctl
