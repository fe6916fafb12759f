#pragma once
// IRR route and route6 objects, read from RPSL text (RFC 2622 as IRR databases export it):
//
//   route:   203.0.113.0/24          # the object class is its first attribute
//   descr:   Example
//   origin:  AS64500
//   mnt-by:  MAINT-EXAMPLE
//   source:  RADB
//
// Objects are separated by blank (or whitespace-only) lines. A line starting with space, tab
// or '+' continues the previous attribute. Lines starting with '#' or '%' are comments; '#'
// also starts a comment at the end of a value. Attribute names are case-insensitive. Objects
// of other classes (aut-num, as-set, mntner...) are checked for syntax and skipped. A route
// object needs exactly one "route:" (IPv4) or "route6:" (IPv6) and exactly one "origin:".
#include "bwx/expected.h"
#include "bwx/net/prefix.h"
#include "bwx/registry/data_error.h"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::registry {

struct IrrRoute
{
    net::Prefix prefix;
    std::uint32_t origin = 0;
    friend auto operator<=>(const IrrRoute &, const IrrRoute &) = default;
};

// A complete IRR data set: sorted, without duplicates (the same object is often registered
// in several databases).
class IrrSet
{
public:
    IrrSet() = default;
    static IrrSet make(std::vector<IrrRoute> routes);

    const std::vector<IrrRoute> &entries() const noexcept { return m_routes; }
    std::size_t size() const noexcept { return m_routes.size(); }
    bool empty() const noexcept { return m_routes.empty(); }
    std::uint64_t contentHash() const noexcept { return m_hash; }

    friend bool operator==(const IrrSet &a, const IrrSet &b) { return a.m_routes == b.m_routes; }

private:
    std::vector<IrrRoute> m_routes;
    std::uint64_t m_hash = 0;
};

// The whole file or the first problem, with its 1-based line.
Parsed<IrrSet> parseRpsl(std::string_view text);
// One route/route6 object per entry; parseRpsl reads it back.
std::string formatRpsl(const IrrSet &set);

} // namespace bwx::registry
