#pragma once
// What the quality service learns from the stream the sequencer releases: members whose session
// just started (a HelloAck went out) and sell orders entering the books. A seller that
// (re)connects gets a full analysis; a new sell order makes the service re-read the market's paths
// at once instead of at the next interval. Scanning is cheap: it runs on the sequencer's output
// thread for every batch.
#include "bwx/domain/units.h"
#include "bwx/sequencer/sequencer.h"

#include <map>
#include <vector>

namespace bwx::app {

struct OutputSignals
{
    std::vector<MemberId> sessionsStarted; // in order, repeats kept
    bool sellOrderAdded = false;

    bool empty() const noexcept { return sessionsStarted.empty() && !sellOrderAdded; }
};

OutputSignals scanOutputs(const sequencer::OutputBatch &batch);

// A member's terminal reconnecting every few seconds must not turn into a probe storm: at most
// one full analysis per seller per interval.
class FullAnalysisLimiter
{
public:
    explicit FullAnalysisLimiter(Duration minInterval)
        : m_minInterval(minInterval)
    {}
    bool allow(MemberId seller, Timestamp now);

private:
    Duration m_minInterval;
    std::map<MemberId, Timestamp> m_last;
};

} // namespace bwx::app
