#include "bwx/bgp/messages.h"

#include <algorithm>
#include <cstdio>

namespace bwx::bgp {

bool Capabilities::hasFamily(AfiSafi f) const noexcept
{
    return std::find(multiprotocol.begin(), multiprotocol.end(), f) != multiprotocol.end();
}

Notification Notification::make(ErrorCode code, std::uint8_t subcode, std::vector<std::uint8_t> data)
{
    return Notification{static_cast<std::uint8_t>(code), subcode, std::move(data)};
}

Notification Notification::shutdown(std::uint8_t subcode, std::string_view message)
{
    // RFC 9003: a length octet and at most 255 octets of UTF-8.
    const std::size_t n = std::min<std::size_t>(message.size(), 255);
    std::vector<std::uint8_t> data;
    if (n > 0) {
        data.push_back(static_cast<std::uint8_t>(n));
        data.insert(data.end(), message.begin(), message.begin() + static_cast<std::ptrdiff_t>(n));
    }
    return make(ErrorCode::Cease, subcode, std::move(data));
}

Notification Notification::maxPrefix(AfiSafi family, std::uint32_t limit)
{
    std::vector<std::uint8_t> data{static_cast<std::uint8_t>(family.afi >> 8),
                                   static_cast<std::uint8_t>(family.afi), family.safi,
                                   static_cast<std::uint8_t>(limit >> 24),
                                   static_cast<std::uint8_t>(limit >> 16),
                                   static_cast<std::uint8_t>(limit >> 8),
                                   static_cast<std::uint8_t>(limit)};
    return make(ErrorCode::Cease, cease::MaxPrefixReached, std::move(data));
}

std::optional<std::string> Notification::shutdownMessage() const
{
    if (code != static_cast<std::uint8_t>(ErrorCode::Cease)
        || (subcode != cease::AdministrativeShutdown && subcode != cease::AdministrativeReset)
        || data.empty() || data[0] == 0 || std::size_t{data[0]} + 1 > data.size())
        return std::nullopt;
    std::string text(data.begin() + 1, data.begin() + 1 + data[0]);
    // Shown in logs and terminals: control characters are replaced, not interpreted.
    for (char &c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    return text;
}

namespace {

const char *codeName(std::uint8_t code)
{
    switch (code) {
    case 1: return "Message Header Error";
    case 2: return "OPEN Message Error";
    case 3: return "UPDATE Message Error";
    case 4: return "Hold Timer Expired";
    case 5: return "Finite State Machine Error";
    case 6: return "Cease";
    case 7: return "ROUTE-REFRESH Message Error";
    default: return "unknown error";
    }
}

const char *subcodeName(std::uint8_t code, std::uint8_t subcode)
{
    static const char *const header[] = {nullptr, "connection not synchronized",
                                         "bad message length", "bad message type"};
    static const char *const open[] = {nullptr, "unsupported version number", "bad peer AS",
                                       "bad BGP identifier", "unsupported optional parameter",
                                       nullptr, "unacceptable hold time",
                                       "unsupported capability"};
    static const char *const update[] = {nullptr, "malformed attribute list",
                                         "unrecognized well-known attribute",
                                         "missing well-known attribute", "attribute flags error",
                                         "attribute length error", "invalid ORIGIN attribute",
                                         nullptr, "invalid NEXT_HOP attribute",
                                         "optional attribute error", "invalid network field",
                                         "malformed AS_PATH"};
    static const char *const fsm[] = {nullptr, "unexpected message in OpenSent",
                                      "unexpected message in OpenConfirm",
                                      "unexpected message in Established"};
    static const char *const ceaseNames[] = {nullptr, "maximum number of prefixes reached",
                                             "administrative shutdown", "peer de-configured",
                                             "administrative reset", "connection rejected",
                                             "other configuration change",
                                             "connection collision resolution",
                                             "out of resources", "hard reset"};
    auto pick = [subcode](const auto &names) -> const char * {
        return subcode < std::size(names) ? names[subcode] : nullptr;
    };
    switch (code) {
    case 1: return pick(header);
    case 2: return pick(open);
    case 3: return pick(update);
    case 5: return pick(fsm);
    case 6: return pick(ceaseNames);
    default: return nullptr;
    }
}

} // namespace

std::string Notification::toString() const
{
    std::string s = std::to_string(code) + '/' + std::to_string(subcode) + " (" + codeName(code);
    if (const char *sub = subcodeName(code, subcode))
        s += std::string(": ") + sub;
    s += ')';
    if (auto msg = shutdownMessage()) {
        s += " \"" + *msg + '"';
    } else if (!data.empty()) {
        s += " data";
        char hex[4];
        for (std::size_t i = 0; i < data.size() && i < 16; ++i) {
            std::snprintf(hex, sizeof hex, " %02x", data[i]);
            s += hex;
        }
        if (data.size() > 16)
            s += " ...";
    }
    return s;
}

void Update::clear()
{
    withdrawn.clear();
    announced.clear();
    mpAnnounced.clear();
    mpNextHop.reset();
    mpLinkLocalNextHop.reset();
    // Keeps the vectors' capacity: the decoder reuses one Update for a whole session.
    attributes.origin = Origin::Igp;
    attributes.asPath.clear();
    attributes.nextHop.reset();
    attributes.med.reset();
    attributes.atomicAggregate = false;
    attributes.communities.clear();
    attributes.largeCommunities.clear();
    if (attributes.hasRare())
        attributes.mutableRare() = RareAttributes{};
    action = ErrorAction::None;
    notification.reset();
    problems.clear();
    endOfRib.reset();
}

std::vector<net::Prefix> Update::allAnnounced() const
{
    std::vector<net::Prefix> all = announced;
    all.insert(all.end(), mpAnnounced.begin(), mpAnnounced.end());
    return all;
}

} // namespace bwx::bgp
