#pragma once
// Commands the exchange writes to its journal itself; refused from the network.
#include <cstdint>
#include <string>
#include <vector>
#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

// The market's clock: expiries and delivery starts/ends happen only when a tick is sequenced,
// so a replay sees them at exactly the same point in the command stream.
struct ClockTick {
    static constexpr MessageType kType = MessageType::ClockTick;
    static constexpr Direction kDirection = Direction::Internal;
    template <class A> void fields(A&) {}
    friend bool operator==(const ClockTick&, const ClockTick&) = default;
};

// Changes of a member's deliverable routes, from the registry. With replaceAll the announced
// routes replace the member's whole set (after a restart or a session re-establishing).
struct RouteBatch {
    static constexpr MessageType kType = MessageType::RouteBatch;
    static constexpr Direction kDirection = Direction::Internal;
    MemberId member{};
    std::uint8_t replaceAll = 0;
    std::vector<RouteChange> changes;
    template <class A> void fields(A& a) { a(member, "member_id"); a(replaceAll, "replace_all"); a(changes, "changes"); }
    friend bool operator==(const RouteBatch&, const RouteBatch&) = default;
};

// New quality figures from the route analyzer and imports, for eligibility and ranking.
struct QualityBatch {
    static constexpr MessageType kType = MessageType::QualityBatch;
    static constexpr Direction kDirection = Direction::Internal;
    std::vector<QualityFigure> figures;
    template <class A> void fields(A& a) { a(figures, "figures"); }
    friend bool operator==(const QualityBatch&, const QualityBatch&) = default;
};

// The member's last session ended: its orders are cancelled if it chose cancel-on-disconnect.
struct SessionsClosed {
    static constexpr MessageType kType = MessageType::SessionsClosed;
    static constexpr Direction kDirection = Direction::Internal;
    MemberId member{};
    template <class A> void fields(A& a) { a(member, "member_id"); }
    friend bool operator==(const SessionsClosed&, const SessionsClosed&) = default;
};

// bwxd sequences this at start-up when its configuration's market settings differ from the
// journal's, and on SIGHUP.
struct ConfigureMarket {
    static constexpr MessageType kType = MessageType::ConfigureMarket;
    static constexpr Direction kDirection = Direction::Internal;
    MarketSettings settings{};
    template <class A> void fields(A& a) { a(settings, "settings"); }
    friend bool operator==(const ConfigureMarket&, const ConfigureMarket&) = default;
};

} // namespace bwx::proto
