// Fuzz target for the irtt JSON importer: measurements or a located refusal, never a crash.
#include "bwx/quality/irtt_import.h"
#include "quality_fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx;
    using namespace bwx::quality;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const TargetLookup lookup = [](const net::Address &a) -> std::optional<PathKey> {
        return PathKey{MemberId(3), net::Prefix::makeTruncating(a, a.isV4() ? 24 : 48)};
    };
    const ImportResult result = importIrtt(text, lookup);
    if (!result.ok()) {
        test::checkJsonError(result.error(), size);
        if (result.error().line > 0 && !result.error().path.empty())
            std::abort(); // one document: a content error has no line
    } else {
        test::checkBatch(result, sources::kIrtt);
        if (result.batch().measurements.size() > 1)
            std::abort();
    }
    return 0;
}
