#include "bwx/bgp/fsm.h"

namespace bwx::bgp {

namespace {

using namespace action;

constexpr std::uint32_t kTearDown = DropConnection | ReleaseResources | StopConnectRetryTimer;
constexpr std::uint32_t kErrorDown = kTearDown | BackOff;

Transition to(State s, std::uint32_t a) noexcept
{
    return Transition{s, a, std::nullopt};
}

Transition notifyAndIdle(ErrorCode code, std::uint8_t subcode, bool backOff = true) noexcept
{
    return Transition{State::Idle, SendNotification | (backOff ? kErrorDown : kTearDown),
                      std::make_pair(code, subcode)};
}

std::uint8_t fsmSubcode(State s) noexcept
{
    switch (s) {
    case State::OpenSent: return fsm_error::UnexpectedInOpenSent;
    case State::OpenConfirm: return fsm_error::UnexpectedInOpenConfirm;
    case State::Established: return fsm_error::UnexpectedInEstablished;
    default: return fsm_error::Unspecified;
    }
}

// Events shared by every state that has a connection (OpenSent, OpenConfirm, Established).
std::optional<Transition> connectedCommon(State s, Event e) noexcept
{
    switch (e) {
    case Event::ManualStop:
        return notifyAndIdle(ErrorCode::Cease, cease::AdministrativeShutdown, false);
    case Event::HoldTimerExpires: return notifyAndIdle(ErrorCode::HoldTimerExpired, 0);
    case Event::HeaderError:
    case Event::OpenError:
    case Event::UpdateError:
    case Event::MaxPrefixExceeded: return to(State::Idle, SendNotification | kErrorDown);
    case Event::OpenCollisionDump:
        return notifyAndIdle(ErrorCode::Cease, cease::ConnectionCollisionResolution, false);
    case Event::NotificationVersionError: return to(State::Idle, kTearDown);
    case Event::NotificationReceived: return to(State::Idle, kErrorDown);
    case Event::TcpConnectionFails: return to(State::Idle, kErrorDown);
    case Event::ManualStart:
    case Event::AutomaticStart: return to(s, None); // already running
    default: return std::nullopt;
    }
}

} // namespace

Transition step(State s, Event e, bool passive) noexcept
{
    switch (s) {
    case State::Idle:
        switch (e) {
        case Event::ManualStart:
        case Event::AutomaticStart:
            if (passive)
                return to(State::Active, None);
            return to(State::Connect, InitiateConnect | StartConnectRetryTimer);
        case Event::TcpConnectionConfirmed:
        case Event::TcpConnectionSucceeded:
            // Not started (administratively down, or backing off): refuse.
            return to(State::Idle, DropConnection);
        default: return to(State::Idle, None); // RFC 4271: other events are ignored in Idle
        }

    case State::Connect:
        switch (e) {
        case Event::ManualStop: return to(State::Idle, kTearDown);
        case Event::ConnectRetryTimerExpires:
            if (passive) // a passive peer never connects: go back to waiting
                return to(State::Active, DropConnection);
            return to(State::Connect, DropConnection | InitiateConnect | StartConnectRetryTimer);
        case Event::TcpConnectionSucceeded:
        case Event::TcpConnectionConfirmed:
            return to(State::OpenSent, StopConnectRetryTimer | SendOpen | StartLargeHoldTimer);
        case Event::TcpConnectionFails:
            return to(State::Active, DropConnection | StartConnectRetryTimer);
        case Event::ManualStart:
        case Event::AutomaticStart: return to(State::Connect, None);
        default: return to(State::Idle, kErrorDown);
        }

    case State::Active:
        switch (e) {
        case Event::ManualStop: return to(State::Idle, kTearDown);
        case Event::ConnectRetryTimerExpires:
            if (passive)
                return to(State::Active, None);
            return to(State::Connect, InitiateConnect | StartConnectRetryTimer);
        case Event::TcpConnectionConfirmed:
        case Event::TcpConnectionSucceeded:
            return to(State::OpenSent, StopConnectRetryTimer | SendOpen | StartLargeHoldTimer);
        case Event::TcpConnectionFails:
            return to(State::Active, DropConnection | (passive ? None : StartConnectRetryTimer));
        case Event::ManualStart:
        case Event::AutomaticStart: return to(State::Active, None);
        default: return to(State::Idle, kErrorDown);
        }

    case State::OpenSent:
        if (e == Event::OpenReceived)
            return to(State::OpenConfirm, StopConnectRetryTimer | SendKeepalive
                                              | StartKeepaliveTimer | StartHoldTimer);
        if (e == Event::TcpConnectionFails) // RFC 4271: back to Active, keep listening
            return to(State::Active, DropConnection | (passive ? None : StartConnectRetryTimer));
        if (auto t = connectedCommon(s, e))
            return *t;
        return notifyAndIdle(ErrorCode::FsmError, fsmSubcode(s));

    case State::OpenConfirm:
        if (e == Event::KeepaliveReceived)
            return to(State::Established, StartHoldTimer | SessionUp);
        if (e == Event::KeepaliveTimerExpires)
            return to(State::OpenConfirm, SendKeepalive | StartKeepaliveTimer);
        if (auto t = connectedCommon(s, e))
            return *t;
        return notifyAndIdle(ErrorCode::FsmError, fsmSubcode(s));

    case State::Established:
        if (e == Event::KeepaliveReceived)
            return to(State::Established, StartHoldTimer);
        if (e == Event::UpdateReceived)
            return to(State::Established, StartHoldTimer | ProcessUpdate);
        if (e == Event::KeepaliveTimerExpires)
            return to(State::Established, SendKeepalive | StartKeepaliveTimer);
        if (auto t = connectedCommon(s, e))
            return *t;
        return notifyAndIdle(ErrorCode::FsmError, fsmSubcode(s));
    }
    return to(State::Idle, kErrorDown);
}

CollisionWinner resolveCollision(std::uint32_t localId,
                                 Asn localAs,
                                 std::uint32_t remoteId,
                                 Asn remoteAs) noexcept
{
    if (localId != remoteId)
        return localId > remoteId ? CollisionWinner::LocallyInitiated
                                  : CollisionWinner::RemotelyInitiated;
    return localAs > remoteAs ? CollisionWinner::LocallyInitiated
                              : CollisionWinner::RemotelyInitiated;
}

const char *stateName(State state) noexcept
{
    switch (state) {
    case State::Idle: return "Idle";
    case State::Connect: return "Connect";
    case State::Active: return "Active";
    case State::OpenSent: return "OpenSent";
    case State::OpenConfirm: return "OpenConfirm";
    case State::Established: return "Established";
    }
    return "?";
}

const char *eventName(Event event) noexcept
{
    switch (event) {
    case Event::ManualStart: return "ManualStart";
    case Event::ManualStop: return "ManualStop";
    case Event::AutomaticStart: return "AutomaticStart";
    case Event::ConnectRetryTimerExpires: return "ConnectRetryTimer_Expires";
    case Event::HoldTimerExpires: return "HoldTimer_Expires";
    case Event::KeepaliveTimerExpires: return "KeepaliveTimer_Expires";
    case Event::TcpConnectionSucceeded: return "TcpCRAcked";
    case Event::TcpConnectionConfirmed: return "TcpConnectionConfirmed";
    case Event::TcpConnectionFails: return "TcpConnectionFails";
    case Event::OpenReceived: return "BGPOpen";
    case Event::HeaderError: return "BGPHeaderErr";
    case Event::OpenError: return "BGPOpenMsgErr";
    case Event::OpenCollisionDump: return "OpenCollisionDump";
    case Event::NotificationVersionError: return "NotifMsgVerErr";
    case Event::NotificationReceived: return "NotifMsg";
    case Event::KeepaliveReceived: return "KeepAliveMsg";
    case Event::UpdateReceived: return "UpdateMsg";
    case Event::UpdateError: return "UpdateMsgErr";
    case Event::MaxPrefixExceeded: return "MaxPrefixExceeded";
    }
    return "?";
}

} // namespace bwx::bgp
