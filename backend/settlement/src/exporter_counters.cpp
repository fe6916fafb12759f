#include "bwx/settlement/exporter_counters.h"

namespace bwx::settlement {

std::string_view counterName(Counter counter) noexcept
{
    switch (counter) {
    case Counter::Datagrams:
        return "datagrams";
    case Counter::DatagramBytes:
        return "datagram_bytes";
    case Counter::Records:
        return "records";
    case Counter::RecordBytes:
        return "record_bytes";
    case Counter::RecordPackets:
        return "record_packets";
    case Counter::Duplicates:
        return "drop_duplicate";
    case Counter::WrongProtocol:
        return "drop_wrong_protocol";
    case Counter::Truncated:
        return "drop_truncated";
    case Counter::BadVersion:
        return "drop_bad_version";
    case Counter::BadLength:
        return "drop_bad_length";
    case Counter::BadFlowset:
        return "drop_bad_flowset";
    case Counter::BadTemplate:
        return "drop_bad_template";
    case Counter::BadOptionsScope:
        return "drop_bad_options_scope";
    case Counter::BadRecord:
        return "drop_bad_record";
    case Counter::BadSample:
        return "drop_bad_sample";
    case Counter::UnsupportedAddress:
        return "drop_unsupported_address";
    case Counter::SetsWithoutTemplate:
        return "sets_without_template";
    case Counter::TemplatesAdded:
        return "templates_added";
    case Counter::TemplatesWithdrawn:
        return "templates_withdrawn";
    case Counter::TemplatesRefused:
        return "templates_refused";
    case Counter::RecordsOverflowed:
        return "records_overflowed";
    case Counter::RecordsNotFlows:
        return "records_not_flows";
    case Counter::SamplesSkipped:
        return "samples_skipped";
    case Counter::SequenceLost:
        return "sequence_lost";
    case Counter::SequenceLate:
        return "sequence_late";
    case Counter::Restarts:
        return "restarts";
    case Counter::kCount:
        break;
    }
    return "?";
}

} // namespace bwx::settlement
