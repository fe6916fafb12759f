// The RFC 7606 decision table. docs/bgp.md reproduces it row by row; tst_bgp_error_table runs
// one malformed UPDATE per row through the decoder.
#include "bwx/bgp/constants.h"
#include "bwx/bgp/error_handling.h"

#include <array>

namespace bwx::bgp {

namespace {

using F = AttributeFault;
using A = ErrorAction;
using K = ErrorRule::Kind;
namespace ue = update_error;

constexpr std::array kRules = {
    // Fixed fields of the UPDATE. Without trustworthy section lengths or NLRI the routes cannot
    // even be located, so nothing short of a reset is possible (RFC 7606 4, 5.3).
    ErrorRule{kMessageField, F::Overrun, K::Any, A::SessionReset, ue::MalformedAttributeList,
              "RFC 7606 4", "withdrawn routes or total attribute length overrun the message"},
    ErrorRule{kMessageField, F::InvalidNlri, K::Any, A::SessionReset, ue::InvalidNetworkField,
              "RFC 7606 5.3", "withdrawn routes or NLRI field syntactically incorrect"},

    // Rules for every attribute.
    ErrorRule{kAnyAttribute, F::Overrun, K::Any, A::TreatAsWithdraw, ue::MalformedAttributeList,
              "RFC 7606 4", "attribute runs past the path attribute section"},
    ErrorRule{kAnyAttribute, F::Duplicate, K::Any, A::AttributeDiscard, ue::MalformedAttributeList,
              "RFC 7606 3", "repeated attribute: all but the first occurrence discarded"},
    ErrorRule{kAnyAttribute, F::FlagsConflict, K::Any, A::TreatAsWithdraw, ue::AttributeFlagsError,
              "RFC 7606 3", "Optional/Transitive flags contradict the attribute type"},
    ErrorRule{kAnyAttribute, F::Unrecognized, K::WellKnown, A::SessionReset,
              ue::UnrecognizedWellKnownAttribute, "RFC 4271 6.3",
              "unrecognised well-known attribute"},
    ErrorRule{kAnyAttribute, F::Unrecognized, K::OptionalTransitive, A::None, 0, "RFC 4271 5",
              "unrecognised optional transitive attribute: kept, passed on with Partial set"},
    ErrorRule{kAnyAttribute, F::Unrecognized, K::OptionalNonTransitive, A::AttributeDiscard, 0,
              "RFC 4271 5", "unrecognised optional non-transitive attribute: ignored"},

    // Well-known mandatory attributes.
    ErrorRule{attr::Origin, F::Missing, K::Any, A::TreatAsWithdraw, ue::MissingWellKnownAttribute,
              "RFC 7606 3", "ORIGIN missing with NLRI present"},
    ErrorRule{attr::Origin, F::BadLength, K::Any, A::TreatAsWithdraw, ue::AttributeLengthError,
              "RFC 7606 7.1", "ORIGIN length not 1"},
    ErrorRule{attr::Origin, F::BadValue, K::Any, A::TreatAsWithdraw, ue::InvalidOriginAttribute,
              "RFC 7606 7.1", "ORIGIN value undefined"},
    ErrorRule{attr::AsPath, F::Missing, K::Any, A::TreatAsWithdraw, ue::MissingWellKnownAttribute,
              "RFC 7606 3", "AS_PATH missing with NLRI present"},
    ErrorRule{attr::AsPath, F::BadLength, K::Any, A::TreatAsWithdraw, ue::MalformedAsPath,
              "RFC 7606 7.2", "AS_PATH segment overrun or zero-length segment"},
    ErrorRule{attr::AsPath, F::BadValue, K::Any, A::TreatAsWithdraw, ue::MalformedAsPath,
              "RFC 7606 7.2", "AS_PATH unrecognised segment type, or confederation segment "
                              "from an external peer"},
    ErrorRule{attr::AsPath, F::AsZero, K::Any, A::TreatAsWithdraw, ue::MalformedAsPath,
              "RFC 7607 2", "AS_PATH contains AS 0"},
    ErrorRule{attr::NextHop, F::Missing, K::Any, A::TreatAsWithdraw, ue::MissingWellKnownAttribute,
              "RFC 7606 3", "NEXT_HOP missing with IPv4 NLRI present"},
    ErrorRule{attr::NextHop, F::BadLength, K::Any, A::TreatAsWithdraw, ue::AttributeLengthError,
              "RFC 7606 7.3", "NEXT_HOP length not 4"},
    ErrorRule{attr::NextHop, F::BadValue, K::Any, A::TreatAsWithdraw,
              ue::InvalidNextHopAttribute, "RFC 7606 7.3",
              "NEXT_HOP is 0.0.0.0/8, multicast or class E"},

    // Optional attributes with their own rules.
    ErrorRule{attr::MultiExitDisc, F::BadLength, K::Any, A::TreatAsWithdraw,
              ue::AttributeLengthError, "RFC 7606 7.4", "MULTI_EXIT_DISC length not 4"},
    ErrorRule{attr::LocalPref, F::NotAllowedFromPeer, K::Any, A::AttributeDiscard, 0,
              "RFC 7606 7.5", "LOCAL_PREF from an external peer"},
    ErrorRule{attr::LocalPref, F::BadLength, K::Any, A::TreatAsWithdraw, ue::AttributeLengthError,
              "RFC 7606 7.5", "LOCAL_PREF length not 4 (internal peer)"},
    ErrorRule{attr::AtomicAggregate, F::BadLength, K::Any, A::AttributeDiscard,
              ue::AttributeLengthError, "RFC 7606 7.6", "ATOMIC_AGGREGATE length not 0"},
    ErrorRule{attr::Aggregator, F::BadLength, K::Any, A::AttributeDiscard,
              ue::AttributeLengthError, "RFC 7606 7.7",
              "AGGREGATOR length not 6 (2-octet session) or 8 (4-octet session)"},
    ErrorRule{attr::Aggregator, F::AsZero, K::Any, A::AttributeDiscard, ue::OptionalAttributeError,
              "RFC 7607 2", "AGGREGATOR AS is 0"},
    ErrorRule{attr::Communities, F::BadLength, K::Any, A::TreatAsWithdraw,
              ue::OptionalAttributeError, "RFC 7606 7.8",
              "COMMUNITIES length not a non-zero multiple of 4"},
    ErrorRule{attr::OriginatorId, F::NotAllowedFromPeer, K::Any, A::AttributeDiscard, 0,
              "RFC 7606 7.9", "ORIGINATOR_ID from an external peer"},
    ErrorRule{attr::OriginatorId, F::BadLength, K::Any, A::TreatAsWithdraw,
              ue::AttributeLengthError, "RFC 7606 7.9", "ORIGINATOR_ID length not 4"},
    ErrorRule{attr::ClusterList, F::NotAllowedFromPeer, K::Any, A::AttributeDiscard, 0,
              "RFC 7606 7.10", "CLUSTER_LIST from an external peer"},
    ErrorRule{attr::ClusterList, F::BadLength, K::Any, A::TreatAsWithdraw,
              ue::AttributeLengthError, "RFC 7606 7.10",
              "CLUSTER_LIST length not a non-zero multiple of 4"},

    // Multiprotocol: the NLRI live inside these attributes, so an error that hides them leaves
    // only a reset (RFC 7606 3, 5.3, 7.11).
    ErrorRule{attr::MpReachNlri, F::Duplicate, K::Any, A::SessionReset, ue::MalformedAttributeList,
              "RFC 7606 3", "MP_REACH_NLRI appears twice"},
    ErrorRule{attr::MpReachNlri, F::Overrun, K::Any, A::SessionReset, ue::MalformedAttributeList,
              "RFC 7606 3", "MP_REACH_NLRI runs past the attribute section"},
    ErrorRule{attr::MpReachNlri, F::BadLength, K::Any, A::SessionReset, ue::OptionalAttributeError,
              "RFC 7606 7.11", "MP_REACH_NLRI too short for AFI, SAFI and next hop"},
    ErrorRule{attr::MpReachNlri, F::BadValue, K::Any, A::TreatAsWithdraw,
              ue::OptionalAttributeError, "RFC 7606 7.11",
              "MP_REACH_NLRI next hop length inconsistent with the AFI/SAFI, or next hop :: or "
              "multicast"},
    ErrorRule{attr::MpReachNlri, F::InvalidNlri, K::Any, A::SessionReset,
              ue::OptionalAttributeError, "RFC 7606 5.3", "MP_REACH_NLRI NLRI malformed"},
    ErrorRule{attr::MpReachNlri, F::UnsupportedFamily, K::Any, A::AttributeDiscard, 0,
              "RFC 4760 7", "MP_REACH_NLRI for an AFI/SAFI not negotiated: ignored"},
    ErrorRule{attr::MpUnreachNlri, F::Duplicate, K::Any, A::SessionReset,
              ue::MalformedAttributeList, "RFC 7606 3", "MP_UNREACH_NLRI appears twice"},
    ErrorRule{attr::MpUnreachNlri, F::Overrun, K::Any, A::SessionReset,
              ue::MalformedAttributeList, "RFC 7606 3",
              "MP_UNREACH_NLRI runs past the attribute section"},
    ErrorRule{attr::MpUnreachNlri, F::BadLength, K::Any, A::SessionReset,
              ue::OptionalAttributeError, "RFC 7606 7.12", "MP_UNREACH_NLRI too short"},
    ErrorRule{attr::MpUnreachNlri, F::InvalidNlri, K::Any, A::SessionReset,
              ue::OptionalAttributeError, "RFC 7606 5.3", "MP_UNREACH_NLRI NLRI malformed"},
    ErrorRule{attr::MpUnreachNlri, F::UnsupportedFamily, K::Any, A::AttributeDiscard, 0,
              "RFC 4760 7", "MP_UNREACH_NLRI for an AFI/SAFI not negotiated: ignored"},

    // 4-octet AS transition attributes: malformed ones are dropped and the 2-octet values used.
    ErrorRule{attr::As4Path, F::BadLength, K::Any, A::AttributeDiscard, ue::OptionalAttributeError,
              "RFC 6793 6", "AS4_PATH malformed"},
    ErrorRule{attr::As4Path, F::BadValue, K::Any, A::AttributeDiscard, ue::OptionalAttributeError,
              "RFC 6793 6", "AS4_PATH unrecognised or confederation segment type"},
    ErrorRule{attr::As4Path, F::AsZero, K::Any, A::AttributeDiscard, ue::OptionalAttributeError,
              "RFC 7607 2, RFC 6793 6", "AS4_PATH contains AS 0"},
    ErrorRule{attr::As4Path, F::NotAllowedFromPeer, K::Any, A::AttributeDiscard, 0,
              "RFC 6793 4.1", "AS4_PATH from a 4-octet AS speaker"},
    ErrorRule{attr::As4Aggregator, F::BadLength, K::Any, A::AttributeDiscard,
              ue::OptionalAttributeError, "RFC 6793 6", "AS4_AGGREGATOR length not 8"},
    ErrorRule{attr::As4Aggregator, F::AsZero, K::Any, A::AttributeDiscard,
              ue::OptionalAttributeError, "RFC 7607 2", "AS4_AGGREGATOR AS is 0"},
    ErrorRule{attr::As4Aggregator, F::NotAllowedFromPeer, K::Any, A::AttributeDiscard, 0,
              "RFC 6793 4.1", "AS4_AGGREGATOR from a 4-octet AS speaker"},
    ErrorRule{attr::LargeCommunities, F::BadLength, K::Any, A::TreatAsWithdraw,
              ue::OptionalAttributeError, "RFC 8092 6",
              "LARGE_COMMUNITY length not a non-zero multiple of 12"},
};

} // namespace

std::span<const ErrorRule> errorRules() noexcept
{
    return kRules;
}

const ErrorRule &errorRule(std::uint8_t type, AttributeFault fault, ErrorRule::Kind kind) noexcept
{
    for (const ErrorRule &r : kRules)
        if (r.type == type && r.fault == fault && (r.kind == K::Any || r.kind == kind))
            return r;
    for (const ErrorRule &r : kRules)
        if (r.type == kAnyAttribute && r.fault == fault && (r.kind == K::Any || r.kind == kind))
            return r;
    // Every fault the decoder raises has a generic row, except the ones named per attribute;
    // reaching here is a programming error, answered with the safest action.
    static constexpr ErrorRule fallback{kAnyAttribute, F::BadLength, K::Any, A::SessionReset,
                                        ue::MalformedAttributeList, "RFC 4271 6.3",
                                        "no rule: session reset"};
    return fallback;
}

const char *errorActionName(ErrorAction action) noexcept
{
    switch (action) {
    case A::None: return "accept";
    case A::AttributeDiscard: return "attribute-discard";
    case A::TreatAsWithdraw: return "treat-as-withdraw";
    case A::SessionReset: return "session-reset";
    }
    return "?";
}

const char *attributeFaultName(AttributeFault fault) noexcept
{
    switch (fault) {
    case F::FlagsConflict: return "flags";
    case F::BadLength: return "length";
    case F::BadValue: return "value";
    case F::AsZero: return "as-zero";
    case F::Duplicate: return "duplicate";
    case F::NotAllowedFromPeer: return "not-from-this-peer";
    case F::Missing: return "missing";
    case F::Unrecognized: return "unrecognized";
    case F::Overrun: return "overrun";
    case F::UnsupportedFamily: return "family-not-negotiated";
    case F::InvalidNlri: return "invalid-nlri";
    }
    return "?";
}

} // namespace bwx::bgp
