#include "bwx/quality/matrix_query.h"

#include "bwx/quality/path_selection.h"
#include "bwx/quality/wire_records.h"

#include <set>

namespace bwx::quality {

MatrixAnswer answerMatrix(const QualityDb &db,
                          std::span<const net::Prefix> destinations,
                          std::span<const PathKey> expected,
                          Timestamp now,
                          const MatrixLimits &limits)
{
    std::vector<PathKey> paths = db.paths();
    paths.insert(paths.end(), expected.begin(), expected.end());
    proto::QualityMatrix matrix;
    std::set<net::Prefix> seen;
    for (const net::Prefix &destination : destinations) {
        if (!seen.insert(destination).second)
            continue;
        for (const PathKey &path : coveringPaths(paths, destination)) {
            if (matrix.cells.size() == limits.maxCells)
                return proto::Result{proto::ResultCode::InvalidFieldValue,
                                     "query_quality_matrix: more than "
                                         + std::to_string(limits.maxCells)
                                         + " cells; ask for fewer destinations"};
            matrix.cells.push_back(toCell(db.currentFigure(path, now), destination));
        }
    }
    return matrix;
}

} // namespace bwx::quality
