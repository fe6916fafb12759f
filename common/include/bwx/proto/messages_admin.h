#pragma once
// Administration: admin certificate only.
#include <cstdint>
#include <string>
#include <vector>
#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

// Answered with MemberList holding the new member.
struct AddMember {
    static constexpr MessageType kType = MessageType::AddMember;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::string name;
    std::string displayName;
    std::uint32_t asn = 0;
    Bandwidth portCapacity{};
    template <class A> void fields(A& a) { a(name, "name"); a(displayName, "display_name"); a(asn, "asn"); a(portCapacity, "port_capacity"); }
    friend bool operator==(const AddMember&, const AddMember&) = default;
};

struct SetMemberStatus {
    static constexpr MessageType kType = MessageType::SetMemberStatus;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    MemberStatus status = MemberStatus::Active;
    template <class A> void fields(A& a) { a(member, "member_id"); a(status, "status"); }
    friend bool operator==(const SetMemberStatus&, const SetMemberStatus&) = default;
};

struct QueryStats {
    static constexpr MessageType kType = MessageType::QueryStats;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const QueryStats&, const QueryStats&) = default;
};

struct Stats {
    static constexpr MessageType kType = MessageType::Stats;
    static constexpr Direction kDirection = Direction::ServerToClient;
    Seq lastSeq{};
    std::uint64_t stateHash = 0;
    std::uint32_t sessions = 0;
    std::uint64_t openOrders = 0;
    std::uint64_t trades = 0;
    std::uint32_t members = 0;
    std::uint64_t journalBatches = 0;
    Timestamp startedAt{};
    template <class A> void fields(A& a)
    {
        a(lastSeq, "last_seq"); a(stateHash, "state_hash"); a(sessions, "sessions");
        a(openOrders, "open_orders"); a(trades, "trades"); a(members, "members");
        a(journalBatches, "journal_batches"); a(startedAt, "started_at");
    }
    friend bool operator==(const Stats&, const Stats&) = default;
};

// Sets a member's port capacity (0 = unchanged) and risk limits. Answered with MemberList.
struct SetMemberLimits {
    static constexpr MessageType kType = MessageType::SetMemberLimits;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    Bandwidth portCapacity{};
    MemberLimits limits{};
    template <class A> void fields(A& a) { a(member, "member_id"); a(portCapacity, "port_capacity"); a(limits, "limits"); }
    friend bool operator==(const SetMemberLimits&, const SetMemberLimits&) = default;
};

} // namespace bwx::proto
