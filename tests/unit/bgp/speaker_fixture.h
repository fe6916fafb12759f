#pragma once
// A BgpSpeaker on its own io thread, and a listener that records what it reports so a test
// thread can wait for a condition. Shared by the in-process session tests and the interop tests.
#include "bwx/bgp/speaker.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bwx::bgp::test {

class Recorder : public SpeakerListener
{
public:
    void routesChanged(PeerId, MemberId, std::span<const RouteChange> changes) override
    {
        std::lock_guard lock(mutex);
        for (const RouteChange &c : changes) {
            ++changeCount;
            if (c.kind == RouteChange::Kind::Withdrawn)
                routes.erase(c.prefix);
            else
                routes[c.prefix] = c.attributes;
        }
        cv.notify_all();
    }
    void peerStateChanged(const PeerStateChange &c) override
    {
        std::lock_guard lock(mutex);
        states.push_back(c);
        cv.notify_all();
    }

    template<class Pred>
    bool waitFor(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, timeout, [&] { return pred(*this); });
    }

    int established() const
    {
        int n = 0;
        for (const auto &s : states)
            n += s.to == State::Established ? 1 : 0;
        return n;
    }
    bool sawReason(const std::string &text) const
    {
        for (const auto &s : states)
            if (s.reason.find(text) != std::string::npos)
                return true;
        return false;
    }
    std::optional<PathAttributes> route(const net::Prefix &p)
    {
        std::lock_guard lock(mutex);
        auto it = routes.find(p);
        if (it == routes.end())
            return std::nullopt;
        return *it->second;
    }
    std::size_t routeCount()
    {
        std::lock_guard lock(mutex);
        return routes.size();
    }

    std::map<net::Prefix, AttributesRef> routes;
    std::vector<PeerStateChange> states;
    std::uint64_t changeCount = 0;
    std::mutex mutex;
    std::condition_variable cv;
};

// The io thread is joined only after every speaker using it was destroyed (declare it first).
struct IoThread
{
    asio::io_context io;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{
        io.get_executor()};
    std::thread thread{[this] { io.run(); }};
    ~IoThread()
    {
        work.reset();
        io.stop();
        thread.join();
    }
};

} // namespace bwx::bgp::test
