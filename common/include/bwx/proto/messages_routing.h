#pragma once
// Routing visibility: a member's BGP sessions, the routes it announces with their validation,
// and the routes the arbiter exports to it because of trades. Members see their own; admins
// see any member's.
#include <cstdint>
#include <string>
#include <vector>

#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

// member 0: the caller's own (admins: every member).
struct QuerySessions {
    static constexpr MessageType kType = MessageType::QuerySessions;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    template <class A> void fields(A& a) { a(member, "member_id"); }
    friend bool operator==(const QuerySessions&, const QuerySessions&) = default;
};

struct SessionList {
    static constexpr MessageType kType = MessageType::SessionList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<BgpSessionView> sessions;
    template <class A> void fields(A& a) { a(sessions, "sessions"); }
    friend bool operator==(const SessionList&, const SessionList&) = default;
};

// Routes of a member inside `within` (0.0.0.0/0 or ::/0 for all of a family; any /0 means both).
struct QueryRoutes {
    static constexpr MessageType kType = MessageType::QueryRoutes;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    net::Prefix within{};
    std::uint8_t rejectedOnly = 0;
    std::uint32_t limit = 1000;
    template <class A> void fields(A& a) { a(member, "member_id"); a(within, "within"); a(rejectedOnly, "rejected_only"); a(limit, "limit"); }
    friend bool operator==(const QueryRoutes&, const QueryRoutes&) = default;
};

struct RouteList {
    static constexpr MessageType kType = MessageType::RouteList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<RouteView> routes;
    std::uint8_t truncated = 0;
    template <class A> void fields(A& a) { a(routes, "routes"); a(truncated, "truncated"); }
    friend bool operator==(const RouteList&, const RouteList&) = default;
};

struct QueryExports {
    static constexpr MessageType kType = MessageType::QueryExports;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    template <class A> void fields(A& a) { a(member, "member_id"); }
    friend bool operator==(const QueryExports&, const QueryExports&) = default;
};

struct ExportList {
    static constexpr MessageType kType = MessageType::ExportList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<ExportView> exports;
    template <class A> void fields(A& a) { a(exports, "exports"); }
    friend bool operator==(const ExportList&, const ExportList&) = default;
};

} // namespace bwx::proto
