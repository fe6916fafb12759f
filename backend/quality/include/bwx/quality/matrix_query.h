#pragma once
// The answer to QueryQualityMatrix: the current figure of every seller toward every destination
// asked for. A row is a destination as asked; each seller's cell holds the figure of its most
// specific path containing it (path_selection.h), computed now from the database. Sellers the
// exchange expects to serve a destination but has no data for yet (`expected`: paths derived
// from open sell orders and trades) get a cell in state unknown, so "not measured" is visible
// rather than missing.
#include "bwx/proto/messages.h"
#include "bwx/quality/quality_db.h"

#include <span>
#include <variant>

namespace bwx::quality {

struct MatrixLimits
{
    std::size_t maxCells = 10'000; // about 0.5 MB on the wire
};

using MatrixAnswer = std::variant<proto::QualityMatrix, proto::Result>;

// Cells by destination (in the order given, duplicates once), then seller id.
MatrixAnswer answerMatrix(const QualityDb &db,
                          std::span<const net::Prefix> destinations,
                          std::span<const PathKey> expected,
                          Timestamp now,
                          const MatrixLimits &limits = {});

} // namespace bwx::quality
