#include "sigpipe_blocker.h"

#include <ctime>
#include <pthread.h>

namespace bwx::client::detail {

SigpipeBlocker::SigpipeBlocker()
{
    sigemptyset(&m_pipe);
    sigaddset(&m_pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_pipe, &m_previous);
    m_wasBlocked = sigismember(&m_previous, SIGPIPE) == 1;
}

SigpipeBlocker::~SigpipeBlocker()
{
    if (m_wasBlocked)
        return; // the caller blocks it itself and may want to see it
    sigset_t pending;
    sigemptyset(&pending);
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
        const timespec zero{};
        sigtimedwait(&m_pipe, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
}

} // namespace bwx::client::detail
