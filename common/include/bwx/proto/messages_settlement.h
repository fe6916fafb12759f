#pragma once
// Settlement: measured usage per trade, statements per billing period, statement documents,
// and flow-collector counters (admin).
#include <cstdint>
#include <string>
#include <vector>

#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

struct QueryUsage {
    static constexpr MessageType kType = MessageType::QueryUsage;
    static constexpr Direction kDirection = Direction::ClientToServer;
    TradeId trade{};
    Timestamp from{};
    Timestamp to{};
    template <class A> void fields(A& a) { a(trade, "trade_id"); a(from, "from"); a(to, "to"); }
    friend bool operator==(const QueryUsage&, const QueryUsage&) = default;
};

struct UsageSeries {
    static constexpr MessageType kType = MessageType::UsageSeries;
    static constexpr Direction kDirection = Direction::ServerToClient;
    TradeId trade{};
    Bandwidth committed{};
    Bandwidth p95{};
    std::vector<UsageSample> samples;
    // p95 against committed with the exchange's thresholds: 0 within, 1 over, 2 under.
    std::uint8_t usage = 0;
    template <class A> void fields(A& a) { a(trade, "trade_id"); a(committed, "committed"); a(p95, "p95"); a(samples, "samples"); a(usage, "usage"); }
    friend bool operator==(const UsageSeries&, const UsageSeries&) = default;
};

// The statement of the billing period starting at periodStart (a month, UTC). member 0 = the
// caller; admins name any member.
struct QueryStatement {
    static constexpr MessageType kType = MessageType::QueryStatement;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    Timestamp periodStart{};
    template <class A> void fields(A& a) { a(member, "member_id"); a(periodStart, "period_start"); }
    friend bool operator==(const QueryStatement&, const QueryStatement&) = default;
};

struct Statement {
    static constexpr MessageType kType = MessageType::Statement;
    static constexpr Direction kDirection = Direction::ServerToClient;
    MemberId member{};
    std::string memberName;
    Timestamp periodStart{};
    Timestamp periodEnd{};
    std::vector<StatementLine> lines;
    Money totalPayable{};
    Money totalReceivable{};
    Money net{};
    template <class A> void fields(A& a) { a(member, "member_id"); a(memberName, "member_name"); a(periodStart, "period_start"); a(periodEnd, "period_end"); a(lines, "lines"); a(totalPayable, "total_payable"); a(totalReceivable, "total_receivable"); a(net, "net"); }
    friend bool operator==(const Statement&, const Statement&) = default;
};

struct QueryStatementDocument {
    static constexpr MessageType kType = MessageType::QueryStatementDocument;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    Timestamp periodStart{};
    DocumentFormat format = DocumentFormat::Csv;
    template <class A> void fields(A& a) { a(member, "member_id"); a(periodStart, "period_start"); a(format, "format"); }
    friend bool operator==(const QueryStatementDocument&, const QueryStatementDocument&) = default;
};

struct Document {
    static constexpr MessageType kType = MessageType::Document;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::string fileName;
    std::string mediaType;
    std::vector<std::uint8_t> content;
    template <class A> void fields(A& a) { a(fileName, "file_name"); a(mediaType, "media_type"); a(content, "content"); }
    friend bool operator==(const Document&, const Document&) = default;
};

struct QueryCollectors {
    static constexpr MessageType kType = MessageType::QueryCollectors;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const QueryCollectors&, const QueryCollectors&) = default;
};

struct CollectorStats {
    static constexpr MessageType kType = MessageType::CollectorStats;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<ExporterStatsView> exporters;
    std::uint64_t unattributedBytes = 0;
    std::uint64_t kernelDrops = 0;
    std::vector<UnattributedView> unattributed; // by reason
    template <class A> void fields(A& a) { a(exporters, "exporters"); a(unattributedBytes, "unattributed_bytes"); a(kernelDrops, "kernel_drops"); a(unattributed, "unattributed"); }
    friend bool operator==(const CollectorStats&, const CollectorStats&) = default;
};

} // namespace bwx::proto
