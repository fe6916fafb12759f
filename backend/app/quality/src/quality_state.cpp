#include "quality_state.h"

#include "bwx/server/log.h"

#include <algorithm>

namespace bwx::app {

namespace {

using server::logError;
using server::logInfo;
using server::logWarning;

quality::QualityDbOptions dbOptions(const QualitySettings &s)
{
    quality::QualityDbOptions options;
    options.retention = s.retention;
    options.figure = s.figure;
    options.maxFutureSkew = s.maxFutureSkew;
    return options;
}

std::string pathText(const quality::PathKey &path)
{
    return path.destination.toString() + " via member " + std::to_string(path.seller.value());
}

} // namespace

QualityState::QualityState(asio::io_context &io,
                           QualitySettings settings,
                           const std::filesystem::path &database,
                           sequencer::Sequencer &sequencer,
                           QualityService::Clock clock)
    : m_io(io)
    , m_settings(std::move(settings))
    , m_sequencer(sequencer)
    , m_clock(std::move(clock))
    , m_db(std::make_unique<quality::QualityDb>(database.string(), dbOptions(m_settings)))
    , m_tracker(std::make_unique<quality::QualityTracker>(
          *m_db, m_settings.publish,
          [this](const quality::QualityChange &change) {
              logInfo("quality: " + pathText(change.figure.path) + ": " + change.reason);
              m_batcher.add(change);
          }))
    , m_limiter(Duration(std::chrono::nanoseconds(m_settings.fullAnalysisMinInterval).count()))
    , m_tickTimer(io)
    , m_batchTimer(io)
    , m_deriveTimer(io)
{
    if (m_settings.probe)
        m_analyzer = std::make_unique<quality::RouteAnalyzer>(
            io, m_settings.analyzer, static_cast<quality::AnalyzerListener &>(*this), m_clock);
}

QualityState::~QualityState() = default;

void QualityState::start(std::function<bool()> requestMarket)
{
    m_requestMarket = std::move(requestMarket);
    m_running = true;
    if (m_analyzer)
        m_analyzer->start();
    // What time alone changes (staleness) is caught up at once after a restart, and every
    // known path's figure reaches the market again (the publisher starts empty).
    try {
        m_tracker->tick(m_clock());
    } catch (const quality::QualityDbError &e) {
        logError(std::string("quality: ") + e.what());
    }
    scheduleTick();
    scheduleBatch();
    // The member function: the parameter of the same name has been moved from.
    this->requestMarket();
}

void QualityState::stop()
{
    m_running = false;
    if (m_analyzer)
        m_analyzer->stop();
    m_tickTimer.cancel();
    m_batchTimer.cancel();
    m_deriveTimer.cancel();
    // What the market has not been told yet must not wait for the next start.
    while (m_batcher.pending() > 0) {
        const std::size_t before = m_batcher.pending();
        sendBatch(m_settings.maxBatchFigures);
        if (m_batcher.pending() >= before)
            break;
    }
    if (m_batcher.pending() > 0)
        logWarning("quality: " + std::to_string(m_batcher.pending())
                   + " figure change(s) not handed to the market at shutdown; they are sent "
                     "again after the restart");
}

void QualityState::scheduleTick()
{
    m_tickTimer.expires_after(m_settings.tickInterval);
    m_tickTimer.async_wait([this](const error_code &ec) {
        if (ec || !m_running)
            return;
        try {
            m_tracker->tick(m_clock());
        } catch (const quality::QualityDbError &e) {
            logError(std::string("quality: ") + e.what());
        }
        scheduleTick();
    });
}

void QualityState::scheduleBatch()
{
    m_batchTimer.expires_after(m_settings.batchInterval);
    m_batchTimer.async_wait([this](const error_code &ec) {
        if (ec || !m_running)
            return;
        sendBatch(m_settings.maxBatchFigures);
        scheduleBatch();
    });
}

void QualityState::sendBatch(std::size_t maxFigures)
{
    auto batch = m_batcher.take(maxFigures);
    if (!batch)
        return;
    const std::size_t count = batch->figures.size();
    if (!m_sequencer.submit(MemberId{}, *batch, sequencer::Origin{})) {
        m_batcher.restore(*batch);
        if (!m_refusedLogged)
            logWarning("quality: the sequencer refused a quality batch (overloaded or fenced); "
                       "retrying");
        m_refusedLogged = true;
        return;
    }
    m_refusedLogged = false;
    server::logDebug("quality: " + std::to_string(count) + " figure(s) sent to the market");
}

void QualityState::scheduleDerive(std::chrono::milliseconds after)
{
    m_deriveTimer.expires_after(after);
    m_deriveTimer.async_wait([this](const error_code &ec) {
        if (ec || !m_running)
            return;
        requestMarket();
    });
}

void QualityState::requestMarket()
{
    const Timestamp now = m_clock();
    // A query the sequencer accepted but never ran (it stopped) must not block the next ones.
    const Duration patience(
        2 * std::chrono::nanoseconds(m_settings.deriveInterval).count());
    if (m_marketQueryOutstanding && now - m_marketQuerySince > patience)
        m_marketQueryOutstanding = false;
    if (!m_marketQueryOutstanding) {
        m_marketQueryOutstanding = m_requestMarket && m_requestMarket();
        m_marketQuerySince = now;
    }
    scheduleDerive(std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.deriveInterval));
}

