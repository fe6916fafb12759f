#include "bwx/quality/csv_import.h"

#include "decimal_text.h"
#include "time_text.h"

#include <array>
#include <map>
#include <tuple>

namespace bwx::quality {

namespace {

constexpr std::array<std::string_view, 7> kColumns
    = {"seller", "destination", "time", "latency_us", "loss_ppm", "jitter_us", "source"};

struct RowFail
{
    std::string field;
    std::string reason;
};

std::optional<std::uint32_t> optionalMicros(std::string_view text, std::string_view field)
{
    if (text.empty())
        return std::nullopt;
    const auto value = detail::parseDecimal(text, 0xffffffffu);
    if (!value)
        throw RowFail{std::string(field), net::detail::quoteInput(text) + ": " + value.error()};
    return static_cast<std::uint32_t>(*value);
}

Measurement readRow(const std::array<std::string_view, 7> &f)
{
    Measurement m;
    const auto seller = detail::parseDecimal(f[0], 0xffffffffu);
    if (!seller)
        throw RowFail{"seller", net::detail::quoteInput(f[0]) + ": " + seller.error()};
    if (*seller == 0)
        throw RowFail{"seller", "0 is not a member id"};
    m.path.seller = MemberId(static_cast<std::uint32_t>(*seller));
    const auto prefix = net::Prefix::parse(f[1]);
    if (!prefix)
        throw RowFail{"destination", prefix.error()};
    m.path.destination = *prefix;
    const auto time = detail::parseRfc3339(f[2]);
    if (!time)
        throw RowFail{"time", time.error()};
    m.time = *time;
    m.latencyUs = optionalMicros(f[3], "latency_us");
    const auto loss = detail::parseDecimal(f[4], kAllLostPpm);
    if (!loss)
        throw RowFail{"loss_ppm", net::detail::quoteInput(f[4]) + ": " + loss.error()};
    m.lossPpm = static_cast<std::uint32_t>(*loss);
    m.jitterUs = optionalMicros(f[5], "jitter_us");
    if (auto bad = checkSourceName(f[6]))
        throw RowFail{"source", net::detail::quoteInput(f[6]) + ": " + *bad};
    if (isOwnSource(f[6]))
        throw RowFail{"source", std::string(f[6]) + " is reserved for the exchange's own probes"};
    m.source = std::string(f[6]);

    if (!m.latencyUs && m.lossPpm != kAllLostPpm)
        throw RowFail{"latency_us", "empty (nothing answered) needs loss_ppm 1000000, not "
                                        + std::to_string(m.lossPpm)};
    if (m.latencyUs && m.lossPpm == kAllLostPpm)
        throw RowFail{"latency_us", "must be empty when loss_ppm is 1000000 (nothing answered)"};
    if (m.jitterUs && !m.latencyUs)
        throw RowFail{"jitter_us", "must be empty when latency_us is empty"};
    // Everything checkMeasurement() asks is covered above, field by field; this only guards
    // against the two drifting apart.
    if (auto bad = checkMeasurement(m))
        throw RowFail{{}, *bad};
    return m;
}

} // namespace

ImportResult importQualityCsv(std::string_view text)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    ImportBatch batch;
    std::map<std::tuple<PathKey, std::int64_t, std::string>, std::size_t> seen;
    bool header = false;
    std::size_t lineNumber = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++lineNumber;
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (line.empty() || line.starts_with('#'))
            continue;
        if (!header) {
            if (line != kCsvHeader)
                return ImportError{lineNumber,
                                   0,
                                   {},
                                   {},
                                   "expected the header '" + std::string(kCsvHeader) + "', found "
                                       + net::detail::quoteInput(line)};
            header = true;
            continue;
        }
        std::array<std::string_view, 7> fields;
        std::size_t count = 0;
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = line.find(',', start);
            const std::string_view field = line.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            if (count < fields.size())
                fields[count] = field;
            ++count;
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        if (count != fields.size())
            return ImportError{
                lineNumber, 0, {}, {}, "expected 7 fields, found " + std::to_string(count)};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string_view field = fields[i];
            if (field.find('"') != std::string_view::npos)
                return ImportError{lineNumber,
                                   0,
                                   std::string(kColumns[i]),
                                   {},
                                   "quotes are not allowed (no field can hold a comma)"};
            if (!field.empty()
                && (field.front() == ' ' || field.back() == ' ' || field.front() == '\t'
                    || field.back() == '\t'))
                return ImportError{
                    lineNumber, 0, std::string(kColumns[i]), {}, "leading or trailing white space"};
        }
        try {
            Measurement m = readRow(fields);
            const auto [it, inserted]
                = seen.emplace(std::tuple{m.path, m.time.value(), m.source}, lineNumber);
            if (!inserted)
                return ImportError{lineNumber,
                                   0,
                                   {},
                                   {},
                                   "same seller, destination, time and source as line "
                                       + std::to_string(it->second)};
            batch.measurements.push_back(std::move(m));
            batch.timeLocations.push_back(ImportLocation{lineNumber, "time", {}});
        } catch (const RowFail &fail) {
            return ImportError{lineNumber, 0, fail.field, {}, fail.reason};
        }
    }
    if (!header)
        return ImportError{
            0, 0, {}, {}, "empty file: expected the header '" + std::string(kCsvHeader) + "'"};
    return batch;
}

std::string formatQualityCsv(std::span<const Measurement> measurements)
{
    std::string out(kCsvHeader);
    out += '\n';
    for (const Measurement &m : measurements) {
        out += std::to_string(m.path.seller.value());
        out += ',';
        out += m.path.destination.toString();
        out += ',';
        out += formatTimestamp(m.time);
        out += ',';
        if (m.latencyUs)
            out += std::to_string(*m.latencyUs);
        out += ',';
        out += std::to_string(m.lossPpm);
        out += ',';
        if (m.jitterUs)
            out += std::to_string(*m.jitterUs);
        out += ',';
        out += m.source;
        out += '\n';
    }
    return out;
}

} // namespace bwx::quality
