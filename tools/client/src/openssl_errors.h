#pragma once
#include <string>

namespace bwx::client::detail {

// Empties OpenSSL's thread-local error queue into one line ("certificate verify failed;
// ..."), so the reason reaches the user instead of a bare "handshake failed".
std::string takeOpenSslErrors();

} // namespace bwx::client::detail
