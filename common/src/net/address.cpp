#include "bwx/net/address.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace bwx::net {

namespace detail {

std::string quoteInput(std::string_view text)
{
    // Long enough for any valid prefix, short enough to keep a log line readable.
    constexpr std::size_t maxShown = 64;
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::min(text.size(), maxShown) + 8);
    out += '\'';
    for (std::size_t i = 0; i < text.size() && i < maxShown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    if (text.size() > maxShown)
        out += "...";
    out += '\'';
    return out;
}

} // namespace detail

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// `offset` shifts the reported position when `text` is the tail of a larger input.
std::string unexpectedChar(std::string_view text, std::size_t pos, std::size_t offset = 0)
{
    return "unexpected character " + detail::quoteInput(text.substr(pos, 1)) + " at position "
           + std::to_string(pos + offset);
}

// Parses a dotted quad. On failure returns the reason; `offset` shifts reported positions when
// the quad is the tail of an IPv6 address. Success allocates nothing.
std::optional<std::string>
parseDottedQuad(std::string_view text, std::size_t offset, std::uint32_t &out)
{
    std::uint32_t value = 0;
    int octets = 0;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t start = pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        const std::size_t digits = pos - start;
        if (digits == 0) {
            if (pos < text.size() && text[pos] != '.')
                return unexpectedChar(text, pos, offset);
            return "empty octet at position " + std::to_string(pos + offset);
        }
        const std::string_view octet = text.substr(start, digits);
        if (octets == 4)
            return std::string("more than 4 octets");
        if (digits > 1 && octet[0] == '0')
            return "octet '" + std::string(octet) + "' has a leading zero (octal or decimal?)";
        unsigned octetValue = 0;
        for (char c : octet.substr(0, 4))
            octetValue = octetValue * 10 + static_cast<unsigned>(c - '0');
        if (digits > 3 || octetValue > 255)
            return "octet " + std::string(octet) + " out of range";
        value = (value << 8) | octetValue;
        ++octets;
        if (pos == text.size())
            break;
        if (text[pos] != '.')
            return unexpectedChar(text, pos, offset);
        ++pos;
        if (pos == text.size())
            return std::string("trailing '.'");
    }
    if (octets != 4)
        return "expected 4 octets, got " + std::to_string(octets);
    out = value;
    return std::nullopt;
}

Expected<Address> v4Error(std::string_view text, const std::string &reason)
{
    return makeError("invalid IPv4 address " + detail::quoteInput(text) + ": " + reason);
}

Expected<Address> v6Error(std::string_view text, const std::string &reason)
{
    return makeError("invalid IPv6 address " + detail::quoteInput(text) + ": " + reason);
}

Expected<Address> parseV6(std::string_view text)
{
    if (const auto percent = text.find('%'); percent != std::string_view::npos)
        return v6Error(text,
                       "zone index " + detail::quoteInput(text.substr(percent)) + " not supported");

    std::array<std::uint16_t, 8> groups{};
    int count = 0;
    int gapAt = -1; // index in `groups` where '::' stands, or -1
    std::size_t pos = 0;
    const std::size_t size = text.size();

    if (text.starts_with("::")) {
        gapAt = 0;
        pos = 2;
    } else if (text.starts_with(':')) {
        return v6Error(text, "leading ':' (only '::' may start an address)");
    }

    while (pos < size) {
        const std::size_t start = pos;
        while (pos < size && hexValue(text[pos]) >= 0)
            ++pos;
        if (pos < size && text[pos] == '.') {
            // A dotted quad may only stand in for the last two groups.
            if (count > 6)
                return v6Error(text, "too many groups before the embedded IPv4 address");
            std::uint32_t v4 = 0;
            if (auto reason = parseDottedQuad(text.substr(start), start, v4))
                return v6Error(text, "embedded IPv4 address: " + *reason);
            groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(v4 >> 16);
            groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(v4 & 0xffff);
            pos = size;
            break;
        }
        const std::size_t digits = pos - start;
        if (digits == 0) {
            // Only reachable right after '::': either "::::" or a stray third colon.
            if (text[pos] == ':') {
                if (pos + 1 < size && text[pos + 1] == ':')
                    return v6Error(text, "more than one '::'");
                return v6Error(text, "unexpected ':' at position " + std::to_string(pos));
            }
            return v6Error(text, unexpectedChar(text, pos));
        }
        if (digits > 4)
            return v6Error(text, "group " + detail::quoteInput(text.substr(start, digits))
                                     + " has more than 4 hex digits");
        if (count == 8)
            return v6Error(text, "more than 8 groups");
        unsigned value = 0;
        for (std::size_t i = start; i < pos; ++i)
            value = (value << 4) | static_cast<unsigned>(hexValue(text[i]));
        groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(value);

        if (pos == size)
            break;
        if (text[pos] != ':')
            return v6Error(text, unexpectedChar(text, pos));
        ++pos;
        if (pos < size && text[pos] == ':') {
            if (gapAt >= 0)
                return v6Error(text, "more than one '::'");
            gapAt = count;
            ++pos;
        } else if (pos == size) {
            return v6Error(text, "trailing ':' (only '::' may end an address)");
        }
    }

    if (gapAt < 0) {
        if (count != 8)
            return v6Error(text,
                           "expected 8 groups, got " + std::to_string(count) + " (and no '::')");
    } else {
        if (count == 8)
            return v6Error(text, "'::' must stand for at least one zero group");
        // Slide the groups after '::' to the end; the gap is already zero-filled.
        const int tail = count - gapAt;
        for (int i = tail - 1; i >= 0; --i) {
            groups[static_cast<std::size_t>(8 - tail + i)]
                = groups[static_cast<std::size_t>(gapAt + i)];
            groups[static_cast<std::size_t>(gapAt + i)] = 0;
        }
    }

    std::uint64_t high = 0;
    std::uint64_t low = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        high = (high << 16) | groups[i];
        low = (low << 16) | groups[i + 4];
    }
    return Address::fromWords(Family::V6, high, low);
}

} // namespace

