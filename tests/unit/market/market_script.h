#pragma once
// A small language for market scenarios, so that each rule reads as a table row:
//
//   member alice                       add a member (asn=, port=, display= optional)
//   alice sell 10.0.0.0/8 price=100 cap=10 block=1 tif=gtc type=limit clid=7 start=0 end=3600
//         expire=60 traffic=be|premium|realtime|any dest=asn:64500|class:customer
//   bob cancel 2 | bob cancel clid=7 | bob amend 2 price=90 cap=4 | bob masscancel buy
//         loss=PPM distance=N ranking=price|performance|weighted wprice= wlatency= wloss=
//         wdistance=
//   bob take 3 10.1.0.0/24 cap=2 price=100 tif=ioc|fok   buy from sell order 3 (TakeOrder)
//   bob canceltrade 1 | admin canceltrade 1   CancelTrade from a member / an admin session
//   bob cod on|off                     cancel-on-disconnect; closed bob: its last session ended
//   route alice announce|withdraw|replace 10.0.0.0/8 class=customer|peer|transit origin=N path=N
//   route alice clear | quality alice 10.0.0.0/8 latency=US loss=PPM
//   state=fresh|stale|unreachable|unknown limits alice port=KBPS maxcap=KBPS exposure=MICRO cod=0|1
//   | configure routes=0|1 maxopen=N maxcap=N suspend bob | activate bob | tick 3600 | at 120 >
//   rejected invalid_price "text"    the previous command was rejected (else it must succeed) >
//   order 2 status=filled filled=5 remaining=0 reason=ok > trade 1 buy=2 sell=1 price=100 cap=5
//   state=active > trades 1 | > open 3 | > book 10.1.0.0/16 bids=2,3 asks=1 | > prefixes 10.0.0.0/8
//   > events trade update book- reply book+   the kinds of events of the previous command
//   > watch 10.1.0.0/16 bid=120 bids=1 biddepth=5 ask=100 asks=1 askdepth=10 last=100
//   > notice alice port_capacity_exceeded order=4 | > member alice port=10 portused=4 cod=1
//   > candidates bob 10.1.2.0/24 price=100 cap=4 ranked=3,1 others=2:price_not_crossing
//
// Times are seconds after a fixed origin. Every command is applied to the engine and to the
// reference engine; their events must agree and checkInvariants() must pass after each step.
#include "bwx/market/engine.h"
#include "recording_events.h"
#include "reference_engine.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::market::testing {

class MarketScript
{
public:
    static constexpr std::int64_t kOrigin = 1'700'000'000; // seconds

    explicit MarketScript(EngineConfig config = {});

    // Runs the lines; returns "line N: what went wrong", or an empty string.
    std::string run(std::string_view script);

    Engine &engine() { return *m_engine; }
    const std::vector<Command> &journal() const { return m_journal; }

private:
    std::string step(const std::vector<std::string> &words);
    std::string expect(const std::vector<std::string> &words);
    std::string apply(MemberId member, proto::Message body);
    std::string newOrder(MemberId member, Side side, const std::vector<std::string> &words);
    // The order words from index `from` (the prefix is words[from - 1]) as parameters.
    std::string orderParams(MemberId member,
                            Side side,
                            const std::vector<std::string> &words,
                            std::size_t from,
                            proto::OrderParams &p);
    MemberId memberNamed(const std::string &name) const;

    EngineConfig m_config;
    std::unique_ptr<Engine> m_engine;
    ReferenceEngine m_reference;
    std::vector<Command> m_journal;
    std::vector<Event> m_last;
    bool m_unexpectedReject = false;
    std::uint64_t m_seq = 0;
    std::int64_t m_now = 0; // seconds after kOrigin
    std::map<std::uint32_t, std::uint64_t> m_nextClientId;
};

} // namespace bwx::market::testing
