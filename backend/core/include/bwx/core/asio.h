#pragma once
// The one header that includes Boost.Asio. Boost 1.74 with -std=c++20 uses std::exchange
// without including <utility> (asio issue #944), so <utility> must come first; including Asio
// anywhere else risks that error coming back.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

namespace bwx {
namespace asio = boost::asio;
using tcp = boost::asio::ip::tcp;
using error_code = boost::system::error_code;
} // namespace bwx
