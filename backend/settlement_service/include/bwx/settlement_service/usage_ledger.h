#pragma once
// From collected flows to usage: each flow is converted to the billed byte unit, attributed to
// a trade (or to a reason why none), split into 5-minute bins and added to deltas held in memory
// until flush() writes them to the usage database in one transaction.
#include "bwx/settlement/attribution.h"
#include "bwx/settlement/datagram_processor.h"
#include "bwx/settlement/settlement_config.h"
#include "bwx/settlement_service/usage_store.h"

#include <map>
#include <tuple>

namespace bwx::settlement {

class UsageLedger : public FlowListener
{
public:
    UsageLedger(const Attributor &attributor, BilledBytes billed)
        : m_attributor(attributor)
        , m_billed(billed)
    {}

    void onFlows(std::span<const FlowRecord> flows) override;
    // Writes the pending deltas; on a database error they stay pending and the error is thrown.
    void flush(UsageStore &store);
    bool pending() const noexcept { return !m_bins.empty() || !m_unattributed.empty(); }

    std::uint64_t attributedFlows() const noexcept { return m_attributedFlows; }
    std::uint64_t unattributedFlows() const noexcept { return m_unattributedFlows; }

private:
    struct Amount
    {
        std::uint64_t bytes = 0;
        std::uint64_t flows = 0;
    };
    const Attributor &m_attributor;
    BilledBytes m_billed;
    std::map<std::tuple<std::uint64_t, std::uint8_t, std::int64_t>, Amount> m_bins;
    std::map<std::tuple<std::uint32_t, std::uint8_t, std::int64_t>, Amount> m_unattributed;
    std::uint64_t m_attributedFlows = 0;
    std::uint64_t m_unattributedFlows = 0;
};

} // namespace bwx::settlement
