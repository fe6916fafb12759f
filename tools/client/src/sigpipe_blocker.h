#pragma once
// Writing to a socket the peer has closed raises SIGPIPE, whose default action ends the
// process. OpenSSL writes with plain write(), so MSG_NOSIGNAL is not available; instead the
// signal is blocked on this thread for the duration of a TLS call and a SIGPIPE raised
// meanwhile is consumed. The process-wide disposition stays the host program's business.
#include <csignal>

namespace bwx::client::detail {

class SigpipeBlocker
{
public:
    SigpipeBlocker();
    ~SigpipeBlocker();
    SigpipeBlocker(const SigpipeBlocker &) = delete;
    SigpipeBlocker &operator=(const SigpipeBlocker &) = delete;

private:
    sigset_t m_pipe;
    sigset_t m_previous;
    bool m_wasBlocked = false;
};

} // namespace bwx::client::detail
