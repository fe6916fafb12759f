#pragma once
// A bounded multi-producer queue guarded by one mutex. The sequencer's hand-offs carry whole
// batches or single commands whose processing costs far more than the lock, so nothing
// lock-free is needed; what matters is that it is bounded (back-pressure instead of unbounded
// memory) and that close() lets the consumer drain what was accepted before it.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace bwx::sequencer {

template<class T> class BoundedQueue
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Pop { Items, Timeout, Closed };

    explicit BoundedQueue(std::size_t capacity)
        : m_capacity(capacity > 0 ? capacity : 1)
    {}

    // Never waits: false when full or closed.
    bool tryPush(T &&item)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_closed || m_items.size() >= m_capacity)
                return false;
            m_items.push_back(std::move(item));
        }
        m_notEmpty.notify_one();
        return true;
    }

    // Waits for room; false when the queue is closed before there is any.
    bool push(T &&item)
    {
        {
            std::unique_lock lock(m_mutex);
            m_notFull.wait(lock, [this] { return m_closed || m_items.size() < m_capacity; });
            if (m_closed)
                return false;
            m_items.push_back(std::move(item));
        }
        m_notEmpty.notify_one();
        return true;
    }

    // Waits until a push would not have to wait; false when the queue is closed. With a single
    // producer, the next push is then sure to find room.
    bool waitForRoom()
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_closed || m_items.size() < m_capacity; });
        return !m_closed;
    }

    // Waits until there is at least one item, the queue is closed, or `deadline` passes, then
    // moves up to `max` items into `out`. Items accepted before close() are still handed out;
    // Closed is returned only once the queue is closed and empty.
    Pop popSome(std::vector<T> &out, std::size_t max, std::optional<Clock::time_point> deadline)
    {
        std::unique_lock lock(m_mutex);
        auto ready = [this] {
            return m_closed || !m_items.empty();
        };
        if (deadline) {
            if (!m_notEmpty.wait_until(lock, *deadline, ready))
                return Pop::Timeout;
        } else {
            m_notEmpty.wait(lock, ready);
        }
        if (m_items.empty())
            return Pop::Closed;
        std::size_t n = 0;
        while (!m_items.empty() && n < max) {
            out.push_back(std::move(m_items.front()));
            m_items.pop_front();
            ++n;
        }
        lock.unlock();
        m_notFull.notify_all();
        return Pop::Items;
    }

    // No more pushes; what is queued can still be popped.
    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

    // Closes and drops everything still queued.
    void closeAndDiscard()
    {
        std::deque<T> dropped;
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
            dropped.swap(m_items);
        }
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    const std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<T> m_items;
    bool m_closed = false;
};

} // namespace bwx::sequencer
