#pragma once
// Route quality inside bwxd: the route analyzer, the quality database and its tracker run on a
// thread of their own (inside the probe network namespace, when one is configured), and
//
// - learn what to probe from the market (a sequencer query every derive interval, and at once
//   when a sell order appears) and from [quality] (sellers' steering, fixed destinations,
//   targets);
// - give a seller a full analysis when its session starts (or its BGP session is established,
//   when the routing part says so) and when it first has something to probe (claim 5); the
//   scheduler revalidates every path periodically (claim 10);
// - turn the publisher's changes into QualityBatch commands for the sequencer, batched and at
//   most one per batch interval, so the market's eligibility and ranking replay from the journal;
// - answer QueryQuality, QueryQualityMatrix and ImportMeasurements (Server::addService).
//
// Every input is thread-safe and posts to the quality thread; the database, tracker and analyzer
// are touched by that thread only.
#include "bwx/app/quality_settings.h"
#include "bwx/core/asio.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/service.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

namespace bwx::server {
class Server;
}

namespace bwx::app {

class QualityService
{
public:
    using Clock = std::function<Timestamp()>;

    // Opens (or creates) the quality database; throws quality::QualityDbError when it cannot and
    // std::invalid_argument for settings the analyzer refuses. Starts nothing yet.
    QualityService(QualitySettings settings,
                   std::filesystem::path database,
                   sequencer::Sequencer &sequencer,
                   Clock clock = {});
    ~QualityService(); // stops
    QualityService(const QualityService &) = delete;
    QualityService &operator=(const QualityService &) = delete;

    // QueryQuality, QueryQualityMatrix and ImportMeasurements; call before Server::listen().
    void registerServices(server::Server &server);
    // The same handler, for tests without a server.
    void handle(const server::Caller &caller, proto::Message &&request, server::Responder respond);

    // Starts the quality thread, entering the configured network namespace first; throws
    // std::runtime_error when it cannot. Then probing, timers and the first market query start.
    void start();
    // Hands the figures still pending to the sequencer (which must still run), stops probing and
    // joins the thread. Requests that arrive later are answered service_unavailable.
    void stop();

    // bwxd's sequencer output handler passes every batch here before the server gets it.
    void observe(const sequencer::OutputBatch &batch);
    // The routing part: the member's BGP session with the route server was established.
    void sellerConnected(MemberId seller);
    // The registry's AS-path length of the seller's route toward `destination` (0 = unknown).
    void setNetworkDistance(MemberId seller, const net::Prefix &destination, std::uint8_t length);

    // Runs `f` on the quality thread and waits for it (tests and diagnostics).
    void runOnQualityThread(const std::function<void()> &f);

private:
    struct State;
    struct Inbox;

    asio::io_context m_io;
    std::unique_ptr<State> m_state;
    std::shared_ptr<Inbox> m_inbox;
    std::thread m_thread;
    std::atomic<bool> m_accepting{false};
    bool m_started = false;
};

} // namespace bwx::app
