#pragma once
// Where the arbiter's decisions go: the routing service maps a receiving member to its BGP
// sessions and tells them which prefixes changed; the sessions then read the routes from the
// arbiter, which is their outbound source (bwx/bgp/outbound_source.h).
#include "bwx/bgp/outbound_source.h"
#include "bwx/domain/ids.h"

#include <memory>

namespace bwx::arbiter {

class ExportSink
{
public:
    virtual ~ExportSink() = default;
    // What the member receives changed at these prefixes (each listed once): a route is
    // exported there now, or another one, or none any more (a withdrawal; only prefixes that
    // were exported at an earlier flush are listed for that). The routes are read with
    // Arbiter::outboundRoute(). Returns whether they will be read later, not during the call:
    // then the arbiter keeps the member routes it has read (its memo) until
    // Arbiter::outboundDrained(), so that the reads are answered from it.
    virtual bool changed(MemberId receiver, std::shared_ptr<const bgp::PrefixList> prefixes) = 0;
};

} // namespace bwx::arbiter
