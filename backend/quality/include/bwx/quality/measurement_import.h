#pragma once
// An ImportMeasurements request turned into a batch for the database, or refused with
// invalid_import naming the place in the file and the reason — never a part of a file.
//
// - RIPE Atlas and irtt files name only the addresses they measured: the request's seller (not 0)
//   and destination say which path that was, and every measured address must lie inside the
//   destination. `source` is empty (the tag is "ripe-atlas" / "irtt") or a tag of that family
//   ("ripe-atlas-eu", "irtt.lab1"), so the protocol still tells the data's kind.
// - CSV files name seller, destination and source on every row: the request's seller must be 0;
//   a non-empty `source` must be the source of every row (a guard against importing the wrong
//   file).
// - A measurement stamped more than `maxFutureSkew` after `now` refuses the file, at the place
//   its time was read.
#include "bwx/proto/messages.h"
#include "bwx/quality/import_error.h"

#include <string>
#include <variant>

namespace bwx::quality {

using ImportAnswer = std::variant<ImportBatch, proto::Result>;

ImportAnswer prepareImport(const proto::ImportMeasurements &request,
                           Timestamp now,
                           Duration maxFutureSkew);

// "RIPE Atlas", "irtt", "CSV".
std::string_view formatName(proto::MeasurementFormat format) noexcept;

} // namespace bwx::quality
