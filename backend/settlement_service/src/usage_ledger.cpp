#include "bwx/settlement_service/usage_ledger.h"

#include "bwx/settlement/usage.h"

namespace bwx::settlement {

void UsageLedger::onFlows(std::span<const FlowRecord> flows)
{
    for (const FlowRecord &flow : flows) {
        std::uint64_t bytes = flow.bytes;
        if (m_billed == BilledBytes::Ethernet) {
            // Saturating: a corrupt packet count must not wrap the bill around.
            const std::uint64_t overhead = flow.packets > UINT64_MAX / kEthernetOverheadBytes
                                               ? UINT64_MAX
                                               : flow.packets * kEthernetOverheadBytes;
            bytes = bytes > UINT64_MAX - overhead ? UINT64_MAX : bytes + overhead;
        }
        const Attribution a = m_attributor.attribute(flow);
        if (!a.attributed) {
            ++m_unattributedFlows;
            Amount &u = m_unattributed[{a.buyer.value(), static_cast<std::uint8_t>(a.reason),
                                        binOf(flow.start)}];
            u.bytes += bytes;
            ++u.flows;
            continue;
        }
        ++m_attributedFlows;
        for (const BinShare &share : splitIntoBins(flow.start, flow.end, bytes)) {
            if (share.bytes == 0)
                continue;
            Amount &b = m_bins[{a.trade.value(), static_cast<std::uint8_t>(a.direction), share.bin}];
            b.bytes += share.bytes;
            ++b.flows;
        }
    }
}

void UsageLedger::flush(UsageStore &store)
{
    if (!pending())
        return;
    std::vector<BinDelta> bins;
    bins.reserve(m_bins.size());
    for (const auto &[key, amount] : m_bins)
        bins.push_back(BinDelta{TradeId(std::get<0>(key)), static_cast<Direction>(std::get<1>(key)),
                                std::get<2>(key), amount.bytes, amount.flows});
    std::vector<UnattributedDelta> unattributed;
    unattributed.reserve(m_unattributed.size());
    for (const auto &[key, amount] : m_unattributed)
        unattributed.push_back(UnattributedDelta{MemberId(std::get<0>(key)),
                                                 static_cast<Unattributed>(std::get<1>(key)),
                                                 std::get<2>(key), amount.bytes, amount.flows});
    store.add(bins, unattributed); // throws: the deltas stay for the next attempt
    m_bins.clear();
    m_unattributed.clear();
}

} // namespace bwx::settlement
