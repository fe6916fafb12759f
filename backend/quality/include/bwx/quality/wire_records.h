#pragma once
// The quality database's figures in the protocol's records (bwx/proto/records.h): what the market
// receives in a QualityBatch, a cell of the quality matrix and a point of a series. The wire keeps
// four kinds of source; a source tag is classified by its name (docs/quality.md, "In the
// protocol").
#include "bwx/proto/records.h"
#include "bwx/quality/measurement.h"
#include "bwx/quality/quality_figure.h"
#include "bwx/quality/rollup.h"

#include <string_view>

namespace bwx::quality {

// probe-icmp / probe-udp: Probe; "ripe-atlas" and tags starting "ripe-atlas-" or "ripe-atlas.":
// RipeAtlas; likewise "irtt": Irtt; anything else (CSV imports from other tools): Csv.
proto::QualitySource wireSource(std::string_view source) noexcept;
// True when `tag` is `family` itself or starts with "family-" / "family.".
bool isSourceOfFamily(std::string_view tag, std::string_view family) noexcept;

// Unknown, Unreachable, else Stale or Fresh.
proto::QualityState wireState(const QualityFigure &figure) noexcept;

// What the market matches against (latency 0 unless measured; loss 1'000'000 when unreachable).
proto::QualityFigure toWireFigure(const QualityFigure &figure);
// A matrix cell for `destination` (the row asked for; the figure may be of a covering prefix).
proto::QualityCell toCell(const QualityFigure &figure, const net::Prefix &destination);

// A rollup bucket as a series point; a bucket where nothing answered has latency 0 and loss
// 1'000'000.
proto::QualityPoint toPoint(const PathKey &path, const RollupRow &row, proto::QualitySource source);
// One raw sample as a point (its latency is p50 and p95, samples = 1).
proto::QualityPoint toPoint(const Measurement &sample);

} // namespace bwx::quality
