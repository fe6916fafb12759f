#pragma once
// Why a route is invalid, and the outcomes of origin validation. The numeric values are stable
// (they are hashed and will travel in the protocol) and the order of Reason is the order in
// which the checks run: a route carries the first check it fails (docs/registry.md).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace bwx::registry {

enum class Reason : std::uint8_t {
    None = 0,
    DefaultRoute = 1,
    Bogon = 2,
    TooSpecific = 3,
    TooShort = 4,
    NextHopNotOnLan = 5,
    NextHopNotMemberRouter = 6,
    EmptyAsPath = 7,
    AsPathTooLong = 8,
    FirstAsNotMember = 9,
    AsSetInPath = 10,
    ReservedAsn = 11,
    PrivateAsn = 12,
    UnknownClassCommunity = 13,
    ConflictingClassCommunities = 14,
    RpkiInvalid = 15,
    RpkiNotFound = 16,
    IrrInvalid = 17,
    IrrNotFound = 18,
    // Never stored: the route was refused because the session already held its limit.
    MaxPrefixExceeded = 19,
};
inline constexpr std::size_t kReasonCount = 20;

// Stable kebab-case names: "default-route", "rpki-invalid"...
std::string_view toString(Reason reason);
std::optional<Reason> parseReason(std::string_view name);

// RFC 6811 route origin validation state.
enum class RpkiState : std::uint8_t { NotFound = 0, Valid = 1, Invalid = 2 };
// The same three outcomes against IRR route/route6 objects (docs/registry.md defines them).
enum class IrrState : std::uint8_t { NotFound = 0, Valid = 1, Invalid = 2 };
// Whether a member's route for a prefix exists and may be traded.
enum class RouteStatus : std::uint8_t { Absent = 0, Valid = 1, Invalid = 2 };

std::string_view toString(RpkiState state);    // "not-found", "valid", "invalid"
std::string_view toString(IrrState state);     // same names
std::string_view toString(RouteStatus status); // "absent", "valid", "invalid"

} // namespace bwx::registry
