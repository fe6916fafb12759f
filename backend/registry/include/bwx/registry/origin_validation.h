#pragma once
// Route origin validation against RPKI VRPs (RFC 6811) and IRR route objects, each over a
// prefix trie of its data set so a lookup walks only the entries covering the route.
#include "bwx/net/prefix.h"
#include "bwx/net/prefix_trie.h"
#include "bwx/registry/reason.h"
#include "bwx/registry/rpsl.h"
#include "bwx/registry/vrp.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bwx::registry {

namespace detail {
// A run of a sorted data set's entries that share one prefix.
struct EntryRange
{
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
};
} // namespace detail

class RpkiValidator
{
public:
    RpkiValidator() = default;
    explicit RpkiValidator(VrpSet set);

    const VrpSet &set() const noexcept { return m_set; }

    // RFC 6811 section 2: Valid when a covering VRP has the route's origin (never AS0) and a
    // maxLength >= the route's length; Invalid when VRPs cover it but none matches; NotFound
    // when none covers it. `origin` nullopt is "NONE" (empty path or final AS_SET).
    RpkiState validate(const net::Prefix &route, std::optional<std::uint32_t> origin) const;
    // The VRPs covering the route, shortest prefix first (for explanations).
    std::vector<Vrp> covering(const net::Prefix &route) const;

    std::size_t memoryUsage() const noexcept;

private:
    VrpSet m_set;
    net::PrefixMap<detail::EntryRange> m_index;
};

class IrrValidator
{
public:
    IrrValidator() = default;
    explicit IrrValidator(IrrSet set);

    const IrrSet &set() const noexcept { return m_set; }

    // The objects considered are those with exactly the route's prefix, plus, when
    // `allowMoreSpecifics`, those with a less specific prefix containing it. Valid when one of
    // them has the route's origin, Invalid when some exist but none has it, NotFound when
    // there are none. An unknown origin (nullopt) is never Valid.
    IrrState validate(const net::Prefix &route,
                      std::optional<std::uint32_t> origin,
                      bool allowMoreSpecifics) const;
    std::vector<IrrRoute> considered(const net::Prefix &route, bool allowMoreSpecifics) const;

    std::size_t memoryUsage() const noexcept;

private:
    IrrSet m_set;
    net::PrefixMap<detail::EntryRange> m_index;
};

} // namespace bwx::registry
