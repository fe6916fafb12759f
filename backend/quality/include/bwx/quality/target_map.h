#pragma once
// Which (seller, destination) a third-party measurement belongs to. An Atlas or irtt result names
// only the address it measured; the operator who imports it says which seller's path that was
// (an option per file, a list of ADDRESS=SELLER:PREFIX entries, or any lookup function).
#include "bwx/net/address.h"
#include "bwx/quality/path_key.h"

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bwx::quality {

using TargetLookup = std::function<std::optional<PathKey>(const net::Address &target)>;

class TargetMap
{
public:
    // The address must lie inside the destination; an address maps to one path only.
    [[nodiscard]] std::optional<std::string> add(const net::Address &target, const PathKey &path);

    // Entries "ADDRESS=SELLER:PREFIX", e.g. "198.51.100.1=7:198.51.100.0/24"; the error names the
    // entry (1-based) and what is wrong with it.
    static Expected<TargetMap> parse(std::span<const std::string> entries);

    std::optional<PathKey> find(const net::Address &target) const;
    std::size_t size() const noexcept { return m_paths.size(); }
    // A lookup holding a copy of the map.
    TargetLookup lookup() const;

private:
    std::map<net::Address, PathKey> m_paths;
};

// Every address inside the path's destination maps to that path: for a file known to hold
// measurements of one seller's path only.
TargetLookup singlePath(const PathKey &path);

} // namespace bwx::quality
