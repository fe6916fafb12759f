#pragma once
// Everything the collector does with one datagram, without sockets: allow-list, duplicate check,
// decoding, sequence accounting, counters, and delivery of decoded records in batches. The UDP
// collector feeds it; tests and benchmarks can feed it directly.
//
// Not thread-safe: one thread calls process/flush/expire (the collector's). Counters and the
// unknown-exporter count may be read from any thread at any time.
#include "bwx/settlement/duplicate_filter.h"
#include "bwx/settlement/exporter_counters.h"
#include "bwx/settlement/flow_record.h"
#include "bwx/settlement/sequence_tracker.h"
#include "bwx/settlement/template_cache.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bwx::settlement {

// Receives decoded records, on the thread that processes datagrams.
class FlowListener
{
public:
    virtual ~FlowListener() = default;
    virtual void onFlows(std::span<const FlowRecord> flows) = 0;
};

struct ExporterConfig
{
    net::Address address; // the datagrams' source address
    std::string name;
    // Configured sampling (1 in N) overriding what the exporter says in-band; 0 = use in-band.
    std::uint32_t samplingOverride = 0;
};

// What a listening port accepts: Netflow takes NetFlow v5, v9 and IPFIX, told apart by their
// version field; the others take only their own protocol (anything else is counted as
// drop_wrong_protocol). sFlow has its own port by convention (6343).
enum class PortProtocol : std::uint8_t { Netflow, Sflow, NetflowV5, NetflowV9, Ipfix };

std::string_view toString(PortProtocol protocol) noexcept;

struct ProcessorConfig
{
    std::vector<ExporterConfig> exporters; // the allow-list
    TemplateLimits templates;
    SequenceLimits sequence;
    std::size_t duplicateWindow = 65536;
    std::size_t batchSize = 4096;
};

class DatagramProcessor
{
public:
    DatagramProcessor(ProcessorConfig config, FlowListener &listener);

    void process(std::span<const std::uint8_t> datagram,
                 const net::Address &source,
                 PortProtocol port,
                 Timestamp now);
    // Delivers records still held in the batch.
    void flush();
    // Forgets templates not refreshed in time; call now and then (the collector does, each second).
    void expire(Timestamp now);

    std::size_t exporterCount() const noexcept { return m_exporters.size(); }
    const ExporterConfig &exporterConfig(std::size_t index) const
    {
        return m_exporters[index].config;
    }
    CounterSnapshot counters(std::size_t index) const
    {
        return m_exporters[index].counters->snapshot();
    }
    // nullptr when the address is not allowed.
    const ExporterCounters *countersOf(const net::Address &exporter) const;
    std::uint64_t unknownExporterDatagrams() const noexcept
    {
        return m_unknown.load(std::memory_order_relaxed);
    }

    const TemplateCache &templates() const noexcept { return m_templates; }
    const SequenceTracker &sequences() const noexcept { return m_sequences; }
    const DuplicateFilter &duplicates() const noexcept { return m_duplicates; }

private:
    struct Exporter
    {
        ExporterConfig config;
        std::unique_ptr<ExporterCounters> counters;
    };
    struct AddressHash
    {
        std::size_t operator()(const net::Address &a) const noexcept;
    };

    void account(ExporterCounters &c,
                 const net::Address &source,
                 const DecodeResult &result,
                 std::size_t firstRecord);

    FlowListener &m_listener;
    std::size_t m_batchSize;
    std::vector<Exporter> m_exporters;
    std::unordered_map<net::Address, std::size_t, AddressHash> m_index; // fixed after construction
    std::atomic<std::uint64_t> m_unknown{0};
    TemplateCache m_templates;
    SequenceTracker m_sequences;
    DuplicateFilter m_duplicates;
    std::vector<FlowRecord> m_batch;
};

} // namespace bwx::settlement
