// Fuzz target for the VRP JSON parser: any byte string gives a data set or a located error
// (never a crash), and every data set survives writing and reading back unchanged.
#include "bwx/registry/vrp.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx::registry;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const Parsed<VrpSet> parsed = parseVrpJson(text);
    if (!parsed.ok()) {
        const DataError &error = parsed.error();
        // Either a syntax error with a position inside (or just past) the text, or a content
        // error with a JSON path; always a reason.
        const bool syntax = error.line > 0 && error.column > 0 && error.path.empty();
        const bool content
            = error.line == 0 && (error.path.empty() || error.path.rfind("/roas", 0) == 0);
        if (error.reason.empty() || (!syntax && !content) || error.line > size + 1)
            std::abort();
        return 0;
    }
    for (const Vrp &vrp : parsed.value().entries()) {
        if (vrp.maxLength < vrp.prefix.length() || vrp.maxLength > vrp.prefix.maxLength())
            std::abort();
    }
    const Parsed<VrpSet> again = parseVrpJson(formatVrpJson(parsed.value()));
    if (!again.ok() || !(again.value() == parsed.value())
        || again.value().contentHash() != parsed.value().contentHash())
        std::abort();
    return 0;
}
