#pragma once
// When to send which probe train. Pure logic over the caller's clock, so it is tested with a fake
// one; the route analyzer asks it for jobs and tells it how they ended.
//
// - Every (seller, destination, protocol) is an item with a due time and a reason. Reasons are
//   served in priority order: the next target of a round in progress, a full analysis
//   (analyzeSeller: a seller set up or reconnected), a new path, then periodic revalidation.
// - A job costs probesPerTrain tokens from the global bucket and from the seller's budget; at
//   most maxTrainsInFlight trains run at once, maxTrainsPerSeller per seller.
// - A train with no answer moves on to the destination's next target at once; only when every
//   target stayed silent is the round over and the result (unreachable) published. The target
//   that answered is kept for the next rounds.
// - A local failure (socket, routing) publishes nothing and retries after errorRetry.
#include "bwx/quality/probe_config.h"
#include "bwx/quality/token_bucket.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace bwx::quality {

// In priority order.
enum class JobReason : std::uint8_t {
    NextTarget = 0,
    FullAnalysis = 1,
    NewPath = 2,
    Revalidation = 3
};
std::string_view toString(JobReason reason) noexcept;

struct ProbeJob
{
    std::uint64_t id = 0;
    PathKey path;
    ProbeProtocol protocol = ProbeProtocol::Icmp;
    std::uint32_t targetIndex = 0;
    std::uint32_t probes = 0;
    JobReason reason = JobReason::Revalidation;
};

enum class JobAnswer : std::uint8_t { Answered, NoReply, LocalError };
enum class JobOutcome : std::uint8_t {
    Publish,       // the result stands: publish it
    TryNextTarget, // nothing answered, another target is queued: publish nothing yet
    Dropped,       // failed locally, or the path is gone: publish nothing
};

struct PathPlan
{
    net::Prefix destination;
    std::uint32_t targetCount = 1;
};

class Scheduler
{
public:
    Scheduler(const ScheduleConfig &config,
              std::vector<ProbeProtocol> protocols,
              std::uint32_t probesPerTrain,
              Timestamp now);

    // Adds or updates a seller's budget; 0 rate and burst select the default budget.
    void setSeller(MemberId seller, std::uint32_t ratePps, std::uint32_t burst, Timestamp now);
    void removeSeller(MemberId seller);
    bool hasSeller(MemberId seller) const;
    // Replaces the seller's destinations: new ones are due at once, dropped ones forgotten.
    void setPaths(MemberId seller, const std::vector<PathPlan> &plans, Timestamp now);
    // Every path of the seller due now, ahead of revalidation; a train already running is
    // followed by a new one.
    void requestFullAnalysis(MemberId seller, Timestamp now);

    // The next job to start now, with its tokens taken; nothing if none is due or allowed.
    std::optional<ProbeJob> next(Timestamp now);
    JobOutcome finished(const ProbeJob &job, JobAnswer answer, Timestamp now);
    // When next() may next return a job; nothing if only a finished() can change that.
    std::optional<Timestamp> nextWakeup(Timestamp now) const;

    std::size_t inFlight() const noexcept { return m_running.size(); }
    std::size_t queued() const noexcept { return m_queue.size(); }
    std::optional<Timestamp> dueAt(const PathKey &path, ProbeProtocol protocol) const;

private:
    using ItemKey = std::pair<PathKey, ProbeProtocol>;
    using QueueEntry = std::tuple<JobReason, Timestamp, ItemKey>;
    struct Item
    {
        std::uint32_t targetCount = 1;
        std::uint32_t preferredTarget = 0;
        std::uint32_t currentTarget = 0;
        std::uint32_t attempts = 0; // silent targets in the current round
        std::optional<QueueEntry> queued;
        std::uint64_t runningJob = 0; // 0 when idle
        bool fullAnalysisAfter = false;
    };
    struct Seller
    {
        TokenBucket budget;
        std::uint32_t running = 0;
        std::set<ItemKey> items;
    };

    void enqueue(const ItemKey &key, Item &item, JobReason reason, Timestamp due);
    void dequeue(Item &item);
    void startRound(Item &item) { item.currentTarget = item.preferredTarget, item.attempts = 0; }

    ScheduleConfig m_config;
    std::vector<ProbeProtocol> m_protocols;
    std::uint32_t m_cost;
    TokenBucket m_global;
    std::map<MemberId, Seller> m_sellers;
    std::map<ItemKey, Item> m_items;
    std::set<QueueEntry> m_queue;
    std::map<std::uint64_t, ItemKey> m_running;
    std::uint64_t m_nextJob = 1;
};

} // namespace bwx::quality