void QualityState::applyMarket(MarketPaths market)
{
    m_marketQueryOutstanding = false;
    m_market = std::move(market);
    ProbePlan plan = planProbes(m_settings, m_market);

    if (plan.notes != m_notes) {
        for (const std::string &note : plan.notes)
            if (std::find(m_notes.begin(), m_notes.end(), note) == m_notes.end())
                logWarning("quality: " + note);
        m_notes = plan.notes;
    }

    if (m_analyzer) {
        for (const auto &[id, old] : m_plan.sellers)
            if (!plan.sellers.contains(id))
                m_analyzer->removeSeller(id);
        for (auto &[id, next] : plan.sellers) {
            const auto old = m_plan.sellers.find(id);
            const bool isNew = old == m_plan.sellers.end();
            if (isNew || !(old->second.probe.routerV4 == next.probe.routerV4
                           && old->second.probe.routerV6 == next.probe.routerV6
                           && old->second.probe.fwmark == next.probe.fwmark
                           && old->second.probe.sourceV4 == next.probe.sourceV4
                           && old->second.probe.sourceV6 == next.probe.sourceV6)) {
                if (auto bad = m_analyzer->setSeller(next.probe)) {
                    logError("quality: seller '" + sellerName(id) + "' not probed: " + *bad);
                    continue;
                }
            }
            const bool hadPaths = !isNew && !old->second.destinations.empty();
            if (isNew || old->second.destinations != next.destinations) {
                if (auto bad = m_analyzer->setDestinations(id, next.destinations)) {
                    logError("quality: destinations of seller '" + sellerName(id)
                             + "' not probed: " + *bad);
                    continue;
                }
                logInfo("quality: seller '" + sellerName(id) + "' has "
                        + std::to_string(next.destinations.size()) + " destination(s) to probe");
            }
            // A seller that has something to probe for the first time (set up, or its first
            // sell order) gets a full analysis.
            if (!hadPaths && !next.destinations.empty())
                fullAnalysis(id, "first destinations to probe");
        }
    }
    m_plan = std::move(plan);

    for (const auto &[path, length] : m_market.distances) {
        const auto it = m_distances.find(path);
        if (it == m_distances.end() || it->second != length)
            setDistance(path, length);
    }
}

void QualityState::outputs(const OutputSignals &signals)
{
    for (const MemberId member : signals.sessionsStarted)
        sellerConnected(member, "session started");
    if (signals.sellOrderAdded && m_running && !m_marketQueryOutstanding) {
        // A new sell order: read the market's paths soon, not at the next interval. Short
        // coalescing delay, so a burst of orders costs one query.
        scheduleDerive(std::chrono::milliseconds(200));
    }
}

void QualityState::sellerConnected(MemberId seller, const std::string &why)
{
    if (!m_analyzer || !m_plan.sellers.contains(seller))
        return;
    fullAnalysis(seller, why);
}

void QualityState::fullAnalysis(MemberId seller, const std::string &why)
{
    if (!m_analyzer || !m_limiter.allow(seller, m_clock()))
        return;
    logInfo("quality: full analysis of seller '" + sellerName(seller) + "' (" + why + ")");
    m_analyzer->analyzeSeller(seller);
}

void QualityState::setDistance(const quality::PathKey &path, std::uint8_t length)
{
    m_distances[path] = length;
    try {
        m_tracker->setDistance(path, length, m_clock());
    } catch (const quality::QualityDbError &e) {
        logError(std::string("quality: ") + e.what());
    }
}

std::string QualityState::sellerName(MemberId seller) const
{
    const auto it = m_market.members.find(seller);
    return it != m_market.members.end() ? it->second : std::to_string(seller.value());
}

void QualityState::record(std::span<const quality::Measurement> measurements,
                          const std::string &what)
{
    try {
        auto summary = m_tracker->record(measurements, m_clock());
        if (!summary)
            logError("quality: " + what + " not stored: " + summary.error());
    } catch (const quality::QualityDbError &e) {
        logError("quality: " + what + " not stored: " + e.what());
    }
}

void QualityState::measured(const quality::Measurement &m, const std::vector<std::string> &notes)
{
    m_lastFailure.erase({m.path, m.source == quality::sources::kProbeUdp
                                     ? quality::ProbeProtocol::Udp
                                     : quality::ProbeProtocol::Icmp});
    std::string text = "quality: " + pathText(m.path) + " " + m.source + ": ";
    if (m.unreachable())
        text += "unreachable (" + m.origin + ")";
    else
        text += "latency " + std::to_string(*m.latencyUs) + " us, loss "
                + std::to_string(m.lossPpm) + " ppm";
    for (const std::string &note : notes)
        text += "; " + note;
    server::logDebug(text);
    record(std::span(&m, 1), "probe result for " + pathText(m.path));
}

void QualityState::probeFailed(const quality::PathKey &path,
                               quality::ProbeProtocol protocol,
                               const std::string &reason)
{
    // The same failure every retry would flood the log: say it when it starts or changes.
    std::string &last = m_lastFailure[{path, protocol}];
    if (last == reason)
        return;
    last = reason;
    logWarning("quality: cannot probe " + pathText(path) + " ("
               + std::string(quality::toString(protocol)) + "): " + reason);
}

} // namespace bwx::app
