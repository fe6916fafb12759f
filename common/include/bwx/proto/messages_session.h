#pragma once
// Session messages: hello, heartbeats, results and goodbyes.
#include <cstdint>
#include <string>
#include <vector>
#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

struct Hello {
    static constexpr MessageType kType = MessageType::Hello;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint16_t protocolVersion = kProtocolVersion;
    std::string clientName;
    template <class A> void fields(A& a) { a(protocolVersion, "protocol_version"); a(clientName, "client_name"); }
    friend bool operator==(const Hello&, const Hello&) = default;
};

struct HelloAck {
    static constexpr MessageType kType = MessageType::HelloAck;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint16_t protocolVersion = kProtocolVersion;
    MemberId member{};
    std::string memberName;
    Role role = Role::Member;
    Timestamp serverTime{};
    std::uint32_t maxFrameSize = kDefaultMaxFrameSize;
    std::uint16_t heartbeatSeconds = 0; // the client should send Ping at least this often
    template <class A> void fields(A& a)
    {
        a(protocolVersion, "protocol_version"); a(member, "member_id"); a(memberName, "member_name");
        a(role, "role"); a(serverTime, "server_time"); a(maxFrameSize, "max_frame_size");
        a(heartbeatSeconds, "heartbeat_seconds");
    }
    friend bool operator==(const HelloAck&, const HelloAck&) = default;
};

struct Ping {
    static constexpr MessageType kType = MessageType::Ping;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint64_t token = 0;
    template <class A> void fields(A& a) { a(token, "token"); }
    friend bool operator==(const Ping&, const Ping&) = default;
};

struct Pong {
    static constexpr MessageType kType = MessageType::Pong;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint64_t token = 0;
    Timestamp serverTime{};
    template <class A> void fields(A& a) { a(token, "token"); a(serverTime, "server_time"); }
    friend bool operator==(const Pong&, const Pong&) = default;
};

// The answer to a request that has no other reply, or that failed.
struct Result {
    static constexpr MessageType kType = MessageType::Result;
    static constexpr Direction kDirection = Direction::ServerToClient;
    ResultCode code = ResultCode::Ok;
    std::string message;
    template <class A> void fields(A& a) { a(code, "code"); a(message, "message"); }
    friend bool operator==(const Result&, const Result&) = default;
};

// Sent before the server closes the session.
struct Goodbye {
    static constexpr MessageType kType = MessageType::Goodbye;
    static constexpr Direction kDirection = Direction::ServerToClient;
    ResultCode code = ResultCode::Ok;
    std::string reason;
    template <class A> void fields(A& a) { a(code, "code"); a(reason, "reason"); }
    friend bool operator==(const Goodbye&, const Goodbye&) = default;
};

// An alert for a member, unsolicited: its port is full, routes under its order or trade were
// withdrawn, usage of a trade is above or below what was traded, its quality data went stale.
struct Notice {
    static constexpr MessageType kType = MessageType::Notice;
    static constexpr Direction kDirection = Direction::ServerToClient;
    ResultCode code = ResultCode::Ok;
    std::string text;
    Timestamp time{};
    OrderId order{};
    TradeId trade{};
    template <class A> void fields(A& a) { a(code, "code"); a(text, "text"); a(time, "time"); a(order, "order_id"); a(trade, "trade_id"); }
    friend bool operator==(const Notice&, const Notice&) = default;
};

} // namespace bwx::proto
