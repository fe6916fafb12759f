#include "access/decision.h"

#include <array>
#include <utility>

namespace bwx::access {

namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 8> kOutcomes{{
    {Outcome::Covered, "covered"},
    {Outcome::Finished, "finished"},
    {Outcome::Take, "take"},
    {Outcome::BuyOrder, "buy-order"},
    {Outcome::Wait, "wait"},
    {Outcome::NeedsCandidates, "needs-candidates"},
    {Outcome::Blocked, "blocked"},
    {Outcome::Pending, "pending"},
}};

constexpr std::array<std::pair<Reason, std::string_view>, 16> kReasons{{
    {Reason::None, "none"},
    {Reason::GroupDisabled, "group-disabled"},
    {Reason::OutsideWindow, "outside-window"},
    {Reason::KillSwitch, "kill-switch"},
    {Reason::LinkDown, "link-down"},
    {Reason::BookStale, "book-stale"},
    {Reason::QualityStale, "quality-stale"},
    {Reason::CandidatesRefused, "candidates-refused"},
    {Reason::CapacityCap, "capacity-cap"},
    {Reason::SpendCap, "spend-cap"},
    {Reason::MemberLimit, "member-limit"},
    {Reason::NotEligible, "not-eligible"},
    {Reason::LocalCheck, "local-check"},
    {Reason::StartsLate, "starts-late"},
    {Reason::BlockMismatch, "block-mismatch"},
    {Reason::RankedLower, "ranked-lower"},
}};

} // namespace

std::string_view toString(Outcome outcome)
{
    for (const auto &[value, name] : kOutcomes) {
        if (value == outcome)
            return name;
    }
    return "covered";
}

std::string_view toString(Reason reason)
{
    for (const auto &[value, name] : kReasons) {
        if (value == reason)
            return name;
    }
    return "none";
}

std::optional<Outcome> parseOutcome(std::string_view text)
{
    for (const auto &[value, name] : kOutcomes) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

std::optional<Reason> parseReason(std::string_view text)
{
    for (const auto &[value, name] : kReasons) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

} // namespace bwx::access
