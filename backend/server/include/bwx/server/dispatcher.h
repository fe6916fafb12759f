#pragma once
// What each message from an established session does: answered at once (Ping, refusals),
// handed to the sequencer as a command, or run as a query at its place in the command stream.
// Runs on the calling session's strand; holds no per-session state.
#include "bwx/domain/ids.h"
#include "bwx/proto/messages.h"
#include "bwx/server/identity.h"
#include "bwx/server/server_options.h"
#include "bwx/server/session_id.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

namespace bwx::sequencer {
class Sequencer;
}

namespace bwx::server {

struct Caller
{
    SessionId session = 0;
    Role role = Role::Member;
    MemberId member{}; // 0 for admins
};

class Dispatcher
{
public:
    // `options` decides whether admins may submit internal commands ([testing]).
    Dispatcher(sequencer::Sequencer &sequencer, const SharedOptions &options)
        : m_sequencer(sequencer)
        , m_options(options)
    {}

    // Asks the market whether `identity` may start a session. The reply comes back through the
    // output path as HelloAck (built from `ack`, with the member's id and name filled in) or as
    // Goodbye (unknown or suspended member). False when the sequencer refused the query.
    bool submitHello(SessionId session,
                     const Identity &identity,
                     const proto::HelloAck &ack,
                     std::uint32_t requestId);

    // Handles one message. Returns the immediate answer, or nothing when the answer will come
    // through the output path.
    std::optional<proto::Message>
    dispatch(const Caller &caller, std::uint32_t requestId, proto::Message &&message);

    // Result for a refused submit(): Overloaded, or JournalUnavailable once fenced.
    proto::Result refusal() const;

    // Requests of `type` go to `handler` (a part outside the market); register before listening.
    using Handler = std::function<void(const Caller &, proto::Message &&, std::function<void(proto::Message)>)>;
    void addService(proto::MessageType type, Handler handler);
    // How a service's answer reaches the session: set by the server (thread-safe).
    using Replier = std::function<void(SessionId, std::uint32_t requestId, proto::Message)>;
    void setReplier(Replier replier) { m_replier = std::move(replier); }

private:
    std::optional<proto::Message>
    command(const Caller &caller, std::uint32_t requestId, proto::Message &&message);
    std::optional<proto::Message>
    query(const Caller &caller, std::uint32_t requestId, proto::Message &&message);
    std::optional<proto::Message>
    internalCommand(const Caller &caller, std::uint32_t requestId, proto::Message &&message);

    sequencer::Sequencer &m_sequencer;
    const SharedOptions &m_options;
    std::unordered_map<std::uint16_t, Handler> m_services;
    Replier m_replier;
};

// True for the types a client may send after Hello.
bool isClientRequest(proto::MessageType type);
// The admin-only requests.
bool isAdminOnly(proto::MessageType type);
// The internal commands an admin may submit when [testing] allow_internal_commands is on.
bool isTestableInternal(proto::MessageType type);

} // namespace bwx::server
