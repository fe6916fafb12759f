#include "bwx/quality/route_analyzer.h"

#include "bwx/quality/route_lookup.h"
#include "bwx/quality/train_stats.h"

#include <chrono>
#include <stdexcept>

namespace bwx::quality {

namespace {

const AnalyzerConfig &checked(const AnalyzerConfig &config)
{
    if (auto bad = checkConfig(config))
        throw std::invalid_argument("route analyzer: " + *bad);
    return config;
}

} // namespace

RouteAnalyzer::RouteAnalyzer(asio::io_context &io,
                             AnalyzerConfig config,
                             AnalyzerListener &listener,
                             Clock clock)
    : m_io(io)
    , m_config(checked(config))
    , m_listener(listener)
    , m_clock(std::move(clock))
    , m_scheduler(m_config.schedule, m_config.protocols, m_config.probesPerTrain, m_clock())
    , m_timer(io)
{}

RouteAnalyzer::~RouteAnalyzer()
{
    stop();
}

Timestamp RouteAnalyzer::systemClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

std::optional<std::string> RouteAnalyzer::setSeller(const SellerProbeConfig &seller)
{
    if (auto bad = checkSeller(seller))
        return bad;
    m_sellers[seller.seller] = seller;
    m_scheduler.setSeller(seller.seller, seller.budgetPps, seller.budgetBurst, m_clock());
    pump();
    return std::nullopt;
}

void RouteAnalyzer::removeSeller(MemberId seller)
{
    m_scheduler.removeSeller(seller);
    m_sellers.erase(seller);
    std::erase_if(m_targets, [&](const auto &entry) { return entry.first.seller == seller; });
    std::erase_if(m_status, [&](const auto &entry) { return entry.first.first.seller == seller; });
    pump();
}

std::optional<std::string>
RouteAnalyzer::setDestinations(MemberId seller,
                               const std::vector<DestinationProbeConfig> &destinations)
{
    const auto it = m_sellers.find(seller);
    if (it == m_sellers.end())
        return "seller " + std::to_string(seller.value()) + " is not set up for probing";
    std::set<net::Prefix> seen;
    for (const DestinationProbeConfig &d : destinations) {
        if (auto bad = checkDestination(d))
            return bad;
        if (!seen.insert(d.destination).second)
            return "destination " + d.destination.toString() + " listed twice";
        if (!it->second.router(d.destination.family()))
            return "seller " + std::to_string(seller.value()) + " has no IPv"
                   + (d.destination.family() == net::Family::V4 ? "4" : "6") + " router for "
                   + d.destination.toString();
    }
    std::erase_if(m_targets, [&](const auto &entry) {
        return entry.first.seller == seller && !seen.contains(entry.first.destination);
    });
    std::erase_if(m_status, [&](const auto &entry) {
        return entry.first.first.seller == seller && !seen.contains(entry.first.first.destination);
    });
    std::vector<PathPlan> plans;
    for (const DestinationProbeConfig &d : destinations) {
        std::vector<net::Address> targets = targetsOf(d);
        plans.push_back(PathPlan{d.destination, static_cast<std::uint32_t>(targets.size())});
        m_targets[PathKey{seller, d.destination}] = std::move(targets);
    }
    m_scheduler.setPaths(seller, plans, m_clock());
    pump();
    return std::nullopt;
}

void RouteAnalyzer::analyzeSeller(MemberId seller)
{
    m_scheduler.requestFullAnalysis(seller, m_clock());
    pump();
}

void RouteAnalyzer::start()
{
    m_running = true;
    pump();
}

void RouteAnalyzer::stop()
{
    m_running = false;
    m_timer.cancel();
    for (auto &[id, train] : m_trains) {
        if (train) // null: a local failure about to be reported, dropped with the clear below
            train->cancel();
    }
    m_trains.clear();
}

void RouteAnalyzer::pump()
{
    if (!m_running)
        return;
    const Timestamp now = m_clock();
    while (auto job = m_scheduler.next(now))
        launch(*job);
    const auto wakeup = m_scheduler.nextWakeup(now);
    m_timer.cancel();
    if (!wakeup)
        return;
    const auto delay = std::chrono::nanoseconds(std::max<std::int64_t>((*wakeup - now).value(), 0));
    m_timer.expires_after(delay);
    m_timer.async_wait([this](const error_code &error) {
        if (!error)
            pump();
    });
}

std::optional<std::string> RouteAnalyzer::steering(const SellerProbeConfig &seller,
                                                   const net::Address &target,
                                                   TrainSpec &spec) const
{
    const net::Family family = target.family();
    const std::optional<net::Address> &router = seller.router(family);
    if (!router)
        return "no IPv" + std::string(family == net::Family::V4 ? "4" : "6") + " router";
    spec.fwmark = seller.fwmark;
    spec.source = seller.source(family);
    if (!spec.source)
        spec.source = family == net::Family::V4 ? m_config.probeSourceV4 : m_config.probeSourceV6;
    const auto route = lookupRoute(RouteQuery{target, spec.source, spec.fwmark});
    if (!route)
        return "policy routing: " + route.error();
    if (!route->gateway || *route->gateway != *router)
        return "policy routing sends " + target.toString() + " via "
               + (route->gateway ? route->gateway->toString() : std::string("a direct route"))
               + ", not via the seller's router " + router->toString()
               + " (check the seller's ip rule and routing table)";
    return std::nullopt;
}

void RouteAnalyzer::launch(const ProbeJob &job)
{
    const Timestamp now = m_clock();
    const SellerProbeConfig &seller = m_sellers.at(job.path.seller);
    const std::vector<net::Address> &targets = m_targets.at(job.path);
    const net::Address target = targets.at(job.targetIndex % targets.size());
    TrainSpec spec;
    spec.protocol = job.protocol;
    spec.target = target;
    spec.udpPort = m_config.udpPort;
    spec.count = job.probes;
    spec.interval = m_config.probeInterval;
    spec.timeout = m_config.probeTimeout;
    spec.payloadBytes = m_config.payloadBytes;
    if (auto bad = steering(seller, target, spec)) {
        // Reported after this pump, as a completion would be.
        asio::post(m_io,
                   [this, alive = std::weak_ptr<int>(m_alive), job, target, now, reason = *bad] {
                       if (!alive.expired() && m_running && m_trains.contains(job.id))
                           completed(job, target, now, TrainResult{{}, {}, reason});
                   });
        m_trains.emplace(job.id, nullptr);
        return;
    }
    m_trains.emplace(job.id, ProbeTrain::start(m_io, spec, [this, job, target, now](TrainResult r) {
                         completed(job, target, now, std::move(r));
                     }));
}

void RouteAnalyzer::completed(const ProbeJob &job,
                              const net::Address &target,
                              Timestamp started,
                              TrainResult result)
{
    m_trains.erase(job.id);
    const Timestamp now = m_clock();
    if (!m_targets.contains(job.path)) {
        // The destination (or seller) was dropped while the train ran: nothing to report.
        m_scheduler.finished(job, JobAnswer::LocalError, now);
        pump();
        return;
    }
    PathStatus &status = m_status[{job.path, job.protocol}];
    status.path = job.path;
    status.protocol = job.protocol;
    if (result.localError) {
        m_scheduler.finished(job, JobAnswer::LocalError, now);
        status.lastError = *result.localError;
        m_listener.probeFailed(job.path, job.protocol, *result.localError);
        pump();
        return;
    }
    const TrainStats stats = summarizeTrain(result.rttNs);
    const JobOutcome outcome = m_scheduler.finished(
        job, stats.received > 0 ? JobAnswer::Answered : JobAnswer::NoReply, now);
    if (outcome == JobOutcome::Publish) {
        Measurement m;
        m.path = job.path;
        m.time = started;
        m.source = std::string(sourceTag(job.protocol));
        m.origin = std::string(toString(job.protocol)) + " " + target.toString();
        m.latencyUs = stats.latencyUs;
        m.lossPpm = stats.lossPpm;
        m.jitterUs = stats.jitterUs;
        m.sent = stats.sent;
        m.received = stats.received;
        status.last = m;
        status.lastError.reset();
        m_listener.measured(m, result.notes);
    }
    pump();
}

std::vector<PathStatus> RouteAnalyzer::status() const
{
    const Timestamp now = m_clock();
    std::vector<PathStatus> out;
    for (const auto &[key, target] : m_targets) {
        for (const ProbeProtocol protocol : m_config.protocols) {
            PathStatus s;
            if (const auto it = m_status.find({key, protocol}); it != m_status.end())
                s = it->second;
            s.path = key;
            s.protocol = protocol;
            s.nextProbe = m_scheduler.dueAt(key, protocol);
            s.stale = !s.last || now - s.last->time > m_config.staleAfter;
            out.push_back(std::move(s));
        }
    }
    return out;
}

} // namespace bwx::quality
