#pragma once
// RFC 7606 revised error handling as a decision table: for every attribute and kind of error,
// what happens to the UPDATE. The decoder looks every error up here, the tests run one case per
// row, and docs/bgp.md prints the same table. A change of policy is a change of one row.
#include <cstdint>
#include <span>

namespace bwx::bgp {

// Ordered by strength: when several errors are found in one UPDATE, the strongest wins
// (RFC 7606 3(f)).
enum class ErrorAction : std::uint8_t {
    None = 0,             // accepted as it is (e.g. an unknown optional transitive attribute)
    AttributeDiscard = 1, // the attribute is dropped, the routes are kept
    TreatAsWithdraw = 2,  // every route in the UPDATE is treated as withdrawn, session stays up
    SessionReset = 3,     // NOTIFICATION (code 3, the row's subcode) and the session closes
};

const char *errorActionName(ErrorAction action) noexcept;

enum class AttributeFault : std::uint8_t {
    FlagsConflict,     // the Optional/Transitive bits contradict the attribute's definition
    BadLength,         // a length the attribute does not allow, or a malformed inner layout
    BadValue,          // an undefined value (ORIGIN 3, AS_PATH segment type 5, martian next hop)
    AsZero,            // AS number 0 (RFC 7607)
    Duplicate,         // the attribute appears a second time
    NotAllowedFromPeer, // only meaningful on another kind of session (LOCAL_PREF over eBGP...)
    Missing,           // a well-known mandatory attribute absent while NLRI is present
    Unrecognized,      // the type is not one this speaker implements
    Overrun,           // the attribute runs past the path attribute section
    UnsupportedFamily, // MP_REACH/MP_UNREACH for an AFI/SAFI not negotiated on the session
    InvalidNlri,       // a prefix in an NLRI field is malformed (length > 32/128, truncated)
};

const char *attributeFaultName(AttributeFault fault) noexcept;

// Rows with this type apply to every attribute type without a row of its own.
inline constexpr std::uint8_t kAnyAttribute = 0;
// Rows for the fixed fields of an UPDATE (withdrawn routes, NLRI, section lengths).
inline constexpr std::uint8_t kMessageField = 255;

struct ErrorRule
{
    std::uint8_t type; // attribute type code, kAnyAttribute or kMessageField
    AttributeFault fault;
    // Unrecognized rows are split by the Optional / Transitive flags the attribute carried.
    enum class Kind : std::uint8_t { Any, WellKnown, OptionalTransitive, OptionalNonTransitive };
    Kind kind;
    ErrorAction action;
    std::uint8_t subcode; // UPDATE Message Error subcode sent when action is SessionReset
    const char *reference;
    const char *what;
};

std::span<const ErrorRule> errorRules() noexcept;

// The row deciding (type, fault); falls back to the kAnyAttribute row for the fault. Every
// fault the decoder can report has a row, so this never fails.
const ErrorRule &errorRule(std::uint8_t type,
                           AttributeFault fault,
                           ErrorRule::Kind kind = ErrorRule::Kind::Any) noexcept;

} // namespace bwx::bgp
