// Fuzz target for the measurement CSV: rows or a refusal naming the line (and column, for a bad
// value), never a crash; and every accepted file survives writing out and reading back unchanged.
#include "bwx/quality/csv_import.h"
#include "quality_fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx::quality;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const ImportResult result = importQualityCsv(text);
    if (!result.ok()) {
        const ImportError &e = result.error();
        if (e.reason.empty() || !e.path.empty() || e.column != 0 || e.line > size + 1)
            std::abort();
        if (!e.field.empty() && e.line == 0)
            std::abort();
        return 0;
    }
    bwx::test::checkBatch(result, {});
    const auto &rows = result.batch().measurements;
    const ImportResult again = importQualityCsv(formatQualityCsv(rows));
    if (!again.ok() || again.batch().measurements != rows)
        std::abort();
    return 0;
}
