#pragma once
// Everything the access manager's engine decides on, as plain values: the clock, the link, the
// member's own orders and trades (manual ones included), the candidate lists the exchange
// returned for each need, the quality matrix, and how long a trade's quality has been bad. The
// engine is a pure function of the rules and this state, so a recorded state replays to the
// same decisions (the golden tests in tests/data/access do exactly that).
#include <bwx/domain/ids.h>
#include <bwx/domain/units.h>
#include <bwx/proto/records.h>
#include <bwx/proto/result_code.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bwx::access {

struct LinkStatus
{
    bool connected = false;    // logged in to the exchange
    Duration silence{};        // since the last message from the exchange
    std::string detail;        // why it is down, for the explanation
    friend bool operator==(const LinkStatus &, const LinkStatus &) = default;
};

// The exchange's answer to QueryCandidates for one need.
struct CandidateSnapshot
{
    Timestamp receivedAt{};
    proto::ResultCode error = proto::ResultCode::Ok; // the query was refused
    std::string errorText;
    std::vector<proto::Candidate> candidates; // as the exchange sent them: eligible by rank first
    friend bool operator==(const CandidateSnapshot &, const CandidateSnapshot &) = default;
};

// The exchange's answer to QueryQualityMatrix.
struct QualitySnapshot
{
    bool received = false;
    Timestamp receivedAt{};
    proto::ResultCode error = proto::ResultCode::Ok;
    std::string errorText;
    std::vector<proto::QualityCell> cells;
    friend bool operator==(const QualitySnapshot &, const QualitySnapshot &) = default;
};

struct AccessState
{
    Timestamp now{};           // the exchange's clock
    MemberId self{};
    LinkStatus link{};
    bool killSwitch = false;   // automation stopped by the operator
    std::vector<proto::OrderView> orders; // the member's orders (open buys: pending, not coverage)
    std::vector<proto::TradeView> trades; // the member's trades, as buyer and as seller
    std::optional<proto::MemberLimits> memberLimits; // the exchange's limits on this member
    std::map<std::string, CandidateSnapshot> candidates; // by need name
    QualitySnapshot quality{};
    // Since when the quality of a trade serving a need has been beyond the need's limits without
    // a good measurement in between (QualityTracker keeps it), by (need name, trade id).
    std::map<std::pair<std::string, std::uint64_t>, Timestamp> badQualitySince;
    friend bool operator==(const AccessState &, const AccessState &) = default;
};

} // namespace bwx::access
