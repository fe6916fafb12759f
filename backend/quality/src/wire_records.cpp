#include "bwx/quality/wire_records.h"

#include <algorithm>
#include <limits>

namespace bwx::quality {

bool isSourceOfFamily(std::string_view tag, std::string_view family) noexcept
{
    if (!tag.starts_with(family))
        return false;
    return tag.size() == family.size() || tag[family.size()] == '-' || tag[family.size()] == '.';
}

proto::QualitySource wireSource(std::string_view source) noexcept
{
    if (isOwnSource(source))
        return proto::QualitySource::Probe;
    if (isSourceOfFamily(source, sources::kRipeAtlas))
        return proto::QualitySource::RipeAtlas;
    if (isSourceOfFamily(source, sources::kIrtt))
        return proto::QualitySource::Irtt;
    return proto::QualitySource::Csv;
}

proto::QualityState wireState(const QualityFigure &figure) noexcept
{
    switch (figure.state) {
    case FigureState::Unknown:
        return proto::QualityState::Unknown;
    case FigureState::Unreachable:
        return proto::QualityState::Unreachable;
    case FigureState::Measured:
        break;
    }
    return figure.stale ? proto::QualityState::Stale : proto::QualityState::Fresh;
}

proto::QualityFigure toWireFigure(const QualityFigure &figure)
{
    proto::QualityFigure out;
    out.seller = figure.path.seller;
    out.destination = figure.path.destination;
    out.state = wireState(figure);
    if (figure.state == FigureState::Measured) {
        out.latencyUs = figure.latencyUs;
        out.lossPpm = figure.lossPpm;
        out.jitterUs = figure.jitterUs;
    } else if (figure.state == FigureState::Unreachable) {
        out.lossPpm = kAllLostPpm;
    }
    return out;
}

proto::QualityCell toCell(const QualityFigure &figure, const net::Prefix &destination)
{
    const proto::QualityFigure wire = toWireFigure(figure);
    proto::QualityCell cell;
    cell.seller = figure.path.seller;
    cell.destination = destination;
    cell.latencyUs = wire.latencyUs;
    cell.lossPpm = wire.lossPpm;
    cell.jitterUs = wire.jitterUs;
    cell.distance = figure.distance;
    cell.state = wire.state;
    cell.source = figure.known() ? wireSource(figure.source) : proto::QualitySource::Probe;
    cell.measuredAt = figure.known() ? figure.measuredAt : Timestamp{};
    return cell;
}

namespace {

std::uint32_t clampU32(std::uint64_t value)
{
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(value, std::numeric_limits<std::uint32_t>::max()));
}

} // namespace

proto::QualityPoint toPoint(const PathKey &path, const RollupRow &row, proto::QualitySource source)
{
    proto::QualityPoint point;
    point.seller = path.seller;
    point.destination = path.destination;
    point.time = row.bucket;
    point.latencyP50Us = row.latencyP50Us.value_or(0);
    point.latencyP95Us = row.latencyP95Us.value_or(0);
    point.lossPpm = row.lossMeanPpm;
    point.jitterUs = row.jitterMeanUs.value_or(0);
    point.samples = clampU32(row.samples);
    point.source = source;
    return point;
}

proto::QualityPoint toPoint(const Measurement &sample)
{
    proto::QualityPoint point;
    point.seller = sample.path.seller;
    point.destination = sample.path.destination;
    point.time = sample.time;
    point.latencyP50Us = sample.latencyUs.value_or(0);
    point.latencyP95Us = sample.latencyUs.value_or(0);
    point.lossPpm = sample.lossPpm;
    point.jitterUs = sample.jitterUs.value_or(0);
    point.samples = 1;
    point.source = wireSource(sample.source);
    return point;
}

} // namespace bwx::quality
