#pragma once
// "HOST:PORT" as given to --server / BWX_SERVER.
#include "bwx/expected.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace bwx::ctl {

struct Endpoint
{
    std::string host; // IPv6 without brackets
    std::uint16_t port = 0;
};

// "exchange.example.net:7400", "127.0.0.1:7400", "[::1]:7400".
Expected<Endpoint> parseEndpoint(std::string_view text);

} // namespace bwx::ctl
