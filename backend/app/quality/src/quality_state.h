#pragma once
// Everything the quality thread owns: database, tracker, analyzer, the current probe plan and the
// figures waiting for the market. Only the quality thread calls into it.
#include "bwx/app/figure_batcher.h"
#include "bwx/app/market_paths.h"
#include "bwx/app/output_signals.h"
#include "bwx/app/probe_plan.h"
#include "bwx/app/quality_service.h"
#include "bwx/quality/quality_tracker.h"
#include "bwx/quality/route_analyzer.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace bwx::app {

class QualityState final : private quality::AnalyzerListener
{
public:
    QualityState(asio::io_context &io,
                 QualitySettings settings,
                 const std::filesystem::path &database,
                 sequencer::Sequencer &sequencer,
                 QualityService::Clock clock);
    ~QualityState() override;

    // Starts probing and the timers; `requestMarket` submits the market query (false when the
    // sequencer refused it).
    void start(std::function<bool()> requestMarket);
    // Stops probing and timers and hands every pending figure to the sequencer.
    void stop();

    void applyMarket(MarketPaths market);
    void marketQueryFailed() { m_marketQueryOutstanding = false; }
    void outputs(const OutputSignals &signals);
    void sellerConnected(MemberId seller, const std::string &why);
    void setDistance(const quality::PathKey &path, std::uint8_t length);

    proto::Message answer(const server::Caller &caller, const proto::Message &request);

private:
    void measured(const quality::Measurement &m, const std::vector<std::string> &notes) override;
    void probeFailed(const quality::PathKey &path,
                     quality::ProbeProtocol protocol,
                     const std::string &reason) override;

    proto::Message importMeasurements(const proto::ImportMeasurements &request);
    void record(std::span<const quality::Measurement> measurements, const std::string &what);
    void fullAnalysis(MemberId seller, const std::string &why);
    std::string sellerName(MemberId seller) const;

    void scheduleTick();
    void scheduleBatch();
    void scheduleDerive(std::chrono::milliseconds after);
    void requestMarket();
    void sendBatch(std::size_t maxFigures);

    asio::io_context &m_io;
    QualitySettings m_settings;
    sequencer::Sequencer &m_sequencer;
    QualityService::Clock m_clock;
    std::unique_ptr<quality::QualityDb> m_db;
    FigureBatcher m_batcher;
    std::unique_ptr<quality::QualityTracker> m_tracker;
    std::unique_ptr<quality::RouteAnalyzer> m_analyzer;
    FullAnalysisLimiter m_limiter;

    asio::steady_timer m_tickTimer;
    asio::steady_timer m_batchTimer;
    asio::steady_timer m_deriveTimer;
    std::function<bool()> m_requestMarket;
    bool m_running = false;
    bool m_marketQueryOutstanding = false;
    Timestamp m_marketQuerySince{};
    bool m_refusedLogged = false;

    MarketPaths m_market;
    ProbePlan m_plan;
    std::vector<std::string> m_notes;
    std::map<quality::PathKey, std::uint8_t> m_distances;
    std::map<std::pair<quality::PathKey, quality::ProbeProtocol>, std::string> m_lastFailure;
};

} // namespace bwx::app
