#include "bwx/quality/measurement_import.h"

#include "bwx/quality/atlas_import.h"
#include "bwx/quality/csv_import.h"
#include "bwx/quality/irtt_import.h"
#include "bwx/quality/wire_records.h"

namespace bwx::quality {

namespace {

proto::Result invalid(proto::MeasurementFormat format, const std::string &what)
{
    return proto::Result{proto::ResultCode::InvalidImport,
                         std::string(formatName(format)) + " file: " + what
                             + "; nothing was imported"};
}

// The tag for an Atlas or irtt file, or the reason the requested one cannot be used.
std::variant<std::string, proto::Result> familyTag(const proto::ImportMeasurements &request,
                                                   std::string_view family)
{
    if (request.source.empty())
        return std::string(family);
    if (auto bad = checkSourceName(request.source))
        return invalid(request.format, "source '" + request.source + "': " + *bad);
    if (!isSourceOfFamily(request.source, family))
        return invalid(request.format, "source '" + request.source + "' must be '"
                                           + std::string(family) + "' or start with '"
                                           + std::string(family) + "-' or '" + std::string(family)
                                           + ".', so the data keeps its kind");
    return request.source;
}

} // namespace

std::string_view formatName(proto::MeasurementFormat format) noexcept
{
    switch (format) {
    case proto::MeasurementFormat::RipeAtlas:
        return "RIPE Atlas";
    case proto::MeasurementFormat::Irtt:
        return "irtt";
    case proto::MeasurementFormat::Csv:
        return "CSV";
    }
    return "measurement";
}

ImportAnswer prepareImport(const proto::ImportMeasurements &request,
                           Timestamp now,
                           Duration maxFutureSkew)
{
    const std::string_view text(reinterpret_cast<const char *>(request.content.data()),
                                request.content.size());
    std::string tag;
    std::optional<ImportResult> result;
    if (request.format == proto::MeasurementFormat::Csv) {
        if (request.seller.value() != 0)
            return invalid(request.format, "a CSV file names the seller on every row; leave the "
                                           "request's seller 0");
        if (!request.source.empty()) {
            if (auto bad = checkSourceName(request.source))
                return invalid(request.format, "source '" + request.source + "': " + *bad);
        }
        result = importQualityCsv(text);
    } else {
        const std::string_view family = request.format == proto::MeasurementFormat::RipeAtlas
                                            ? sources::kRipeAtlas
                                            : sources::kIrtt;
        if (request.seller.value() == 0)
            return invalid(request.format, "the file names only the addresses it measured: give "
                                           "the seller and the destination it measured");
        auto chosen = familyTag(request, family);
        if (auto *refused = std::get_if<proto::Result>(&chosen))
            return *refused;
        tag = std::get<std::string>(chosen);
        const TargetLookup lookup = singlePath(PathKey{request.seller, request.destination});
        result = request.format == proto::MeasurementFormat::RipeAtlas
                     ? importAtlasPing(text, lookup)
                     : importIrtt(text, lookup);
    }
    if (!result->ok())
        return invalid(request.format, result->error().toString());
    ImportBatch batch = std::move(*result).batch();
    for (std::size_t i = 0; i < batch.measurements.size(); ++i) {
        Measurement &m = batch.measurements[i];
        if (!tag.empty())
            m.source = tag;
        if (request.format == proto::MeasurementFormat::Csv && !request.source.empty()
            && m.source != request.source) {
            ImportError error = batch.timeError(i, "'" + m.source + "' is not the import's source '"
                                                       + request.source + "'");
            error.field = "source";
            return invalid(request.format, error.toString());
        }
        if (m.time > now + maxFutureSkew)
            return invalid(request.format,
                           batch.timeError(i, formatTimestamp(m.time) + " is more than "
                                                  + std::to_string(maxFutureSkew.value()
                                                                   / units::kNanosPerSecond)
                                                  + " s ahead of the exchange's clock ("
                                                  + formatTimestamp(now) + ")")
                               .toString());
    }
    return batch;
}

} // namespace bwx::quality
