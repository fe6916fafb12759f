#include "bwx/bgp/decoration.h"

#include <algorithm>

namespace bwx::bgp {

void decorateLargeCommunities(const PathAttributes &set,
                              const Decoration &decoration,
                              std::vector<LargeCommunity> &out)
{
    out.clear();
    out.reserve(set.largeCommunities.size() + decoration.add.size());
    for (const LargeCommunity &c : set.largeCommunities)
        if (decoration.dropGlobal == 0 || c.global != decoration.dropGlobal)
            out.push_back(c);
    out.insert(out.end(), decoration.add.begin(), decoration.add.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

PathAttributes decorated(const PathAttributes &set, const Decoration &decoration)
{
    PathAttributes out = set;
    if (out.hasRare()) {
        RareAttributes &rare = out.mutableRare();
        rare.localPref.reset();
        rare.originatorId.reset();
        rare.clusterList = {};
        out.dropEmptyRare();
    }
    decorateLargeCommunities(set, decoration, out.largeCommunities);
    // Built at its final size: such a set may live as long as the export it describes.
    out.largeCommunities.shrink_to_fit();
    return out;
}

} // namespace bwx::bgp
