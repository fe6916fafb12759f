#pragma once
// Where bwxctl connects and with which identity: command-line flags first, then the profile
// directory (--profile or BWX_PROFILE), then BWX_SERVER / BWX_CERT / BWX_KEY / BWX_CA.
#include "bwx/client/client_options.h"
#include "bwx/expected.h"

#include <functional>
#include <optional>
#include <string>

namespace bwx::ctl {

struct ConnectionFlags
{
    std::string server;
    std::string cert;
    std::string key;
    std::string ca;
    std::string profile;
    std::string serverName;
    int timeoutMs = 10'000;
};

using EnvLookup = std::function<std::optional<std::string>(const char *name)>;
EnvLookup processEnvironment();

// Checks that every file named exists; a client certificate is optional (the exchange refuses
// a session without one, which is the server's answer to give), the CA is not.
Expected<client::ClientOptions> resolveConnection(const ConnectionFlags &flags,
                                                  const EnvLookup &env);

} // namespace bwx::ctl
