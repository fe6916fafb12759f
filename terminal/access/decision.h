#pragma once
// What the engine decided for each need, with everything needed to explain it: the coverage it
// found, the candidate list with a verdict and a reason for every candidate, the ranking check
// against the exchange's, and the orders it wants sent. Decisions are values; the driver sends
// the actions and fills in what the exchange answered.
#include "access/rules.h"

#include <bwx/domain/ids.h>
#include <bwx/proto/records.h>

#include <optional>
#include <string>
#include <vector>

namespace bwx::access {

enum class Outcome : std::uint8_t {
    Covered = 1,         // the need is covered; nothing to do
    Finished = 2,        // its period is over and it does not renew
    Take = 3,            // take sell orders by id
    BuyOrder = 4,        // nothing to take: place a resting buy order
    Wait = 5,            // nothing to take and no fallback: try again next cycle
    NeedsCandidates = 6, // the engine needs the exchange's candidate list first
    Blocked = 7,         // a safety rule or a cap stops automation for this need
    Pending = 8,         // trades fall short, but open buy orders rest for the rest: wait for them
};

// Why a need is blocked or a candidate lost. Stable names: they appear in JSON and CSV.
enum class Reason : std::uint8_t {
    None = 0,
    GroupDisabled = 1,
    OutsideWindow = 2,
    KillSwitch = 3,
    LinkDown = 4,
    BookStale = 5,
    QualityStale = 6,
    CandidatesRefused = 7,
    CapacityCap = 8,  // the Mbit/s cap of the destination is used up
    SpendCap = 9,     // the monthly spend cap would be exceeded
    MemberLimit = 10, // the exchange's limit on this member would be exceeded
    NotEligible = 11, // the exchange says so (its reason and explanation beside)
    LocalCheck = 12,  // the exchange listed it as eligible but the need's limits refuse it
    StartsLate = 13,  // its delivery starts after the instant that needs covering
    BlockMismatch = 14, // no whole block of both fits what is needed
    RankedLower = 15, // eligible, but better candidates covered the need
};

std::string_view toString(Outcome outcome);
std::string_view toString(Reason reason);
std::optional<Outcome> parseOutcome(std::string_view text);
std::optional<Reason> parseReason(std::string_view text);

struct CandidateVerdict
{
    proto::Candidate candidate;  // as the exchange sent it
    std::int64_t localScore = 0; // the local ranking's score (lower is better)
    std::uint32_t localRank = 0; // 1 = best locally eligible; 0 = not eligible locally
    bool won = false;
    Reason reason = Reason::None; // why it lost (None when it won)
    std::string explanation;      // one sentence, for people
    Bandwidth fill{};             // what taking it buys (winners, and losers to a cap)
    Money cost{};                 // that fill over its period at the sell's price
    friend bool operator==(const CandidateVerdict &, const CandidateVerdict &) = default;
};

struct Action
{
    enum class Kind : std::uint8_t { Take = 1, NewOrder = 2 };
    Kind kind = Kind::Take;
    proto::OrderParams params; // client order id 0: the driver assigns one when it sends
    OrderId sellOrderId{};     // Take
    Bandwidth capacity{};      // expected to be bought
    Money cost{};              // expected cost (Take: at the sell's price; NewOrder: at the limit)
    friend bool operator==(const Action &, const Action &) = default;
};

// What happened to an action: filled in by the driver.
struct ActionResult
{
    bool sent = false;
    std::string notSentBecause; // dry run, kill switch, no connection
    ClientOrderId clientOrderId{};
    proto::ResultCode code = proto::ResultCode::Ok;
    std::string message;
    std::optional<proto::OrderView> order; // the exchange's OrderUpdate
    Timestamp answeredAt{};
    friend bool operator==(const ActionResult &, const ActionResult &) = default;
};

// Cancelling a trade that replacement took the place of: filled in by the driver once the
// replacement is bought (the engine only names the trades, in Decision::replacedTrades).
struct TradeCancel
{
    TradeId tradeId{};
    bool sent = false;
    std::string notSentBecause; // dry run, kill switch, no audit log, already sent, ...
    proto::ResultCode code = proto::ResultCode::Ok;
    std::string message;
    Timestamp answeredAt{};
    friend bool operator==(const TradeCancel &, const TradeCancel &) = default;
};

struct Decision
{
    Timestamp time{};
    std::string group;
    std::string need;
    SelectionMode mode = SelectionMode::Price;
    proto::RankingWeights weights{};
    Outcome outcome = Outcome::Covered;
    std::vector<Reason> blockers; // every rule that blocks, first = the one reported
    std::string summary;          // one line for the activity view

    // Coverage
    Bandwidth required{};
    Bandwidth covered{};   // traded, at the first uncovered instant (or throughout, when covered)
    Bandwidth pending{};   // in open buy orders at that instant: not coverage, but not re-bought
    Bandwidth shortfall{}; // required - covered - pending, in whole blocks
    Bandwidth requested{}; // the shortfall after the caps
    Timestamp gapStart{};  // first instant not covered
    Timestamp gapEnd{};    // end of what would be bought
    bool renewal = false;  // the gap lies in a period that has not started yet
    std::vector<TradeId> replacedTrades; // not counted: quality beyond the limits too long

    std::optional<proto::OrderParams> query; // what the candidate list is (or was) asked for
    std::vector<CandidateVerdict> candidates;
    bool rankingAgrees = true;
    std::string rankingNote;
    std::vector<Action> actions;
    std::vector<ActionResult> results; // one per action once the driver has acted
    std::vector<TradeCancel> cancels;  // replaced trades, once the replacement is in force
    std::vector<std::string> notes;

    friend bool operator==(const Decision &, const Decision &) = default;
};

struct Evaluation
{
    Timestamp time{};
    bool dryRun = false;
    std::vector<Decision> decisions;
    friend bool operator==(const Evaluation &, const Evaluation &) = default;
};

} // namespace bwx::access
