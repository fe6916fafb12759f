#pragma once
// Parts of the exchange outside the market answer some requests themselves: routing (sessions,
// routes, exports), quality, settlement. bwxd registers one handler per message type; the
// dispatcher hands such requests over after the admin-only check, and the handler answers
// through the responder from any thread, exactly once.
#include "bwx/proto/messages.h"
#include "bwx/server/dispatcher.h"

#include <functional>

namespace bwx::server {

using Responder = std::function<void(proto::Message reply)>;
using ServiceHandler = std::function<void(const Caller &caller, proto::Message &&request, Responder respond)>;

} // namespace bwx::server
