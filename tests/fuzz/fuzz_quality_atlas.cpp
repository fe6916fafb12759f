// Fuzz target for the RIPE Atlas ping importer: any byte string gives measurements or a located
// refusal (never a crash), and whatever is accepted keeps the database's invariants.
#include "bwx/quality/atlas_import.h"
#include "quality_fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx;
    using namespace bwx::quality;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    // Every address maps (to its family's default route of seller 1), except those ending in
    // 7, so both the mapped and the unmapped paths run.
    const TargetLookup lookup = [](const net::Address &a) -> std::optional<PathKey> {
        if ((a.isV4() ? a.v4Value() : a.low()) % 10 == 7)
            return std::nullopt;
        return PathKey{MemberId(1), net::Prefix::makeTruncating(a, 0)};
    };
    const ImportResult result = importAtlasPing(text, lookup);
    if (!result.ok())
        test::checkJsonError(result.error(), size);
    else
        test::checkBatch(result, sources::kRipeAtlas);
    return 0;
}
