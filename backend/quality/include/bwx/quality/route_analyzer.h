#pragma once
// The route analyzer (claims 5, 6, 10, 18): probes every (seller, destination) through the
// seller's router from the exchange's probe host, on the schedule of bwx::quality::Scheduler, and
// hands each result to a listener as a Measurement (the glue stores it in the QualityDb). Runs on
// one io_context thread; call it only from that thread.
#include "bwx/core/asio.h"
#include "bwx/quality/measurement.h"
#include "bwx/quality/probe_config.h"
#include "bwx/quality/probe_train.h"
#include "bwx/quality/scheduler.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bwx::quality {

class AnalyzerListener
{
public:
    virtual ~AnalyzerListener() = default;
    // A finished probe round: a measurement (possibly unreachable: loss 1'000'000, no latency).
    // `notes` says what came back instead of answers (ICMP errors), if anything.
    virtual void measured(const Measurement &measurement, const std::vector<std::string> &notes)
        = 0;
    // The exchange could not probe the path (socket, policy routing): no measurement; retried.
    virtual void probeFailed(const PathKey &path, ProbeProtocol protocol, const std::string &reason)
        = 0;
};

// The last result of a path and protocol, for status displays.
struct PathStatus
{
    PathKey path;
    ProbeProtocol protocol = ProbeProtocol::Icmp;
    std::optional<Measurement> last;
    std::optional<std::string> lastError;
    std::optional<Timestamp> nextProbe;
    bool stale = true; // no result, or the last is older than staleAfter
};

class RouteAnalyzer
{
public:
    using Clock = std::function<Timestamp()>;

    // Throws std::invalid_argument when checkConfig() refuses `config`.
    RouteAnalyzer(asio::io_context &io,
                  AnalyzerConfig config,
                  AnalyzerListener &listener,
                  Clock clock = systemClock);
    ~RouteAnalyzer();
    RouteAnalyzer(const RouteAnalyzer &) = delete;
    RouteAnalyzer &operator=(const RouteAnalyzer &) = delete;

    static Timestamp systemClock();

    // Adds or updates a seller (its router, steering and budget). Returns the reason when refused.
    [[nodiscard]] std::optional<std::string> setSeller(const SellerProbeConfig &seller);
    void removeSeller(MemberId seller);
    // The destinations the seller has valid routes for; replaces the previous set.
    [[nodiscard]] std::optional<std::string>
    setDestinations(MemberId seller, const std::vector<DestinationProbeConfig> &destinations);
    // A full analysis of every path of the seller, ahead of revalidation (set-up, reconnect).
    void analyzeSeller(MemberId seller);

    void start();
    void stop(); // cancels running trains; no listener call afterwards

    std::vector<PathStatus> status() const;

private:
    void pump();
    void launch(const ProbeJob &job);
    void completed(const ProbeJob &job,
                   const net::Address &target,
                   Timestamp started,
                   TrainResult result);
    std::optional<std::string>
    steering(const SellerProbeConfig &seller, const net::Address &target, TrainSpec &spec) const;

    asio::io_context &m_io;
    AnalyzerConfig m_config;
    AnalyzerListener &m_listener;
    Clock m_clock;
    Scheduler m_scheduler;
    asio::steady_timer m_timer;
    bool m_running = false;
    std::map<MemberId, SellerProbeConfig> m_sellers;
    std::map<PathKey, std::vector<net::Address>> m_targets;
    std::map<std::uint64_t, std::shared_ptr<ProbeTrain>> m_trains;
    std::map<std::pair<PathKey, ProbeProtocol>, PathStatus> m_status;
    // Handlers posted to the io_context check this before touching the analyzer.
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace bwx::quality
