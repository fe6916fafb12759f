#pragma once
// Text for quality figures and route facts: latency in milliseconds with one decimal and loss
// in ppm, computed with integers so the text is exactly the figure the exchange sent.
#include "models/askranking.h"

#include <QString>
#include <bwx/proto/messages.h>
#include <vector>

namespace bwx::terminal::format {

QString latency(std::uint32_t microseconds); // "4.2 ms"
QString loss(std::uint32_t ppm);             // "50 ppm"
QString distance(std::uint8_t asHops);       // "2 AS hops"; "—" for 0 (no route known)
QString freshness(QualityFreshness value);
// A latency / loss limit of an order: "—" for 0 (no limit).
QString latencyLimit(std::uint32_t microseconds);
QString lossLimit(std::uint32_t ppm);
QString distanceLimit(std::uint8_t asHops);
QString weights(const bwx::proto::RankingWeights &weights);

// The quality of one or more sells as a table cell: the range of the fresh figures; without
// any, the stale ones marked "(stale)"; "unreachable"; or "—" when nothing was measured.
QString latencyCell(const std::vector<bwx::proto::BookEntry> &entries);
QString lossCell(const std::vector<bwx::proto::BookEntry> &entries);

// What the cell is based on: Fresh when any entry is fresh, then Stale, Unreachable, Unknown.
QualityFreshness cellFreshness(const std::vector<bwx::proto::BookEntry> &entries);

QString routeClass(RouteClass value);
QString bgpState(bwx::proto::BgpState value);
QString validationState(bwx::proto::ValidationState value);
// "1d 02:03:04" / "02:03:04"
QString duration(std::int64_t seconds);

} // namespace bwx::terminal::format
