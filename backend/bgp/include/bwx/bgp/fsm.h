#pragma once
// The RFC 4271 8.2.2 finite state machine as a pure function: (state, event) -> (next state,
// actions). The session code performs the actions; tst_bgp_fsm checks the table. Simplified
// where RFC 4271 leaves options: no DelayOpen, no passive TCP-establishment timer, collision
// handling through OpenCollisionDump decided by resolveCollision().
#include "bwx/bgp/constants.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace bwx::bgp {

enum class State : std::uint8_t { Idle, Connect, Active, OpenSent, OpenConfirm, Established };

const char *stateName(State state) noexcept;

enum class Event : std::uint8_t {
    ManualStart,              // 1 (passive peers: 4, ManualStart_with_PassiveTcpEstablishment)
    ManualStop,               // 2
    AutomaticStart,           // 3: the back-off (IdleHoldTimer) expired
    ConnectRetryTimerExpires, // 9
    HoldTimerExpires,         // 10
    KeepaliveTimerExpires,    // 11
    TcpConnectionSucceeded,   // 16/17: our outgoing connection is up
    TcpConnectionConfirmed,   // 17: a connection from the peer was accepted
    TcpConnectionFails,       // 18
    OpenReceived,             // 19: BGPOpen, valid
    HeaderError,              // 21: BGPHeaderErr
    OpenError,                // 22: BGPOpenMsgErr
    OpenCollisionDump,        // 23
    NotificationVersionError, // 24: NotifMsgVerErr
    NotificationReceived,     // 25: NotifMsg
    KeepaliveReceived,        // 26
    UpdateReceived,           // 27
    UpdateError,              // 28: UpdateMsgErr needing a session reset
    MaxPrefixExceeded,        // RFC 4486: the peer sent more prefixes than allowed
};

const char *eventName(Event event) noexcept;

// Bit set of what the session must do, in this order.
namespace action {
inline constexpr std::uint32_t None = 0;
inline constexpr std::uint32_t SendNotification = 1u << 0;  // the event's, or Transition::notify
inline constexpr std::uint32_t DropConnection = 1u << 1;
inline constexpr std::uint32_t InitiateConnect = 1u << 2;
inline constexpr std::uint32_t SendOpen = 1u << 3;
inline constexpr std::uint32_t SendKeepalive = 1u << 4;
inline constexpr std::uint32_t StartConnectRetryTimer = 1u << 5;
inline constexpr std::uint32_t StopConnectRetryTimer = 1u << 6;
inline constexpr std::uint32_t StartLargeHoldTimer = 1u << 7;  // 4 minutes while in OpenSent
inline constexpr std::uint32_t StartHoldTimer = 1u << 8;       // negotiated, restarted on input
inline constexpr std::uint32_t StartKeepaliveTimer = 1u << 9;
inline constexpr std::uint32_t ProcessUpdate = 1u << 10;
inline constexpr std::uint32_t SessionUp = 1u << 11;        // send every outbound route
inline constexpr std::uint32_t ReleaseResources = 1u << 12; // withdraw the peer's routes
inline constexpr std::uint32_t BackOff = 1u << 13;          // IdleHoldTimer, longer each time
} // namespace action

struct Transition
{
    State next = State::Idle;
    std::uint32_t actions = action::None;
    // NOTIFICATION the FSM itself decides (hold timer 4/0, FSM error 5/x, collision 6/7,
    // administrative shutdown 6/2); empty means the event carried its own.
    std::optional<std::pair<ErrorCode, std::uint8_t>> notify;

    bool has(std::uint32_t a) const noexcept { return (actions & a) != 0; }
};

// `passive`: the peer never initiates connections (it waits in Active).
Transition step(State state, Event event, bool passive) noexcept;

// RFC 4271 6.8 with RFC 6286: the connection initiated by the side with the higher BGP
// identifier survives; equal identifiers (allowed between different ASes) go to the higher AS.
enum class CollisionWinner : std::uint8_t { LocallyInitiated, RemotelyInitiated };
CollisionWinner resolveCollision(std::uint32_t localId,
                                 Asn localAs,
                                 std::uint32_t remoteId,
                                 Asn remoteAs) noexcept;

} // namespace bwx::bgp
