#include "bwx/quality/target_map.h"

namespace bwx::quality {

std::optional<std::string> TargetMap::add(const net::Address &target, const PathKey &path)
{
    if (!path.destination.contains(target))
        return target.toString() + " is not inside " + path.destination.toString();
    const auto [it, inserted] = m_paths.emplace(target, path);
    if (!inserted && !(it->second == path))
        return target.toString() + " is already mapped to " + toString(it->second);
    return std::nullopt;
}

Expected<TargetMap> TargetMap::parse(std::span<const std::string> entries)
{
    TargetMap map;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string_view entry = entries[i];
        const std::string where = "target mapping " + std::to_string(i + 1) + " "
                                  + net::detail::quoteInput(entry) + ": ";
        const std::size_t eq = entry.find('=');
        if (eq == std::string_view::npos)
            return makeError(where + "expected ADDRESS=SELLER:PREFIX");
        const auto address = net::Address::parse(entry.substr(0, eq));
        if (!address)
            return makeError(where + address.error());
        const auto path = parsePathKey(entry.substr(eq + 1));
        if (!path)
            return makeError(where + path.error());
        if (auto bad = map.add(*address, *path))
            return makeError(where + *bad);
    }
    return map;
}

std::optional<PathKey> TargetMap::find(const net::Address &target) const
{
    const auto it = m_paths.find(target);
    if (it == m_paths.end())
        return std::nullopt;
    return it->second;
}

TargetLookup TargetMap::lookup() const
{
    return [map = *this](const net::Address &target) {
        return map.find(target);
    };
}

TargetLookup singlePath(const PathKey &path)
{
    return [path](const net::Address &target) -> std::optional<PathKey> {
        if (!path.destination.contains(target))
            return std::nullopt;
        return path;
    };
}

} // namespace bwx::quality
