#pragma once
// Where the arbiter's decisions go: the routing service maps a receiving member to its BGP
// sessions and calls BgpSpeaker::announce / withdraw (each session's Adj-RIB-Out).
#include "bwx/bgp/decoration.h"
#include "bwx/domain/ids.h"
#include "bwx/net/prefix.h"

#include <utility>
#include <vector>

namespace bwx::arbiter {

class ExportSink
{
public:
    virtual ~ExportSink() = default;
    // Routes the member must now receive with exactly these attributes, decorated (new or
    // changed).
    virtual void announce(MemberId receiver, std::vector<bgp::OutboundRoute> routes) = 0;
    // Routes the member must no longer receive.
    virtual void withdraw(MemberId receiver, std::vector<net::Prefix> prefixes) = 0;
};

} // namespace bwx::arbiter
