#include "bwx/net/prefix.h"

namespace bwx::net {

namespace {

const char *familyName(Family family)
{
    return family == Family::V4 ? "IPv4" : "IPv6";
}

std::string rangeError(const std::string &length, Family family)
{
    return "prefix length " + length + " out of range 0-" + std::to_string(maxLength(family))
           + " for " + familyName(family);
}

} // namespace

Expected<Prefix> Prefix::make(const Address &address, int length)
{
    if (length < 0 || length > address.maxLength())
        return makeError(rangeError(std::to_string(length), address.family()));
    const Prefix truncated = makeTruncating(address, length);
    if (truncated.address() != address) {
        const std::string given = address.toString() + '/' + std::to_string(length);
        return makeError("host bits set in " + given + " (did you mean " + truncated.toString()
                         + "?)");
    }
    return truncated;
}

Expected<Prefix> Prefix::parse(std::string_view text)
{
    if (text.empty())
        return makeError("invalid prefix: empty string");
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return makeError("missing '/' in " + detail::quoteInput(text)
                         + " (expected address/length, e.g. 192.0.2.0/24)");

    auto address = Address::parse(text.substr(0, slash));
    if (!address)
        return makeError(address.error() + " in prefix " + detail::quoteInput(text));

    const std::string_view lengthText = text.substr(slash + 1);
    if (lengthText.empty())
        return makeError("missing prefix length after '/' in " + detail::quoteInput(text));
    for (char c : lengthText) {
        if (c < '0' || c > '9')
            return makeError("invalid prefix length " + detail::quoteInput(lengthText) + " in "
                             + detail::quoteInput(text) + " (expected a decimal number)");
    }
    if (lengthText.size() > 1 && lengthText[0] == '0')
        return makeError("invalid prefix length " + detail::quoteInput(lengthText) + " in "
                         + detail::quoteInput(text) + " (leading zero)");
    // Three digits cover every valid length; longer strings are out of range and could overflow.
    if (lengthText.size() > 3)
        return makeError(rangeError(std::string(lengthText), address->family()));
    int length = 0;
    for (char c : lengthText)
        length = length * 10 + (c - '0');
    return make(*address, length);
}

std::string Prefix::toString() const
{
    std::string text = address().toString();
    text += '/';
    text += std::to_string(m_length);
    return text;
}

} // namespace bwx::net
