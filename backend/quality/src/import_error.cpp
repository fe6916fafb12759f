#include "bwx/quality/import_error.h"

namespace bwx::quality {

std::string ImportError::toString() const
{
    std::string where;
    if (line > 0) {
        where = "line " + std::to_string(line);
        if (column > 0)
            where += ", column " + std::to_string(column);
    }
    if (!field.empty())
        where += (where.empty() ? "field " : ", field ") + field;
    if (!path.empty())
        where += (where.empty() ? "" : ", ") + path;
    if (where.empty())
        return reason;
    return where + ": " + reason;
}

ImportError ImportBatch::timeError(std::size_t index, std::string reason) const
{
    ImportError error;
    error.reason = std::move(reason);
    if (index < timeLocations.size()) {
        const ImportLocation &at = timeLocations[index];
        error.line = at.line;
        error.field = at.field;
        error.path = at.path;
    }
    return error;
}

} // namespace bwx::quality
