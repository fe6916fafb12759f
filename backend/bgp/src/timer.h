#pragma once
// A steady timer whose expiry is ignored once it was re-armed or cancelled: Asio may already
// have queued the completion of an expired wait when cancel() is called.
#include "bwx/core/asio.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace bwx::bgp::detail {

class Timer
{
public:
    template<class Executor>
    explicit Timer(const Executor &ex)
        : m_timer(ex)
    {}

    // `owner` keeps the object that `f` touches alive until the wait completes.
    template<class Owner, class F>
    void arm(std::chrono::steady_clock::duration d, std::shared_ptr<Owner> owner, F f)
    {
        const std::uint64_t gen = ++m_generation;
        m_running = true;
        m_timer.expires_after(d);
        m_timer.async_wait([this, gen, owner = std::move(owner), f = std::move(f)](
                               const error_code &ec) mutable {
            if (ec || gen != m_generation)
                return;
            m_running = false;
            f();
        });
    }

    void cancel()
    {
        ++m_generation;
        m_running = false;
        m_timer.cancel();
    }

    bool running() const noexcept { return m_running; }

private:
    asio::steady_timer m_timer;
    std::uint64_t m_generation = 0;
    bool m_running = false;
};

} // namespace bwx::bgp::detail
