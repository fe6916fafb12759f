#pragma once
// What every quality import fuzz target checks: a refusal carries a reason and a place of the kind
// its format uses; an accepted file holds only measurements that keep the invariants the quality
// database relies on.
#include "bwx/quality/import_error.h"

#include <cstdlib>

namespace bwx::test {

// JSON importers: a syntax error has a line and column and no pointer; a content error has a
// pointer (and, in a one-result-per-line file, the line).
inline void checkJsonError(const quality::ImportError &e, std::size_t size)
{
    if (e.reason.empty() || !e.field.empty() || e.line > size + 1)
        std::abort();
    const bool syntax = e.line > 0 && e.column > 0 && e.path.empty();
    const bool content = e.column == 0 && (e.path.empty() ? e.line > 0 : e.path.front() == '/');
    const bool whole = e.line == 0 && e.column == 0 && e.path.empty(); // e.g. an empty file
    if (!syntax && !content && !whole)
        std::abort();
}

inline void checkBatch(const quality::ImportResult &result, std::string_view source)
{
    for (const quality::Measurement &m : result.batch().measurements) {
        if (quality::checkMeasurement(m) || m.ownProbe() || (!source.empty() && m.source != source))
            std::abort();
    }
    for (const std::string &note : result.batch().skipped) {
        if (note.empty())
            std::abort();
    }
}

} // namespace bwx::test
