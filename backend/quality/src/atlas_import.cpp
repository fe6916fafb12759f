#include "bwx/quality/atlas_import.h"

#include "bwx/quality/train_stats.h"
#include "json_fields.h"

#include <cmath>
#include <map>
#include <tuple>

namespace bwx::quality {

namespace {

using detail::Json;
using detail::Where;

// Atlas sends at most 16 packets per result; anything near this bound is not a ping result.
constexpr std::int64_t kMaxPackets = 1'000'000;
// 2200-01-01T00:00:00Z, the end of the range the rest of BWX accepts for times.
constexpr std::int64_t kLatestSeconds = 7'258'118'400;
// An hour: no reply waits that long.
constexpr double kMaxRttMs = 3'600'000.0;

struct Record
{
    Measurement measurement;
    bool skipped = false;
    std::string skipReason;
};

std::int64_t millisToNanos(double ms)
{
    return std::llround(ms * 1'000'000.0);
}

Record readRecord(const Json &value, const Where &where, const TargetLookup &lookup)
{
    const Json &r = detail::expectObject(value, where);
    if (const Json *type = detail::member(r, "type")) {
        const std::string &name = detail::expectString(*type, where / "type");
        if (name != "ping")
            (where / "type").fail(net::detail::quoteInput(name) + " is not a ping result");
    }
    detail::expectInteger(detail::required(r, "fw", where), where / "fw", 0, 0xffffffff);

    const char *addrKey = detail::member(r, "dst_addr") ? "dst_addr" : "addr";
    const Json *addrValue = detail::member(r, addrKey);
    if (!addrValue)
        (where / "dst_addr").fail("missing (and no \"addr\" either)");
    const std::string &addrText = detail::expectString(*addrValue, where / addrKey);
    const auto target = net::Address::parse(addrText);
    if (!target)
        (where / addrKey).fail(target.error());
    const auto path = lookup ? lookup(*target) : std::nullopt;
    if (!path)
        (where / addrKey)
            .fail(target->toString()
                  + " is not mapped to a seller and destination (give a target "
                    "mapping ADDRESS=SELLER:PREFIX)");

    const std::int64_t timestamp = detail::expectInteger(detail::required(r, "timestamp", where),
                                                         where / "timestamp", 1, kLatestSeconds);
    const std::int64_t probe = detail::expectInteger(detail::required(r, "prb_id", where),
                                                     where / "prb_id", 0, 0xffffffff);
    std::string origin = "prb " + std::to_string(probe);
    if (const Json *msm = detail::member(r, "msm_id"))
        origin = "msm "
                 + std::to_string(detail::expectInteger(*msm, where / "msm_id", 0, 0xffffffff))
                 + " " + origin;
    const std::int64_t sent
        = detail::expectInteger(detail::required(r, "sent", where), where / "sent", 0, kMaxPackets);
    const std::int64_t rcvd
        = detail::expectInteger(detail::required(r, "rcvd", where), where / "rcvd", 0, kMaxPackets);
    if (rcvd > sent)
        (where / "rcvd")
            .fail("rcvd " + std::to_string(rcvd) + " is more than sent " + std::to_string(sent));

    // Per-packet entries in send order; duplicates are extra entries, not extra packets.
    std::vector<std::optional<std::int64_t>> slots;
    std::string firstError;
    const Json *result = detail::member(r, "result");
    if (result) {
        const Json &entries = detail::expectArray(*result, where / "result");
        for (std::size_t j = 0; j < entries.size(); ++j) {
            const Where at = where / "result" / j;
            const Json &e = detail::expectObject(entries[j], at);
            if (const Json *rtt = detail::member(e, "rtt")) {
                const double ms = detail::expectNumber(*rtt, at / "rtt", 0.0, kMaxRttMs);
                if (const Json *dup = detail::member(e, "dup");
                    dup && detail::expectInteger(*dup, at / "dup", 0, kMaxPackets) != 0)
                    continue;
                slots.emplace_back(millisToNanos(ms));
            } else if (const Json *x = detail::member(e, "x")) {
                if (detail::expectString(*x, at / "x") != "*")
                    (at / "x").fail("a timeout is \"*\", found " + x->dump());
                slots.emplace_back();
            } else if (const Json *err = detail::member(e, "error")) {
                const std::string &text = detail::expectString(*err, at / "error");
                if (firstError.empty())
                    firstError = net::detail::quoteInput(text);
                slots.emplace_back();
            } else {
                at.fail("neither \"rtt\", \"x\" nor \"error\"");
            }
        }
    }

    Record record;
    if (sent == 0) {
        record.skipped = true;
        record.skipReason = "sent no packets"
                            + (firstError.empty() ? std::string() : " (error " + firstError + ")");
        return record;
    }

    Measurement &m = record.measurement;
    m.path = *path;
    m.time = Timestamp::fromSeconds(timestamp);
    m.source = std::string(sources::kRipeAtlas);
    m.origin = std::move(origin);
    m.sent = static_cast<std::uint32_t>(sent);
    m.received = static_cast<std::uint32_t>(rcvd);
    m.lossPpm = lossPpm(static_cast<std::uint64_t>(sent), static_cast<std::uint64_t>(rcvd));
    if (result) {
        const TrainStats stats = summarizeTrain(slots);
        if ((rcvd == 0) != (stats.received == 0))
            (where / "rcvd")
                .fail("rcvd " + std::to_string(rcvd) + " but the result holds "
                      + std::to_string(stats.received) + " replies");
        m.latencyUs = stats.latencyUs;
        m.jitterUs = stats.jitterUs;
    } else if (rcvd > 0) {
        // Firmware 1 reports only the summary.
        const double avg = detail::expectNumber(detail::required(r, "avg", where), where / "avg",
                                                0.0, kMaxRttMs);
        m.latencyUs = nanosToMicros(millisToNanos(avg));
    }
    return record;
}

using RecordKey = std::tuple<PathKey, std::int64_t, std::string>;

// Adds a record's measurement to the batch, refusing a second result for the same path, probe,
// measurement and time (a file concatenated twice, or two downloads merged).
void collect(Record record,
             const Where &where,
             ImportBatch &batch,
             std::map<RecordKey, std::string> &seen)
{
    const std::string location = where.line > 0 ? "line " + std::to_string(where.line) : where.path;
    if (record.skipped) {
        batch.skipped.push_back(location + ": " + record.skipReason);
        return;
    }
    Measurement &m = record.measurement;
    const auto [it, inserted] = seen.emplace(RecordKey{m.path, m.time.value(), m.origin}, location);
    if (!inserted)
        where.fail("the same result (" + m.origin + ", timestamp "
                   + std::to_string(m.time.seconds()) + ") as " + it->second);
    if (auto bad = checkMeasurement(m))
        where.fail(*bad);
    batch.measurements.push_back(std::move(m));
    const Where timeAt = where / "timestamp";
    batch.timeLocations.push_back(ImportLocation{timeAt.line, {}, timeAt.path});
}

ImportResult importArray(std::string_view text, const TargetLookup &lookup)
{
    auto parsed = detail::parseJson(text);
    if (auto *error = std::get_if<ImportError>(&parsed))
        return *error;
    const Json &doc = std::get<Json>(parsed);
    const Where root;
    ImportBatch batch;
    std::map<RecordKey, std::string> seen;
    try {
        const Json &results = detail::expectArray(doc, root);
        for (std::size_t i = 0; i < results.size(); ++i)
            collect(readRecord(results[i], root / i, lookup), root / i, batch, seen);
    } catch (const detail::JsonFail &fail) {
        return fail.error;
    }
    return batch;
}

ImportResult importLines(std::string_view text, const TargetLookup &lookup)
{
    ImportBatch batch;
    std::map<RecordKey, std::string> seen;
    std::size_t lineNumber = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++lineNumber;
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        auto parsed = detail::parseJson(line, lineNumber);
        if (auto *error = std::get_if<ImportError>(&parsed))
            return *error;
        const Where where{lineNumber, {}};
        try {
            collect(readRecord(std::get<Json>(parsed), where, lookup), where, batch, seen);
        } catch (const detail::JsonFail &fail) {
            return fail.error;
        }
    }
    return batch;
}

} // namespace

ImportResult importAtlasPing(std::string_view text, const TargetLookup &lookup)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return ImportError{0, 0, {}, {}, "empty file: expected a JSON array of RIPE Atlas results"};
    if (text[first] == '[')
        return importArray(text, lookup);
    if (text[first] == '{')
        return importLines(text, lookup);
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < first; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return ImportError{line,
                       column,
                       {},
                       {},
                       "expected a JSON array of RIPE Atlas results or one result object per line"};
}

} // namespace bwx::quality
