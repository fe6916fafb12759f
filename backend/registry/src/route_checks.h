#pragma once
// The validation of one route, in the documented order, and the text that explains a failed
// check. Pure functions of the route, its member and the validation data, so revalidation after
// a reload gives exactly what a fresh announcement would.
#include "bwx/net/prefix_trie.h"
#include "bwx/registry/bogons.h"
#include "bwx/registry/config.h"
#include "bwx/registry/member.h"
#include "bwx/registry/origin_validation.h"
#include "bwx/registry/reason.h"
#include "bwx/registry/route_input.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bwx::registry::detail {

// The active bogon entries (documentation entries dropped when they are allowed) in a trie, so
// the most specific entry containing a route decides.
class BogonIndex
{
public:
    BogonIndex() = default;
    BogonIndex(const std::vector<BogonEntry> &entries, bool allowDocumentation);

    // The entry that makes the route a bogon, or nullptr.
    const BogonEntry *match(const net::Prefix &route) const;

private:
    std::vector<BogonEntry> m_entries;
    net::PrefixMap<std::uint32_t> m_index;
};

struct CheckContext
{
    const RegistryConfig &config;
    const BogonIndex &bogons;
    const RpkiValidator &rpki;
    const IrrValidator &irr;
};

struct Verdict
{
    Reason reason = Reason::None;
    std::uint8_t routeClass = 0; // a RouteClass value; 0 when the communities leave it undecided
    RpkiState rpki = RpkiState::NotFound;
    IrrState irr = IrrState::NotFound;
    friend bool operator==(const Verdict &, const Verdict &) = default;
};

// `member` must be canonical (ASNs and routers sorted).
Verdict validateRoute(const CheckContext &context,
                      const MemberConfig &member,
                      const net::Prefix &prefix,
                      const RouteAttributesView &attributes);

// Why the route fails `reason`'s check, in words for the member's NOC.
std::string explainReason(const CheckContext &context,
                          const MemberConfig &member,
                          const net::Prefix &prefix,
                          const RouteAttributesView &attributes,
                          Reason reason);

} // namespace bwx::registry::detail
