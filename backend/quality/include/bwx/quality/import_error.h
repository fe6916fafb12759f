#pragma once
// What an importer hands back: every measurement of the file, or the first thing wrong with it and
// where — never part of a file. Some records carry no measurement at all (an Atlas probe that sent
// nothing); they are listed in `skipped` with the reason, and are not errors.
#include "bwx/quality/measurement.h"

#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bwx::quality {

struct ImportError
{
    std::size_t line = 0;   // 1-based; CSV rows, NDJSON records and JSON syntax errors
    std::size_t column = 0; // 1-based; JSON syntax errors only
    std::string field;      // CSV column name
    std::string path;       // JSON pointer (RFC 6901) of the offending value
    std::string reason;

    // "line 4, field latency_us: ...", "line 2, column 7: ...", "/3/result/1/rtt: ...",
    // "line 5, /result/0/rtt: ..." (NDJSON).
    std::string toString() const;
    friend bool operator==(const ImportError &, const ImportError &) = default;
};

// Where a value was read: a CSV line and column name, an NDJSON line, a JSON pointer.
struct ImportLocation
{
    std::size_t line = 0;
    std::string field;
    std::string path;
    friend bool operator==(const ImportLocation &, const ImportLocation &) = default;
};

struct ImportBatch
{
    std::vector<Measurement> measurements;
    std::vector<std::string> skipped; // "where: why", one per record that held no measurement
    // Where each measurement's time was read, one per measurement: a check the importer cannot
    // make itself (a time ahead of the exchange's clock) still names its place in the file.
    std::vector<ImportLocation> timeLocations;

    ImportError timeError(std::size_t index, std::string reason) const;
};

class ImportResult
{
public:
    ImportResult(ImportBatch batch)
        : m_batch(std::move(batch))
    {}
    ImportResult(ImportError error)
        : m_error(std::move(error))
    {}

    bool ok() const noexcept { return m_batch.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    const ImportBatch &batch() const &
    {
        assert(ok());
        return *m_batch;
    }
    ImportBatch &&batch() &&
    {
        assert(ok());
        return std::move(*m_batch);
    }
    const ImportError &error() const
    {
        assert(!ok());
        return m_error;
    }

private:
    std::optional<ImportBatch> m_batch;
    ImportError m_error;
};

} // namespace bwx::quality
