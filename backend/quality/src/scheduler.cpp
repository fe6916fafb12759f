#include "bwx/quality/scheduler.h"

#include <algorithm>
#include <limits>

namespace bwx::quality {

std::string_view toString(JobReason reason) noexcept
{
    switch (reason) {
    case JobReason::NextTarget:
        return "next-target";
    case JobReason::FullAnalysis:
        return "full-analysis";
    case JobReason::NewPath:
        return "new-path";
    case JobReason::Revalidation:
        return "revalidation";
    }
    return "?";
}

Scheduler::Scheduler(const ScheduleConfig &config,
                     std::vector<ProbeProtocol> protocols,
                     std::uint32_t probesPerTrain,
                     Timestamp now)
    : m_config(config)
    , m_protocols(std::move(protocols))
    , m_cost(probesPerTrain)
    , m_global(config.globalRatePps, config.globalBurst, now)
{}

void Scheduler::setSeller(MemberId seller,
                          std::uint32_t ratePps,
                          std::uint32_t burst,
                          Timestamp now)
{
    if (ratePps == 0 || burst == 0) {
        ratePps = m_config.sellerRatePps;
        burst = m_config.sellerBurst;
    }
    // A burst below one train would never let a train start.
    burst = std::max(burst, m_cost);
    const auto it = m_sellers.find(seller);
    if (it == m_sellers.end()) {
        m_sellers.emplace(seller, Seller{TokenBucket(ratePps, burst, now), 0, {}});
    } else if (it->second.budget.rate() != ratePps || it->second.budget.capacity() != burst) {
        it->second.budget = TokenBucket(ratePps, burst, now);
    }
}

bool Scheduler::hasSeller(MemberId seller) const
{
    return m_sellers.contains(seller);
}

void Scheduler::removeSeller(MemberId seller)
{
    const auto it = m_sellers.find(seller);
    if (it == m_sellers.end())
        return;
    for (const ItemKey &key : it->second.items) {
        Item &item = m_items.at(key);
        dequeue(item);
        if (item.runningJob != 0)
            m_running.erase(item.runningJob);
        m_items.erase(key);
    }
    m_sellers.erase(it);
}

void Scheduler::enqueue(const ItemKey &key, Item &item, JobReason reason, Timestamp due)
{
    dequeue(item);
    item.queued = QueueEntry{reason, due, key};
    m_queue.insert(*item.queued);
}

void Scheduler::dequeue(Item &item)
{
    if (item.queued) {
        m_queue.erase(*item.queued);
        item.queued.reset();
    }
}

void Scheduler::setPaths(MemberId seller, const std::vector<PathPlan> &plans, Timestamp now)
{
    const auto sellerIt = m_sellers.find(seller);
    if (sellerIt == m_sellers.end())
        return;
    Seller &s = sellerIt->second;
    std::set<ItemKey> wanted;
    for (const PathPlan &plan : plans) {
        for (const ProbeProtocol protocol : m_protocols)
            wanted.insert(ItemKey{PathKey{seller, plan.destination}, protocol});
    }
    for (auto it = s.items.begin(); it != s.items.end();) {
        if (wanted.contains(*it)) {
            ++it;
            continue;
        }
        Item &item = m_items.at(*it);
        dequeue(item);
        if (item.runningJob != 0) {
            // Its train may still finish; the job no longer counts against anyone.
            m_running.erase(item.runningJob);
            --s.running;
        }
        m_items.erase(*it);
        it = s.items.erase(it);
    }
    for (const PathPlan &plan : plans) {
        const std::uint32_t count = std::max<std::uint32_t>(plan.targetCount, 1);
        for (const ProbeProtocol protocol : m_protocols) {
            const ItemKey key{PathKey{seller, plan.destination}, protocol};
            auto [it, inserted] = m_items.try_emplace(key);
            Item &item = it->second;
            if (inserted) {
                item.targetCount = count;
                s.items.insert(key);
                enqueue(key, item, JobReason::NewPath, now);
                continue;
            }
            if (item.targetCount != count) {
                item.targetCount = count;
                if (item.preferredTarget >= count)
                    item.preferredTarget = 0;
                if (item.currentTarget >= count)
                    startRound(item);
            }
        }
    }
}

void Scheduler::requestFullAnalysis(MemberId seller, Timestamp now)
{
    const auto it = m_sellers.find(seller);
    if (it == m_sellers.end())
        return;
    for (const ItemKey &key : it->second.items) {
        Item &item = m_items.at(key);
        if (item.runningJob != 0) {
            item.fullAnalysisAfter = true;
            continue;
        }
        startRound(item);
        enqueue(key, item, JobReason::FullAnalysis, now);
    }
}

std::optional<ProbeJob> Scheduler::next(Timestamp now)
{
    if (m_running.size() >= m_config.maxTrainsInFlight)
        return std::nullopt;
    const auto globalReady = m_global.availableAt(m_cost, now);
    if (!globalReady || *globalReady > now)
        return std::nullopt;
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        const auto &[reason, due, key] = *it;
        if (due > now) {
            // The rest of this reason's entries are later still: skip to the next reason.
            it = m_queue.lower_bound(
                QueueEntry{static_cast<JobReason>(static_cast<std::uint8_t>(reason) + 1),
                           Timestamp(std::numeric_limits<std::int64_t>::min()), ItemKey{}});
            if (it == m_queue.end())
                break;
            --it;
            continue;
        }
        Seller &seller = m_sellers.at(key.first.seller);
        if (seller.running >= m_config.maxTrainsPerSeller || !seller.budget.tryTake(m_cost, now))
            continue;
        m_global.tryTake(m_cost, now);
        const ItemKey itemKey = key; // dequeue() below frees the entry `key` refers to
        Item &item = m_items.at(itemKey);
        ProbeJob job{m_nextJob++,        itemKey.first, itemKey.second,
                     item.currentTarget, m_cost,        reason};
        dequeue(item);
        item.runningJob = job.id;
        ++seller.running;
        m_running.emplace(job.id, itemKey);
        return job;
    }
    return std::nullopt;
}

