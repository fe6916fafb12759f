#include "bwx/registry/data_error.h"

namespace bwx::registry {

std::string DataError::toString() const
{
    std::string where;
    if (line > 0) {
        where = "line " + std::to_string(line);
        if (column > 0)
            where += ", column " + std::to_string(column);
    } else if (!path.empty()) {
        where = path;
    } else {
        where = "top level";
    }
    return where + ": " + reason;
}

} // namespace bwx::registry