Expected<Address> Address::parse(std::string_view text)
{
    if (text.empty())
        return makeError("invalid address: empty string");
    if (text.find(':') != std::string_view::npos)
        return parseV6(text);
    if (text.find('.') == std::string_view::npos)
        return makeError("invalid address " + detail::quoteInput(text)
                         + ": neither IPv4 (a.b.c.d) nor IPv6 (contains ':')");
    std::uint32_t value = 0;
    if (auto reason = parseDottedQuad(text, 0, value))
        return v4Error(text, *reason);
    return v4(value);
}

Address Address::fromBytes(Family family, std::span<const std::uint8_t> bytes) noexcept
{
    assert(bytes.size() == (family == Family::V4 ? 4u : 16u));
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    if (family == Family::V4) {
        for (std::size_t i = 0; i < 4; ++i)
            high = (high << 8) | bytes[i];
        return v4(static_cast<std::uint32_t>(high));
    }
    for (std::size_t i = 0; i < 8; ++i) {
        high = (high << 8) | bytes[i];
        low = (low << 8) | bytes[i + 8];
    }
    return Address(Family::V6, high, low);
}

void Address::toBytes(std::uint8_t *out) const noexcept
{
    const std::size_t highBytes = isV4() ? 4 : 8;
    for (std::size_t i = 0; i < highBytes; ++i)
        out[i] = static_cast<std::uint8_t>(m_high >> (56 - 8 * i));
    if (!isV4()) {
        for (std::size_t i = 0; i < 8; ++i)
            out[8 + i] = static_cast<std::uint8_t>(m_low >> (56 - 8 * i));
    }
}

std::string Address::toString() const
{
    // Longest text: 8 groups of 4 hex digits and 7 colons = 39 characters.
    std::array<char, 48> buffer{};
    char *p = buffer.data();
    char *const end = buffer.data() + buffer.size();

    if (isV4()) {
        const std::uint32_t value = v4Value();
        for (int i = 3; i >= 0; --i) {
            p = std::to_chars(p, end, (value >> (8 * i)) & 0xff).ptr;
            if (i > 0)
                *p++ = '.';
        }
        return std::string(buffer.data(), p);
    }

    std::array<unsigned, 8> groups{};
    for (std::size_t i = 0; i < 4; ++i) {
        groups[i] = static_cast<unsigned>(m_high >> (48 - 16 * i)) & 0xffff;
        groups[i + 4] = static_cast<unsigned>(m_low >> (48 - 16 * i)) & 0xffff;
    }

    // RFC 5952 4.2: compress the longest run of two or more zero groups, the first on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[static_cast<std::size_t>(i)] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[static_cast<std::size_t>(j)] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }

    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            *p++ = ':';
            *p++ = ':';
            i += bestLength - 1;
            continue;
        }
        if (i > 0 && i != bestStart + bestLength)
            *p++ = ':';
        p = std::to_chars(p, end, groups[static_cast<std::size_t>(i)], 16).ptr;
    }
    return std::string(buffer.data(), p);
}

} // namespace bwx::net
