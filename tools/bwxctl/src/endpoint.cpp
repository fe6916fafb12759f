#include "endpoint.h"

namespace bwx::ctl {
namespace {

Expected<std::uint16_t> parsePort(std::string_view text, const std::string &shown)
{
    if (text.empty())
        return makeError("invalid server '" + shown + "': missing port after ':'");
    std::uint32_t port = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return makeError("invalid server '" + shown + "': port '" + std::string(text)
                             + "' is not a number");
        port = port * 10 + static_cast<std::uint32_t>(c - '0');
        if (port > 65535)
            return makeError("invalid server '" + shown + "': port out of range 1-65535");
    }
    if (port == 0)
        return makeError("invalid server '" + shown + "': port out of range 1-65535");
    return static_cast<std::uint16_t>(port);
}

} // namespace

Expected<Endpoint> parseEndpoint(std::string_view text)
{
    const std::string shown(text);
    if (text.empty())
        return makeError("no server given: use --server HOST:PORT, BWX_SERVER or a profile");
    Endpoint e;
    std::string_view portText;
    if (text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return makeError("invalid server '" + shown + "': missing ']'");
        e.host = std::string(text.substr(1, close - 1));
        if (close + 1 >= text.size() || text[close + 1] != ':')
            return makeError("invalid server '" + shown + "': expected ':PORT' after ']'");
        portText = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return makeError("invalid server '" + shown + "': expected HOST:PORT");
        e.host = std::string(text.substr(0, colon));
        if (e.host.find(':') != std::string::npos)
            return makeError("invalid server '" + shown
                             + "': write an IPv6 address in brackets, [ADDRESS]:PORT");
        portText = text.substr(colon + 1);
    }
    if (e.host.empty())
        return makeError("invalid server '" + shown + "': missing host");
    auto port = parsePort(portText, shown);
    if (!port)
        return makeError(port.error());
    e.port = *port;
    return e;
}

} // namespace bwx::ctl
