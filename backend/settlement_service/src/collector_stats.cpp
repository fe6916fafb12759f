#include "bwx/settlement_service/collector_stats.h"

namespace bwx::settlement {

namespace {

// Counters that mean something was not counted: datagrams dropped before or while decoding, and
// records dropped inside accepted datagrams.
constexpr Counter kDrops[] = {
    Counter::Duplicates,    Counter::WrongProtocol,   Counter::Truncated,
    Counter::BadVersion,    Counter::BadLength,       Counter::BadFlowset,
    Counter::BadTemplate,   Counter::BadOptionsScope, Counter::BadRecord,
    Counter::BadSample,     Counter::UnsupportedAddress, Counter::RecordsOverflowed,
    Counter::RecordsNotFlows,
};

// Everything worth an admin's eye, by name: drops, skipped sets and samples, refused templates,
// sequence trouble.
constexpr Counter kDetails[] = {
    Counter::Duplicates,        Counter::WrongProtocol,      Counter::Truncated,
    Counter::BadVersion,        Counter::BadLength,          Counter::BadFlowset,
    Counter::BadTemplate,       Counter::BadOptionsScope,    Counter::BadRecord,
    Counter::BadSample,         Counter::UnsupportedAddress, Counter::SetsWithoutTemplate,
    Counter::TemplatesRefused,  Counter::RecordsOverflowed,  Counter::RecordsNotFlows,
    Counter::SamplesSkipped,    Counter::SequenceLate,       Counter::Restarts,
};

} // namespace

proto::CollectorStats collectorStatsOf(const Collector &collector,
                                       const ProtocolsSeen &protocols,
                                       const std::vector<UnattributedTotal> &unattributed)
{
    proto::CollectorStats stats;
    const DatagramProcessor &processor = collector.processor();
    for (std::size_t i = 0; i < processor.exporterCount(); ++i) {
        const ExporterConfig &config = processor.exporterConfig(i);
        const CounterSnapshot c = processor.counters(i);
        proto::ExporterStatsView view;
        view.exporter = config.address.toString();
        if (!config.name.empty())
            view.exporter = config.name + " " + view.exporter;
        if (const auto it = protocols.find(config.address); it != protocols.end()) {
            for (FlowProtocol p : it->second)
                view.protocol += (view.protocol.empty() ? "" : ",") + std::string(toString(p));
        }
        view.datagrams = valueOf(c, Counter::Datagrams);
        view.records = valueOf(c, Counter::Records);
        view.bytes = valueOf(c, Counter::RecordBytes);
        for (Counter d : kDrops)
            view.dropped += valueOf(c, d);
        view.sequenceGaps = valueOf(c, Counter::SequenceLost);
        view.duplicates = valueOf(c, Counter::Duplicates);
        for (Counter d : kDetails) {
            if (const std::uint64_t v = valueOf(c, d); v != 0)
                view.lastError += (view.lastError.empty() ? "" : " ")
                                  + std::string(counterName(d)) + "=" + std::to_string(v);
        }
        stats.exporters.push_back(std::move(view));
    }
    proto::ExporterStatsView unknown;
    unknown.exporter = kNotAllowedExporter;
    unknown.datagrams = processor.unknownExporterDatagrams();
    unknown.dropped = unknown.datagrams;
    stats.exporters.push_back(std::move(unknown));

    for (const EndpointStatus &e : collector.status())
        stats.kernelDrops += e.kernelDrops + e.oversize;
    for (const UnattributedTotal &t : unattributed) {
        stats.unattributedBytes += t.bytes;
        stats.unattributed.push_back(
            proto::UnattributedView{std::string(toString(t.reason)), t.flows, t.bytes});
    }
    return stats;
}

} // namespace bwx::settlement
