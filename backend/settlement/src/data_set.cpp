#include "data_set.h"

#include "decode_support.h"

#include <optional>
#include <type_traits>

namespace bwx::settlement::detail {

namespace {

// NetFlow v9 times are sysUptime milliseconds; the header pairs an uptime with a wall-clock
// second. The difference is taken as a signed 32-bit value so a flow that started before an
// uptime wrap still lands in the past.
std::int64_t v9UptimeToMillis(std::uint64_t value, const DataSetContext &c) noexcept
{
    const auto delta = static_cast<std::int32_t>(static_cast<std::uint32_t>(value) - c.sysUptimeMs);
    return std::int64_t{c.exportSeconds} * 1000 + delta;
}

// Absolute times beyond this (year 2191) are not believed: they are corrupt fields, and keeping
// them would overflow nanosecond arithmetic downstream. Such a time counts as not sent.
constexpr std::uint64_t kMaxEpochMillis = 7'000'000'000'000;

std::optional<std::int64_t> millisToNanos(std::uint64_t ms) noexcept
{
    if (ms > kMaxEpochMillis)
        return std::nullopt;
    return static_cast<std::int64_t>(ms) * 1'000'000;
}

void setTimes(const RecordValues &v,
              const DataSetContext &c,
              const DomainState &domain,
              FlowRecord &flow) noexcept
{
    const std::int64_t exportNs = std::int64_t{c.exportSeconds} * 1'000'000'000;
    const bool ipfix = c.protocol == FlowProtocol::Ipfix;
    const bool haveInit = v.hasSystemInit || domain.hasSystemInit;
    const std::uint64_t init = v.hasSystemInit ? v.systemInitMillis : domain.systemInitMillis;
    const auto uptimeNs = [&](std::uint64_t value) -> std::optional<std::int64_t> {
        if (!ipfix)
            return v9UptimeToMillis(value, c) * 1'000'000;
        // IPFIX flowStart/EndSysUpTime count from systemInitTimeMilliseconds, which arrives in
        // an options record; without it the export time is the best estimate there is.
        if (!haveInit || init > kMaxEpochMillis)
            return std::nullopt;
        return millisToNanos(init + value);
    };
    // The most precise form the record carries and we believe; else the export time.
    const auto pick = [&](bool hasNs, std::int64_t ns, bool hasMs, std::uint64_t ms,
                          bool hasUptime, std::uint64_t uptime) -> std::optional<std::int64_t> {
        if (hasNs)
            return ns;
        if (hasMs)
            if (const auto t = millisToNanos(ms))
                return t;
        if (hasUptime)
            return uptimeNs(uptime);
        return std::nullopt;
    };
    const std::int64_t start = pick(v.hasStartNs, v.startNs, v.hasStartMs, v.startMs,
                                    v.hasStartUptime, v.startUptime)
                                   .value_or(exportNs);
    std::int64_t end = pick(v.hasEndNs, v.endNs, v.hasEndMs, v.endMs, v.hasEndUptime,
                            v.endUptime)
                           .value_or(start);
    if (end < start)
        end = start;
    flow.start = Timestamp(start);
    flow.end = Timestamp(end);
}

// Records start as a copy of this one: GCC value-initialises a FlowRecord in place with
// `rep stos`, whose start-up cost was the largest single item in decoding a record, while a copy
// of a constant compiles to a dozen vector moves.
const FlowRecord kBlankRecord{};
static_assert(std::is_trivially_copyable_v<FlowRecord>);

} // namespace

bool decodeDataSet(const FlowTemplate &tmpl,
                   std::span<const std::uint8_t> body,
                   const DataSetContext &context,
                   PendingDomain &domain,
                   DatagramInfo &info,
                   std::vector<FlowRecord> &out,
                   std::size_t &badOffset)
{
    std::size_t at = 0;
    // Whatever is left that cannot hold a record is padding (RFC 3954 5.3, RFC 7011 3.3.1).
    FlowRecord scratch; // options records and records that are not flows
    // Records that state no sampling of their own all get the same ratio: worked out once here
    // rather than for every record (the domain's state does not change inside a data set).
    std::optional<SamplingRatio> setRatio;
    if (!tmpl.recordsStateSampling) {
        FlowRecord none;
        setRatio = samplingFor(RecordValues(none), domain.state(), context.options);
    }
    if (tmpl.useHotLayout && tmpl.plan.empty() && tmpl.isFlow && setRatio) {
        // Every used field is a hot one (softflowd's templates, for one): readRecord would add
        // nothing but its loop over an empty plan, so the records are read here, and the fields
        // every record shares are set once in the record they are copied from.
        FlowRecord first = kBlankRecord;
        first.exporter = context.exporter;
        first.observationDomain = context.domain;
        first.protocol = context.protocol;
        const std::size_t length = tmpl.minRecordLength;
        for (; body.size() - at >= length; at += length) {
            FlowRecord &flow = out.emplace_back(first);
            RecordValues values(flow);
            readHot(tmpl.hot, body.data() + at, values);
            ++info.dataRecords;
            setTimes(values, context, domain.state(), flow);
            if (!applySampling(flow, *setRatio)) {
                out.pop_back();
                ++info.recordsOverflowed;
                continue;
            }
            ++info.flowRecords;
        }
        return true;
    }
    while (body.size() - at >= tmpl.minRecordLength && body.size() - at > 0) {
        const bool flowRecord = !tmpl.options && tmpl.isFlow;
        FlowRecord &target = flowRecord ? out.emplace_back(kBlankRecord) : (scratch = FlowRecord{});
        RecordValues values(target);
        std::size_t consumed = 0;
        if (!readRecord(tmpl, body.subspan(at), consumed, values) || consumed == 0) {
            if (flowRecord)
                out.pop_back();
            badOffset = at;
            return false;
        }
        at += consumed;
        ++info.dataRecords;
        if (tmpl.options) {
            ++info.optionsRecords;
            domain.learn(values, context.maxSamplers, context.now);
            continue;
        }
        if (!flowRecord) {
            ++info.recordsNotFlows;
            continue;
        }
        FlowRecord &flow = values.flow;
        flow.exporter = context.exporter;
        flow.observationDomain = context.domain;
        flow.protocol = context.protocol;
        setTimes(values, context, domain.state(), flow);
        const SamplingRatio ratio
            = setRatio ? *setRatio : samplingFor(values, domain.state(), context.options);
        if (!applySampling(flow, ratio)) {
            out.pop_back();
            ++info.recordsOverflowed;
            continue;
        }
        ++info.flowRecords;
    }
    return true;
}

} // namespace bwx::settlement::detail