JobOutcome Scheduler::finished(const ProbeJob &job, JobAnswer answer, Timestamp now)
{
    const auto running = m_running.find(job.id);
    if (running == m_running.end())
        return JobOutcome::Dropped;
    const ItemKey key = running->second;
    m_running.erase(running);
    Item &item = m_items.at(key);
    Seller &seller = m_sellers.at(key.first.seller);
    item.runningJob = 0;
    --seller.running;

    const bool full = std::exchange(item.fullAnalysisAfter, false);
    const auto nextRound = [&](Timestamp due) {
        startRound(item);
        if (full)
            enqueue(key, item, JobReason::FullAnalysis, now);
        else
            enqueue(key, item, JobReason::Revalidation, due);
    };
    switch (answer) {
    case JobAnswer::Answered:
        item.preferredTarget = job.targetIndex;
        nextRound(now + m_config.revalidationPeriod);
        return JobOutcome::Publish;
    case JobAnswer::NoReply:
        if (++item.attempts < item.targetCount) {
            item.currentTarget = (job.targetIndex + 1) % item.targetCount;
            item.fullAnalysisAfter = full;
            enqueue(key, item, JobReason::NextTarget, now);
            return JobOutcome::TryNextTarget;
        }
        nextRound(now + m_config.revalidationPeriod);
        return JobOutcome::Publish;
    case JobAnswer::LocalError:
        nextRound(now + m_config.errorRetry);
        return JobOutcome::Dropped;
    }
    return JobOutcome::Dropped;
}

std::optional<Timestamp> Scheduler::nextWakeup(Timestamp now) const
{
    if (m_running.size() >= m_config.maxTrainsInFlight)
        return std::nullopt;
    const auto globalReady = m_global.availableAt(m_cost, now);
    if (!globalReady)
        return std::nullopt;
    std::optional<Timestamp> best;
    for (const auto &[reason, due, key] : m_queue) {
        if (best && due >= *best)
            continue; // entries of this reason only get later; a later reason may be earlier
        const Seller &seller = m_sellers.at(key.first.seller);
        if (seller.running >= m_config.maxTrainsPerSeller)
            continue;
        const auto sellerReady = seller.budget.availableAt(m_cost, now);
        if (!sellerReady)
            continue;
        const Timestamp at = std::max({due, *sellerReady, *globalReady, now});
        if (!best || at < *best)
            best = at;
    }
    return best;
}

std::optional<Timestamp> Scheduler::dueAt(const PathKey &path, ProbeProtocol protocol) const
{
    const auto it = m_items.find(ItemKey{path, protocol});
    if (it == m_items.end() || !it->second.queued)
        return std::nullopt;
    return std::get<1>(*it->second.queued);
}

} // namespace bwx::quality
