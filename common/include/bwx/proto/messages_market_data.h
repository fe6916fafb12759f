#pragma once
// Market data: effective books per prefix, the market watch, the member directory.
#include <cstdint>
#include <string>
#include <vector>
#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

// The effective book of a prefix: sells on the prefix or any covering prefix (they can serve
// it) and buys on the prefix or any more specific one (a sell on the prefix can serve them).
struct SubscribeBook {
    static constexpr MessageType kType = MessageType::SubscribeBook;
    static constexpr Direction kDirection = Direction::ClientToServer;
    net::Prefix prefix{};
    template <class A> void fields(A& a) { a(prefix, "prefix"); }
    friend bool operator==(const SubscribeBook&, const SubscribeBook&) = default;
};

struct UnsubscribeBook {
    static constexpr MessageType kType = MessageType::UnsubscribeBook;
    static constexpr Direction kDirection = Direction::ClientToServer;
    net::Prefix prefix{};
    template <class A> void fields(A& a) { a(prefix, "prefix"); }
    friend bool operator==(const UnsubscribeBook&, const UnsubscribeBook&) = default;
};

// bookSeq numbers the prefix's stream: the first update after a snapshot has bookSeq + 1.
// A client that sees a gap subscribes again and gets a fresh snapshot.
struct BookSnapshot {
    static constexpr MessageType kType = MessageType::BookSnapshot;
    static constexpr Direction kDirection = Direction::ServerToClient;
    net::Prefix prefix{};
    std::uint64_t bookSeq = 0;
    std::vector<BookEntry> entries;
    template <class A> void fields(A& a) { a(prefix, "prefix"); a(bookSeq, "book_seq"); a(entries, "entries"); }
    friend bool operator==(const BookSnapshot&, const BookSnapshot&) = default;
};

struct BookUpdate {
    static constexpr MessageType kType = MessageType::BookUpdate;
    static constexpr Direction kDirection = Direction::ServerToClient;
    net::Prefix prefix{};
    std::uint64_t bookSeq = 0;
    std::vector<BookChange> changes;
    template <class A> void fields(A& a) { a(prefix, "prefix"); a(bookSeq, "book_seq"); a(changes, "changes"); }
    friend bool operator==(const BookUpdate&, const BookUpdate&) = default;
};

struct SubscribeMarketWatch {
    static constexpr MessageType kType = MessageType::SubscribeMarketWatch;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const SubscribeMarketWatch&, const SubscribeMarketWatch&) = default;
};

// One row per prefix that has orders, computed on its effective book. Updates carry changed
// rows only; a row with no bids and no asks means the prefix left the market watch.
struct MarketWatchSnapshot {
    static constexpr MessageType kType = MessageType::MarketWatchSnapshot;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint64_t watchSeq = 0;
    std::vector<WatchRow> rows;
    template <class A> void fields(A& a) { a(watchSeq, "watch_seq"); a(rows, "rows"); }
    friend bool operator==(const MarketWatchSnapshot&, const MarketWatchSnapshot&) = default;
};

struct MarketWatchUpdate {
    static constexpr MessageType kType = MessageType::MarketWatchUpdate;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint64_t watchSeq = 0;
    std::vector<WatchRow> rows;
    template <class A> void fields(A& a) { a(watchSeq, "watch_seq"); a(rows, "rows"); }
    friend bool operator==(const MarketWatchUpdate&, const MarketWatchUpdate&) = default;
};

struct QueryMembers {
    static constexpr MessageType kType = MessageType::QueryMembers;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const QueryMembers&, const QueryMembers&) = default;
};

// Members see every member's id, name, display name and ASN; port capacity only of themselves
// (admins see everything).
struct MemberList {
    static constexpr MessageType kType = MessageType::MemberList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<MemberView> members;
    template <class A> void fields(A& a) { a(members, "members"); }
    friend bool operator==(const MemberList&, const MemberList&) = default;
};

} // namespace bwx::proto
