#include "bwx/quality/irtt_import.h"

#include "bwx/quality/train_stats.h"
#include "json_fields.h"
#include "time_text.h"

namespace bwx::quality {

namespace {

using detail::Json;
using detail::Where;

constexpr std::int64_t kMaxPackets = 0xffffffff;
constexpr std::int64_t kMaxDurationNs = 3'600'000'000'000; // an hour

// "198.51.100.1:2112" or "[2001:db8::1]:2112" -> the address.
net::Address remoteAddress(const std::string &text, const Where &where)
{
    std::string_view host = text;
    if (host.starts_with('[')) {
        const std::size_t close = host.find(']');
        if (close == std::string_view::npos || close + 1 >= host.size() || host[close + 1] != ':')
            where.fail(net::detail::quoteInput(text) + " is not [ADDRESS]:PORT");
        host = host.substr(1, close - 1);
    } else {
        const std::size_t colon = host.rfind(':');
        if (colon == std::string_view::npos)
            where.fail(net::detail::quoteInput(text) + " is not ADDRESS:PORT");
        host = host.substr(0, colon);
    }
    auto address = net::Address::parse(host);
    if (!address)
        where.fail(address.error());
    return *address;
}

ImportBatch read(const Json &doc, const TargetLookup &lookup)
{
    const Where root;
    detail::expectObject(doc, root);
    const Json &version
        = detail::expectObject(detail::required(doc, "version", root), root / "version");
    const std::int64_t format
        = detail::expectInteger(detail::required(version, "json_format", root / "version"),
                                root / "version" / "json_format", 0, 0xffff);
    if (format != 1)
        (root / "version" / "json_format")
            .fail("irtt JSON format " + std::to_string(format) + " is not supported (only 1)");

    const Where configAt = root / "config";
    const Json &config = detail::expectObject(detail::required(doc, "config", root), configAt);
    const net::Address target
        = remoteAddress(detail::expectString(detail::required(config, "remote_address", configAt),
                                             configAt / "remote_address"),
                        configAt / "remote_address");
    std::string local;
    if (const Json *value = detail::member(config, "local_address"))
        local = detail::expectString(*value, configAt / "local_address");
    const auto path = lookup ? lookup(target) : std::nullopt;
    if (!path)
        (configAt / "remote_address")
            .fail(target.toString()
                  + " is not mapped to a seller and destination (give a target mapping "
                    "ADDRESS=SELLER:PREFIX)");

    const Where statsAt = root / "stats";
    const Json &stats = detail::expectObject(detail::required(doc, "stats", root), statsAt);
    auto start = detail::parseRfc3339(detail::expectString(
        detail::required(stats, "start_time", statsAt), statsAt / "start_time"));
    if (!start)
        (statsAt / "start_time").fail(start.error());
    const std::int64_t sent = detail::expectInteger(
        detail::required(stats, "packets_sent", statsAt), statsAt / "packets_sent", 0, kMaxPackets);
    const Where rttAt = statsAt / "rtt";
    const Json &rtt = detail::expectObject(detail::required(stats, "rtt", statsAt), rttAt);
    const std::int64_t replies
        = detail::expectInteger(detail::required(rtt, "n", rttAt), rttAt / "n", 0, kMaxPackets);
    if (replies > sent)
        (rttAt / "n")
            .fail(std::to_string(replies) + " replies is more than packets_sent "
                  + std::to_string(sent));

    ImportBatch batch;
    if (sent == 0) {
        batch.skipped.push_back("/stats/packets_sent: the run sent no packets");
        return batch;
    }
    Measurement m;
    m.path = *path;
    m.time = *start;
    m.source = std::string(sources::kIrtt);
    m.origin = "irtt " + local;
    m.sent = static_cast<std::uint32_t>(sent);
    m.received = static_cast<std::uint32_t>(replies);
    m.lossPpm = lossPpm(static_cast<std::uint64_t>(sent), static_cast<std::uint64_t>(replies));
    if (replies > 0) {
        m.latencyUs = nanosToMicros(detail::expectInteger(detail::required(rtt, "mean", rttAt),
                                                          rttAt / "mean", 0, kMaxDurationNs));
        if (const Json *ipdv = detail::member(stats, "ipdv_round_trip")) {
            const Where ipdvAt = statsAt / "ipdv_round_trip";
            detail::expectObject(*ipdv, ipdvAt);
            const std::int64_t pairs = detail::expectInteger(detail::required(*ipdv, "n", ipdvAt),
                                                             ipdvAt / "n", 0, kMaxPackets);
            if (pairs > 0)
                m.jitterUs = nanosToMicros(detail::expectInteger(
                    detail::required(*ipdv, "mean", ipdvAt), ipdvAt / "mean", 0, kMaxDurationNs));
        }
    }
    if (auto bad = checkMeasurement(m))
        root.fail(*bad);
    batch.measurements.push_back(std::move(m));
    batch.timeLocations.push_back(ImportLocation{0, {}, (statsAt / "start_time").path});
    return batch;
}

} // namespace

ImportResult importIrtt(std::string_view text, const TargetLookup &lookup)
{
    auto parsed = detail::parseJson(text);
    if (auto *error = std::get_if<ImportError>(&parsed))
        return *error;
    try {
        return read(std::get<Json>(parsed), lookup);
    } catch (const detail::JsonFail &fail) {
        return fail.error;
    }
}

} // namespace bwx::quality
