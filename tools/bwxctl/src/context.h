#pragma once
// What every bwxctl command gets: the global options, the output streams and the way to open
// a session with the exchange.
#include "bwx/client/connection.h"
#include "bwx/domain/units.h"
#include "connection_settings.h"
#include "json_views.h"

#include <functional>
#include <ostream>
#include <string>

namespace bwx::ctl {

struct Context
{
    ConnectionFlags flags;
    bool json = false;
    std::ostream &out;
    std::ostream &err;
    EnvLookup env;
    std::function<Timestamp()> clock;

    // Resolves the settings (UsageError when they are incomplete), connects and says hello.
    client::Connection connect() const;
    std::chrono::milliseconds timeout() const { return std::chrono::milliseconds(flags.timeoutMs); }

    // One JSON document with --json, the human text otherwise.
    void print(const Json &document, const std::string &human) const;
};

Timestamp systemClock();

// How long a long-running command may stay silent: the heartbeat the exchange announced in
// HelloAck (it closes sessions that send nothing for longer than its idle timeout).
std::chrono::milliseconds heartbeatInterval(const client::Connection &connection);

} // namespace bwx::ctl
