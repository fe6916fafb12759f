#include "bwx/quality/path_key.h"

#include "decimal_text.h"

namespace bwx::quality {

std::string toString(const PathKey &path)
{
    return std::to_string(path.seller.value()) + ":" + path.destination.toString();
}

Expected<PathKey> parsePathKey(std::string_view text)
{
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos)
        return makeError(net::detail::quoteInput(text)
                         + " is not SELLER:PREFIX (e.g. 7:198.51.100.0/24)");
    const auto seller = detail::parseDecimal(text.substr(0, colon), 0xffffffffu);
    if (!seller)
        return makeError("seller " + net::detail::quoteInput(text.substr(0, colon)) + ": "
                         + seller.error());
    if (*seller == 0)
        return makeError("seller 0 is not a member id");
    auto prefix = net::Prefix::parse(text.substr(colon + 1));
    if (!prefix)
        return makeError(prefix.error());
    return PathKey{MemberId(static_cast<std::uint32_t>(*seller)), *prefix};
}

} // namespace bwx::quality
