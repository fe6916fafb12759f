#include "bwx/app/daemon.h"
#include "bwx/app/market_settings.h"
#include "bwx/core/asio.h"
#include "bwx/market/engine.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/log.h"
#include "bwx/server/server.h"
#include "bwx/store/journal.h"
#include "quality_wiring.h"
#include "routing_wiring.h"
#include "settlement_wiring.h"

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

namespace bwx::app {
namespace {

namespace fs = std::filesystem;
using server::logError;
using server::logInfo;
using server::logWarning;

constexpr int kExitStartFailed = 1;
constexpr int kExitJournalFailed = 2;
// How long sessions get to read their Goodbye before the process goes anyway.
constexpr std::chrono::seconds kCloseWait{3};

// What ends the main thread's wait: a signal (clean stop) or the journal failing (fenced).
class StopRequest
{
public:
    void request(int exitCode, std::string reason)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_requested)
                return; // the first reason wins
            m_requested = true;
            m_exitCode = exitCode;
            m_reason = std::move(reason);
        }
        m_cv.notify_all();
    }

    void wait()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return m_requested; });
    }

    int exitCode() const { return m_exitCode; }
    const std::string &reason() const { return m_reason; }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_requested = false;
    int m_exitCode = 0;
    std::string m_reason;
};

std::string hex64(std::uint64_t value)
{
    char text[20];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

std::string endpointText(const tcp::endpoint &endpoint)
{
    const auto address = endpoint.address();
    return (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":"
           + std::to_string(endpoint.port());
}

std::unique_ptr<store::Journal> openJournal(const Config &config)
{
    store::SqliteJournalOptions options;
    options.synchronousFull = config.store.sync == SyncMode::Full;
    return store::openSqliteJournal(config.store.journalPath().string(), options);
}

void logLines(server::LogLevel level, const std::string &prefix, const std::string &text)
{
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        server::log(level, prefix + text.substr(start, end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
}

// SIGHUP: TLS files and session limits are replaced for new sessions (limits also for the
// running ones); anything that needs a restart is reported and left as it is.
void reload(Config &running, server::Server &server, MarketSettingsKeeper &market)
{
    auto next = loadConfig(running.file);
    if (!next) {
        logLines(server::LogLevel::Error,
                 "SIGHUP: configuration kept, the file has errors: ", next.error());
        return;
    }
    auto tls = server::makeServerTlsContext(next->tls);
    if (!tls) {
        logError("SIGHUP: configuration kept, TLS files do not load: " + tls.error());
        return;
    }
    if (next->server.listenHost != running.server.listenHost
        || next->server.listenPort != running.server.listenPort)
        logWarning("SIGHUP: [server] listen changed; it takes effect at the next restart");
    if (next->ioThreads != running.ioThreads)
        logWarning("SIGHUP: [server] io_threads changed; it takes effect at the next restart");
    if (next->store.dataDir != running.store.dataDir || next->store.sync != running.store.sync
        || next->store.snapshotEvery != running.store.snapshotEvery)
        logWarning("SIGHUP: [store] changed; it takes effect at the next restart");
    if (next->market.tickInterval != running.market.tickInterval)
        logWarning("SIGHUP: [market] tick_interval_ms changed; it takes effect at the next restart");
    // The settings the market decides with are journaled: sequenced now if they differ.
    market.reconcile(wantedSettings(next->market), [](const MarketSettingsKeeper::Outcome &o) {
        logMarketSettings("SIGHUP: ", o);
    });
    running.market.requireRoutes = next->market.requireRoutes;
    running.market.maxOpenOrdersPerMember = next->market.maxOpenOrdersPerMember;
    running.market.maxOrderCapacity = next->market.maxOrderCapacity;
    server::ServerOptions options = next->server;
    options.listenHost = running.server.listenHost;
    options.listenPort = running.server.listenPort;
    server.reload(std::move(*tls), options);
    running.server = std::move(options);
    running.tls = next->tls;
    logInfo("SIGHUP: reloaded the TLS certificate, key and CA and the session limits from "
            + running.file.string());
}

} // namespace

int runDaemon(const Config &startConfig)
{
    Config config = startConfig;
    std::error_code ec;
    fs::create_directories(config.store.dataDir, ec);
    if (ec) {
        logError("cannot create the data directory " + config.store.dataDir.string() + ": "
                 + ec.message());
        return kExitStartFailed;
    }
    std::unique_ptr<store::Journal> journal;
    try {
        journal = openJournal(config);
    } catch (const std::exception &e) {
        logError("cannot open the journal " + config.store.journalPath().string() + ": "
                 + e.what());
        return kExitStartFailed;
    }
    if (config.store.sync == SyncMode::Off)
        logWarning("[store] sync = \"off\": acknowledged orders can be lost in a power failure; "
                   "use this for benchmarks only");

    // Recovery replays with the engine's built-in defaults: the settings in force come from
    // the journal's ConfigureMarket commands (market_settings.h), never from this file.
    auto recovered = sequencer::recover(*journal, true);
    if (!recovered.ok) {
        logError("recovery failed, not starting: " + recovered.error);
        return kExitStartFailed;
    }
    market::Engine &engine = *recovered.recovery.engine;
    logInfo("recovered the market at seq " + std::to_string(engine.lastSeq().value())
            + " (snapshot at seq " + std::to_string(recovered.recovery.snapshotSeq.value()) + ", "
            + std::to_string(recovered.recovery.replayed) + " commands replayed), state hash "
            + hex64(engine.stateHash()));

    auto tls = server::makeServerTlsContext(config.tls);
    if (!tls) {
        logError("TLS configuration does not load: " + tls.error());
        return kExitStartFailed;
    }

    asio::io_context io(static_cast<int>(config.ioThreads));
    auto guard = asio::make_work_guard(io);
    auto signalStrand = asio::make_strand(io);
    asio::signal_set signals(signalStrand, SIGINT, SIGTERM, SIGHUP);
    StopRequest stop;

    sequencer::SequencerOptions sequencerOptions;
    sequencerOptions.tickInterval = config.market.tickInterval;
    sequencerOptions.snapshotEvery = config.store.snapshotEvery;
    server::Server *serverForOutput = nullptr; // set before the sequencer starts
    QualityService *qualityForOutput = nullptr;  // likewise, when [quality] is configured
    MarketSettingsKeeper *settingsForOutput = nullptr; // likewise
    settlement::SettlementService *settlementForOutput = nullptr; // when [settlement] is configured
    RoutingHost *routingForOutput = nullptr; // when [registry] is configured
    sequencer::Sequencer sequencer(
        engine, *journal, sequencerOptions,
        [&serverForOutput, &qualityForOutput, &settingsForOutput,
         &settlementForOutput, &routingForOutput](sequencer::OutputBatch &&batch) {
            settingsForOutput->observe(batch);
            if (routingForOutput)
                routingForOutput->observe(batch);
            if (settlementForOutput)
                settlementForOutput->observe(batch);
            if (qualityForOutput)
                qualityForOutput->observe(batch);
            serverForOutput->deliver(std::move(batch));
        },
        [&stop](const std::string &reason) {
            logError("journal failure, the exchange is fenced and stops: " + reason);
            stop.request(kExitJournalFailed, reason);
        });
    server::Server server(io, sequencer, std::move(*tls), config.server);
    serverForOutput = &server;
    MarketSettingsKeeper marketSettings(sequencer);
    settingsForOutput = &marketSettings;
    auto quality = makeQualityService(config, sequencer);
    if (!quality) {
        logError(quality.error());
        return kExitStartFailed;
    }
    if (*quality) {
        (*quality)->registerServices(server);
        qualityForOutput = quality->get();
    }
    // Reads the recovered market before the sequencer moves it on; later trades come as outputs.
    auto settlement = startSettlement(config, engine, server);
    if (!settlement) {
        logError(settlement.error());
        return kExitStartFailed;
    }
    settlementForOutput = settlement->get();
    // A seller whose routers have sent their tables again after a BGP session came up gets a
    // full route analysis; sellerConnected only posts to the quality thread, and the quality
    // service outlives the routing host (declared before it).
    std::function<void(MemberId)> memberSynced;
    if (*quality)
        memberSynced = [service = quality->get()](MemberId member) {
            service->sellerConnected(member);
        };
    auto routing = makeRoutingHost(config, io, sequencer, std::move(memberSynced));
    if (!routing) {
        logError(routing.error());
        return kExitStartFailed;
    }
    if (*routing) {
        (*routing)->registerServices(server);
        routingForOutput = routing->get();
    }
    sequencer.start();

    // Before anyone connects, so every member command is decided with the settings asked for.
    const auto settingsOutcome = marketSettings.reconcileAndWait(wantedSettings(config.market),
                                                                 std::chrono::seconds(30));
    logMarketSettings("", settingsOutcome);
    if (!settingsOutcome.ok) {
        sequencer.stop();
        return kExitStartFailed;
    }

    auto endpoint = server.listen();
    if (!endpoint) {
        logError(endpoint.error());
        sequencer.stop();
        return kExitStartFailed;
    }
    if (*quality) {
        try {
            (*quality)->start();
        } catch (const std::exception &e) {
            logError(std::string("[quality]: ") + e.what());
            sequencer.stop();
            return kExitStartFailed;
        }
    }
    if (*routing) {
        if (auto started = (*routing)->start(); !started) {
            logError(started.error());
            sequencer.stop();
            return kExitStartFailed;
        }
    }

    std::function<void()> awaitSignal = [&] {
        signals.async_wait([&](const error_code &signalEc, int number) {
            if (signalEc)
                return; // cancelled at shutdown
            if (number == SIGHUP) {
                reload(config, server, marketSettings);
                if (*routing)
                    (*routing)->reload(config.file);
                awaitSignal();
                return;
            }
            logInfo(std::string("received ") + (number == SIGINT ? "SIGINT" : "SIGTERM")
                    + ", shutting down");
            stop.request(0, "signal");
        });
    };
    awaitSignal();

    std::vector<std::thread> threads;
    threads.reserve(config.ioThreads);
    for (unsigned i = 0; i < config.ioThreads; ++i)
        threads.emplace_back([&io] { io.run(); });

    const std::string where = endpointText(*endpoint);
    logInfo("listening on " + where + " with " + std::to_string(config.ioThreads)
            + " io thread(s)");
    std::printf("bwxd: listening on %s\n", where.c_str());
    std::fflush(stdout);

    stop.wait();

    // Quality first: its last figures still reach the running sequencer.
    if (*quality)
        (*quality)->stop();
    if (*routing)
        (*routing)->stop(); // Cease 6/2 to the member routers
    server.stopAccepting();
    if (stop.exitCode() == kExitJournalFailed) {
        server.closeAll(proto::ResultCode::JournalUnavailable,
                        "the journal failed; the exchange has stopped accepting anything");
    } else {
        // What was already read is sequenced, made durable and answered before the Goodbye.
        server.stopReading();
        sequencer.stop();
        server.closeAll(proto::ResultCode::ShuttingDown, "the exchange is shutting down");
    }
    if (!server.waitUntilClosed(kCloseWait))
        logWarning(std::to_string(server.sessionCount())
                   + " session(s) did not close in time; closing anyway");
    sequencer.stop();
    // After the sequencer: the last trades are seen; then the usage in memory is written.
    if (*settlement)
        (*settlement)->stop();
    asio::post(signalStrand, [&signals] { signals.cancel(); });
    guard.reset();
    io.stop();
    for (auto &thread : threads)
        thread.join();
    logInfo("stopped at seq " + std::to_string(sequencer.lastDurableSeq().value()) + ", "
            + std::to_string(sequencer.batchesCommitted()) + " journal batches written");
    return stop.exitCode();
}

int verifyJournal(const Config &config)
{
    const fs::path path = config.store.journalPath();
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        std::fprintf(stderr, "bwxd: no journal at %s\n", path.c_str());
        return 1;
    }
    std::unique_ptr<store::Journal> journal;
    try {
        journal = openJournal(config);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bwxd: cannot open the journal %s: %s\n", path.c_str(), e.what());
        return 1;
    }
    const auto full = sequencer::recover(*journal, false);
    if (!full.ok) {
        std::fprintf(stderr, "bwxd: journal damaged: %s\n", full.error.c_str());
        return 1;
    }
    const market::Engine &fullEngine = *full.recovery.engine;
    std::printf("full replay: last_seq=%llu state_hash=%s commands=%llu\n",
                static_cast<unsigned long long>(fullEngine.lastSeq().value()),
                hex64(fullEngine.stateHash()).c_str(),
                static_cast<unsigned long long>(full.recovery.replayed));
    if (const std::string broken = fullEngine.checkInvariants(); !broken.empty()) {
        std::fprintf(stderr, "bwxd: the replayed market breaks an invariant: %s\n", broken.c_str());
        return 1;
    }
    const auto fromSnapshot = sequencer::recover(*journal, true);
    if (!fromSnapshot.ok) {
        std::fprintf(stderr, "bwxd: snapshot + tail recovery failed: %s\n",
                     fromSnapshot.error.c_str());
        return 1;
    }
    const market::Engine &snapEngine = *fromSnapshot.recovery.engine;
    std::printf("snapshot + tail: snapshot_seq=%llu last_seq=%llu state_hash=%s commands=%llu\n",
                static_cast<unsigned long long>(fromSnapshot.recovery.snapshotSeq.value()),
                static_cast<unsigned long long>(snapEngine.lastSeq().value()),
                hex64(snapEngine.stateHash()).c_str(),
                static_cast<unsigned long long>(fromSnapshot.recovery.replayed));
    if (snapEngine.lastSeq() != fullEngine.lastSeq()
        || snapEngine.stateHash() != fullEngine.stateHash()) {
        std::printf("MISMATCH: the snapshot + tail state differs from the full replay\n");
        return 1;
    }
    std::printf("journal OK\n");
    return 0;
}

} // namespace bwx::app
