#include "bwx/quality/path_selection.h"

#include <map>

namespace bwx::quality {

std::optional<PathKey>
coveringPath(std::span<const PathKey> paths, MemberId seller, const net::Prefix &destination)
{
    std::optional<PathKey> best;
    for (const PathKey &path : paths) {
        if (path.seller != seller || !path.destination.contains(destination))
            continue;
        if (!best || path.destination.length() > best->destination.length())
            best = path;
    }
    return best;
}

std::vector<PathKey> coveringPaths(std::span<const PathKey> paths, const net::Prefix &destination)
{
    std::map<MemberId, PathKey> best;
    for (const PathKey &path : paths) {
        if (!path.destination.contains(destination))
            continue;
        const auto [it, inserted] = best.emplace(path.seller, path);
        if (!inserted && path.destination.length() > it->second.destination.length())
            it->second = path;
    }
    std::vector<PathKey> out;
    out.reserve(best.size());
    for (const auto &[seller, path] : best)
        out.push_back(path);
    return out;
}

} // namespace bwx::quality
