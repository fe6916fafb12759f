#pragma once
// A session's bounded outbound queue. Frames are encoded straight into one contiguous buffer
// (no allocation per message once it has grown), and the writer takes the whole buffer at once,
// so everything queued while one write was in flight leaves in the next single write.
//
// Producers are the session itself (its strand) and the session manager (fan-out, another
// strand); the one small mutex here is the only state they share. When the unsent bytes would
// exceed the limit, the queue drops what is unsent and refuses everything but the final Goodbye:
// a slow reader never makes the server buffer without bound.
#include "bwx/proto/codec.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace bwx::server {

class OutboundQueue
{
public:
    enum class Push : std::uint8_t {
        Queued,   // a write is already scheduled and will take it
        Schedule, // the caller must schedule a write on the session's strand
        Overflow, // the limit was crossed: the queue is now closed, say Goodbye SlowConsumer
        Closed,   // the session is closing; dropped
    };

    explicit OutboundQueue(std::size_t limit)
        : m_limit(limit)
    {}

    void setLimit(std::size_t limit)
    {
        std::lock_guard lock(m_mutex);
        m_limit = limit;
    }

    Push push(const proto::Message &message, std::uint32_t requestId)
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return Push::Closed;
        proto::encodeFrame(message, requestId, m_pending);
        if (m_pending.size() + m_inFlight > m_limit) {
            m_closed = true;
            m_pending.clear();
            return Push::Overflow;
        }
        return schedule();
    }

    // The last frame of a session: queued even when closed or over the limit (the bytes it
    // replaces were dropped), after which nothing more is accepted.
    Push pushFinal(const proto::Message &message, std::uint32_t requestId)
    {
        std::lock_guard lock(m_mutex);
        if (m_finalQueued)
            return Push::Closed;
        m_finalQueued = true;
        m_closed = true;
        proto::encodeFrame(message, requestId, m_pending);
        return schedule();
    }

    // Moves every queued byte into `out` (whose old content is discarded) for one write.
    // False when there is nothing to write; the next push then asks for a new schedule.
    bool take(std::vector<std::uint8_t> &out)
    {
        std::lock_guard lock(m_mutex);
        out.clear();
        if (m_pending.empty()) {
            m_scheduled = false;
            m_inFlight = 0;
            return false;
        }
        out.swap(m_pending); // both buffers keep their capacity: no churn in steady state
        m_inFlight = out.size();
        return true;
    }

    // Bytes queued or being written.
    std::size_t size() const
    {
        std::lock_guard lock(m_mutex);
        return m_pending.size() + m_inFlight;
    }

    bool closed() const
    {
        std::lock_guard lock(m_mutex);
        return m_closed;
    }

private:
    Push schedule()
    {
        if (m_scheduled)
            return Push::Queued;
        m_scheduled = true;
        return Push::Schedule;
    }

    mutable std::mutex m_mutex;
    std::vector<std::uint8_t> m_pending;
    std::size_t m_inFlight = 0;
    std::size_t m_limit;
    bool m_scheduled = false;
    bool m_closed = false;
    bool m_finalQueued = false;
};

} // namespace bwx::server
