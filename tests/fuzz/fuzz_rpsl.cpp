// Fuzz target for the RPSL parser: any byte string gives a data set or an error on a line of
// the input (never a crash), and every data set survives writing and reading back unchanged.
#include "bwx/registry/rpsl.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx::registry;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const Parsed<IrrSet> parsed = parseRpsl(text);
    if (!parsed.ok()) {
        const std::size_t lines
            = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        const DataError &error = parsed.error();
        if (error.reason.empty() || error.line == 0 || error.line > lines || !error.path.empty())
            std::abort();
        return 0;
    }
    const Parsed<IrrSet> again = parseRpsl(formatRpsl(parsed.value()));
    if (!again.ok() || !(again.value() == parsed.value()))
        std::abort();
    return 0;
}
