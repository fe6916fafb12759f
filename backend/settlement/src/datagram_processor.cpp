#include "bwx/settlement/datagram_processor.h"

#include "bwx/settlement/decoders.h"

namespace bwx::settlement {

namespace {

Counter counterFor(DecodeError error) noexcept
{
    switch (error) {
    case DecodeError::Truncated:
        return Counter::Truncated;
    case DecodeError::BadVersion:
        return Counter::BadVersion;
    case DecodeError::BadLength:
        return Counter::BadLength;
    case DecodeError::BadFlowset:
        return Counter::BadFlowset;
    case DecodeError::BadTemplate:
        return Counter::BadTemplate;
    case DecodeError::BadOptionsScope:
        return Counter::BadOptionsScope;
    case DecodeError::BadRecord:
        return Counter::BadRecord;
    case DecodeError::BadSample:
        return Counter::BadSample;
    case DecodeError::UnsupportedAddress:
        return Counter::UnsupportedAddress;
    case DecodeError::None:
        break;
    }
    return Counter::BadLength;
}

} // namespace

std::size_t DatagramProcessor::AddressHash::operator()(const net::Address &a) const noexcept
{
    std::uint64_t z = a.high() ^ (a.low() * 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return static_cast<std::size_t>(z ^ (z >> 31));
}

DatagramProcessor::DatagramProcessor(ProcessorConfig config, FlowListener &listener)
    : m_listener(listener)
    , m_batchSize(std::max<std::size_t>(config.batchSize, 1))
    , m_templates(config.templates)
    , m_sequences(config.sequence)
    , m_duplicates(config.duplicateWindow)
{
    for (ExporterConfig &e : config.exporters) {
        if (m_index.count(e.address) != 0)
            continue;
        m_index.emplace(e.address, m_exporters.size());
        m_exporters.push_back(Exporter{std::move(e), std::make_unique<ExporterCounters>()});
    }
    m_batch.reserve(m_batchSize + 64);
}

std::string_view toString(PortProtocol protocol) noexcept
{
    switch (protocol) {
    case PortProtocol::Netflow:
        return "netflow";
    case PortProtocol::Sflow:
        return "sflow";
    case PortProtocol::NetflowV5:
        return "netflow_v5";
    case PortProtocol::NetflowV9:
        return "netflow_v9";
    case PortProtocol::Ipfix:
        return "ipfix";
    }
    return "?";
}

const ExporterCounters *DatagramProcessor::countersOf(const net::Address &exporter) const
{
    const auto it = m_index.find(exporter);
    return it == m_index.end() ? nullptr : m_exporters[it->second].counters.get();
}

void DatagramProcessor::process(std::span<const std::uint8_t> datagram,
                                const net::Address &source,
                                PortProtocol port,
                                Timestamp now)
{
    const auto it = m_index.find(source);
    if (it == m_index.end()) {
        m_unknown.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    Exporter &exporter = m_exporters[it->second];
    ExporterCounters &c = *exporter.counters;
    if (m_duplicates.seen(source, datagram)) {
        c.add(Counter::Duplicates);
        return;
    }
    DecodeOptions options;
    options.samplingOverride = exporter.config.samplingOverride;
    const std::size_t first = m_batch.size();
    DecodeResult result;
    const SniffedProtocol sniffed = sniffProtocol(datagram);
    if (port == PortProtocol::Sflow) {
        if (sniffed != SniffedProtocol::Sflow5) {
            c.add(Counter::WrongProtocol);
            return;
        }
        result = decodeSflow(datagram, source, now, options, m_batch);
    } else {
        const bool accepted = port == PortProtocol::Netflow
                              || (port == PortProtocol::NetflowV5
                                  && sniffed == SniffedProtocol::NetflowV5)
                              || (port == PortProtocol::NetflowV9
                                  && sniffed == SniffedProtocol::NetflowV9)
                              || (port == PortProtocol::Ipfix && sniffed == SniffedProtocol::Ipfix);
        if (!accepted) {
            c.add(Counter::WrongProtocol);
            return;
        }
        switch (sniffed) {
        case SniffedProtocol::NetflowV5:
            result = decodeNetflowV5(datagram, source, options, m_batch);
            break;
        case SniffedProtocol::NetflowV9:
            result = decodeNetflowV9(datagram, source, m_templates, now, options, m_batch);
            break;
        case SniffedProtocol::Ipfix:
            result = decodeIpfix(datagram, source, m_templates, now, options, m_batch);
            break;
        default:
            c.add(Counter::WrongProtocol);
            return;
        }
    }
    c.add(Counter::DatagramBytes, datagram.size());
    c.add(Counter::Datagrams);
    account(c, source, result, first);
    if (m_batch.size() >= m_batchSize)
        flush();
}

void DatagramProcessor::account(ExporterCounters &c,
                                const net::Address &source,
                                const DecodeResult &result,
                                std::size_t firstRecord)
{
    if (!result.ok()) {
        c.add(counterFor(result.error));
        return;
    }
    const DatagramInfo &info = result.info;
    std::uint64_t bytes = 0;
    std::uint64_t packets = 0;
    for (std::size_t i = firstRecord; i < m_batch.size(); ++i) {
        bytes += m_batch[i].bytes;
        packets += m_batch[i].packets;
    }
    c.add(Counter::Records, m_batch.size() - firstRecord);
    c.add(Counter::RecordBytes, bytes);
    c.add(Counter::RecordPackets, packets);
    if (info.setsWithoutTemplate != 0)
        c.add(Counter::SetsWithoutTemplate, info.setsWithoutTemplate);
    if (info.templatesAdded != 0)
        c.add(Counter::TemplatesAdded, info.templatesAdded);
    if (info.templatesWithdrawn != 0)
        c.add(Counter::TemplatesWithdrawn, info.templatesWithdrawn);
    if (info.templatesRefused != 0)
        c.add(Counter::TemplatesRefused, info.templatesRefused);
    if (info.recordsOverflowed != 0)
        c.add(Counter::RecordsOverflowed, info.recordsOverflowed);
    if (info.recordsNotFlows != 0)
        c.add(Counter::RecordsNotFlows, info.recordsNotFlows);
    if (info.samplesSkipped != 0)
        c.add(Counter::SamplesSkipped, info.samplesSkipped);
    const SequenceEvent event = m_sequences.observe(source, info);
    switch (event.outcome) {
    case SequenceOutcome::Gap:
        c.add(Counter::SequenceLost, event.lost);
        break;
    case SequenceOutcome::Late:
        c.add(Counter::SequenceLate);
        // Loss is reported net of late arrivals: a counter cannot go down, so the recovered
        // units are subtracted by adding their two's complement.
        if (event.recovered != 0)
            c.add(Counter::SequenceLost, ~event.recovered + 1);
        break;
    case SequenceOutcome::Restart:
        c.add(Counter::Restarts);
        break;
    case SequenceOutcome::First:
    case SequenceOutcome::InOrder:
    case SequenceOutcome::Untracked:
        break;
    }
}

void DatagramProcessor::flush()
{
    if (m_batch.empty())
        return;
    m_listener.onFlows(m_batch);
    m_batch.clear();
}

void DatagramProcessor::expire(Timestamp now)
{
    m_templates.expire(now);
}

} // namespace bwx::settlement
