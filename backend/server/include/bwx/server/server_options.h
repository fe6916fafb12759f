#pragma once
// Everything the server needs to know from the configuration. bwxd fills it from the [server]
// and [admin] sections (docs/operations.md lists each key with its default); a SIGHUP reload
// replaces all of it except the listen address and the thread count.
#include "bwx/proto/messages.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bwx::server {

// Limits each session checks; a reload applies them to existing sessions too.
struct SessionLimits
{
    std::uint32_t maxFrameSize = proto::kDefaultMaxFrameSize;
    std::chrono::milliseconds handshakeTimeout{10'000}; // TLS handshake and Hello verdict
    std::chrono::seconds idleTimeout{60};               // nothing received for this long: closed
    std::uint16_t heartbeatSeconds = 20;                // told to clients in HelloAck
    std::size_t maxOutboundBytes = 16u << 20;           // unsent bytes beyond this: SlowConsumer
    std::uint32_t rateLimitPerSecond = 50'000;          // messages per second; 0 = unlimited
    std::uint32_t rateLimitBurst = 100'000;
    std::uint32_t maxBookSubscriptions = 256; // prefixes per session
    // Messages per second of all sessions of one member together, for members whose
    // MemberLimits.max_messages_per_second is 0; 0 = no member-wide limit.
    std::uint32_t memberRateLimitPerSecond = 0;
};

struct ServerOptions
{
    std::string listenHost = "127.0.0.1";
    std::uint16_t listenPort = 7700; // 0 = any free port (tests)
    SessionLimits limits;
    std::uint32_t maxConnections = 1024;
    std::uint32_t maxConnectionsPerIp = 64;
    std::chrono::milliseconds marketWatchInterval{250};
    // Book updates per second per subscribed prefix at most (conflation); 0 = one per batch.
    std::uint32_t bookUpdatesPerSecond = 20;
    // [testing] allow_internal_commands: admins may submit RouteBatch and QualityBatch frames.
    // For tests and demos without BGP sessions or probes; never on a production exchange.
    bool allowInternalCommands = false;
    std::vector<std::string> adminAllow; // admin names allowed in; empty = any admin certificate
};

} // namespace bwx::server

#include <atomic>
#include <memory>
#include <mutex>

namespace bwx::server {

// The options in force, replaced as a whole by a reload. Sessions compare the generation
// (one atomic load per read) and fetch the new options only when it changed.
class SharedOptions
{
public:
    explicit SharedOptions(ServerOptions options)
        : m_options(std::make_shared<const ServerOptions>(std::move(options)))
    {}

    std::shared_ptr<const ServerOptions> get() const
    {
        std::lock_guard lock(m_mutex);
        return m_options;
    }

    std::uint64_t generation() const { return m_generation.load(std::memory_order_acquire); }

    void set(ServerOptions options)
    {
        auto next = std::make_shared<const ServerOptions>(std::move(options));
        std::lock_guard lock(m_mutex);
        m_options = std::move(next);
        m_generation.fetch_add(1, std::memory_order_release);
    }

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const ServerOptions> m_options;
    std::atomic<std::uint64_t> m_generation{0};
};

} // namespace bwx::server
