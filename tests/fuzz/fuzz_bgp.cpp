// Fuzz target for the BGP codec. The first input byte picks the session parameters (4-octet AS,
// external, IPv6, extended messages); the rest is a stream of BGP messages. Every input must
// decode to a result without reading outside the buffer, and whatever decodes cleanly must
// re-encode to messages that decode to the same thing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "bwx/bgp/codec.h"

namespace {

using namespace bwx::bgp;

[[noreturn]] void fail()
{
    std::abort();
}

// Decodes a byte stream of UPDATEs produced by the encoder; every message must be whole and
// clean.
void decodeAll(const std::vector<std::uint8_t> &bytes,
               const SessionParameters &s,
               std::vector<bwx::net::Prefix> &announced,
               std::vector<bwx::net::Prefix> &withdrawn,
               PathAttributes *attributes,
               bwx::net::OptionalAddress *mpNextHop)
{
    std::size_t at = 0;
    Update u;
    while (at < bytes.size()) {
        const FrameCheck f = checkFrame(std::span(bytes).subspan(at), s.maxMessageSize);
        if (f.status != FrameStatus::Complete || f.type != MessageType::Update)
            fail();
        decodeUpdate(std::span(bytes).subspan(at + kHeaderSize, f.length - kHeaderSize), s, u);
        if (u.action != ErrorAction::None)
            fail();
        announced.insert(announced.end(), u.announced.begin(), u.announced.end());
        announced.insert(announced.end(), u.mpAnnounced.begin(), u.mpAnnounced.end());
        withdrawn.insert(withdrawn.end(), u.withdrawn.begin(), u.withdrawn.end());
        if (attributes && (!u.announced.empty() || !u.mpAnnounced.empty())) {
            *attributes = u.attributes;
            if (!u.mpAnnounced.empty()) {
                attributes->nextHop = u.mpNextHop;
                attributes->mutableRare().linkLocalNextHop = u.mpLinkLocalNextHop;
            }
        }
        (void)mpNextHop;
        at += f.length;
    }
}

void checkGroup(const PathAttributes &attrs,
                const std::vector<bwx::net::Prefix> &prefixes,
                const SessionParameters &s)
{
    if (prefixes.empty())
        return;
    std::vector<std::uint8_t> out;
    if (encodeAnnouncements(attrs, prefixes, s, out) == 0)
        return; // attributes too large for one message on this session
    std::vector<bwx::net::Prefix> again, none;
    PathAttributes decoded;
    decodeAll(out, s, again, none, &decoded, nullptr);
    if (again != prefixes || !none.empty())
        fail();
    PathAttributes expected = attrs;
    for (RawAttribute &r : expected.mutableRare().unknown)
        r.flags |= attr::FlagPartial;
    if (s.external) {
        expected.mutableRare().localPref.reset();
        expected.mutableRare().originatorId.reset();
        expected.mutableRare().clusterList.clear();
    }
    if (!(decoded == expected))
        fail();
}

void roundTripUpdate(const Update &u, const SessionParameters &s)
{
    if (u.action == ErrorAction::TreatAsWithdraw || u.action == ErrorAction::SessionReset)
        return;
    // Withdrawals.
    if (!u.withdrawn.empty()) {
        std::vector<std::uint8_t> out;
        encodeWithdrawals(u.withdrawn, s, out);
        std::vector<bwx::net::Prefix> a, w;
        decodeAll(out, s, a, w, nullptr, nullptr);
        std::vector<bwx::net::Prefix> v4, v6;
        for (const auto &p : u.withdrawn)
            (p.family() == bwx::net::Family::V4 ? v4 : v6).push_back(p);
        v4.insert(v4.end(), v6.begin(), v6.end());
        if (w != v4 || !a.empty())
            fail();
    }
    // Path attributes are only reproducible where the 4-octet path is carried as is.
    if (!s.fourOctetAs)
        return;
    checkGroup(u.attributes, u.announced, s);
    if (!u.mpAnnounced.empty()) {
        PathAttributes mp = u.attributes;
        mp.nextHop = u.mpNextHop;
        mp.mutableRare().linkLocalNextHop = u.mpLinkLocalNextHop;
        checkGroup(mp, u.mpAnnounced, s);
    }
}

void oneMessage(MessageType type, std::span<const std::uint8_t> body, const SessionParameters &s)
{
    switch (type) {
    case MessageType::Open: {
        const OpenResult r = decodeOpen(body);
        if (r.open) {
            std::vector<std::uint8_t> out;
            encodeOpen(*r.open, out);
            const OpenResult again = decodeOpen(std::span(out).subspan(kHeaderSize));
            if (!again.open || !(*again.open == *r.open))
                fail();
        }
        return;
    }
    case MessageType::Update: {
        Update u;
        decodeUpdate(body, s, u);
        if ((u.action == ErrorAction::SessionReset) != u.notification.has_value())
            fail();
        roundTripUpdate(u, s);
        return;
    }
    case MessageType::Notification: {
        const Notification n = decodeNotification(body);
        (void)n.toString();
        std::vector<std::uint8_t> out;
        encodeNotification(n, out);
        if (!(decodeNotification(std::span(out).subspan(kHeaderSize)) == n))
            fail();
        return;
    }
    case MessageType::RouteRefresh: {
        if (auto r = decodeRouteRefresh(body)) {
            std::vector<std::uint8_t> out;
            encodeRouteRefresh(*r, out);
            if (!(*decodeRouteRefresh(std::span(out).subspan(kHeaderSize)) == *r))
                fail();
        }
        return;
    }
    case MessageType::Keepalive: return;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    SessionParameters s;
    s.fourOctetAs = (data[0] & 1) == 0;
    s.external = (data[0] & 2) == 0;
    s.ipv6Unicast = (data[0] & 4) == 0;
    s.maxMessageSize = (data[0] & 8) ? kMaxExtendedMessageSize : kMaxMessageSize;
    const std::span<const std::uint8_t> stream(data + 1, size - 1);

    // The stream as a connection would see it.
    std::size_t at = 0;
    while (at < stream.size()) {
        const FrameCheck f = checkFrame(stream.subspan(at), s.maxMessageSize);
        if (f.status == FrameStatus::Error) {
            if (f.error.code != 1)
                fail();
            break;
        }
        if (f.status == FrameStatus::Incomplete)
            break;
        if (f.length < kHeaderSize || at + f.length > stream.size())
            fail();
        oneMessage(f.type, stream.subspan(at + kHeaderSize, f.length - kHeaderSize), s);
        at += f.length;
    }
    // The raw bytes as an UPDATE body too: the decoder must cope without a valid header.
    Update u;
    decodeUpdate(stream, s, u);
    return 0;
}
