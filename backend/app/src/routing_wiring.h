#pragma once
// bwxd's routing (BGP speaker, registry, arbiter) made from [registry], [bgp] and [routing],
// wired to the sequencer (RouteBatch commands, start-up queries), to the server (the
// QuerySessions / QueryRoutes / QueryExports services) and to the daemon's log.
#include "bwx/app/config.h"
#include "bwx/core/asio.h"
#include "bwx/expected.h"
#include "bwx/routing/routing_service.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/server.h"

#include <filesystem>
#include <functional>
#include <memory>

namespace bwx::app {

class RoutingHost
{
public:
    // `memberSynced` (may be empty) hears when a member's routers have sent their tables after
    // a session came up; it is called on the routing strand.
    RoutingHost(const Config &config,
                asio::io_context &io,
                sequencer::Sequencer &sequencer,
                std::function<void(MemberId)> memberSynced = {});

    // Before the server listens.
    void registerServices(server::Server &server);
    // The sequencer's outputs, in order, from its delivering thread.
    void observe(const sequencer::OutputBatch &batch) { m_service.observe(batch); }
    // Loads the validation data, binds the BGP listeners, asks the market for members and
    // trades; logs the endpoints. The error names what failed.
    Expected<std::monostate> start();
    void stop() { m_service.stop(); }
    // SIGHUP: re-reads the configuration file and applies what can change while running.
    void reload(const std::filesystem::path &file);

private:
    routing::RoutingService m_service;
};

// nullptr when the configuration has no [registry] section (no routing on this exchange), or
// why the routing configuration cannot run.
Expected<std::unique_ptr<RoutingHost>> makeRoutingHost(const Config &config,
                                                       asio::io_context &io,
                                                       sequencer::Sequencer &sequencer,
                                                       std::function<void(MemberId)> memberSynced
                                                       = {});

} // namespace bwx::app
