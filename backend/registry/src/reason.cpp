#include "bwx/registry/reason.h"

#include <array>

namespace bwx::registry {

namespace {

constexpr std::array<std::string_view, kReasonCount> kReasonNames = {
    "none",
    "default-route",
    "bogon",
    "too-specific",
    "too-short",
    "next-hop-not-on-lan",
    "next-hop-not-member-router",
    "empty-as-path",
    "as-path-too-long",
    "first-as-not-member",
    "as-set-in-path",
    "reserved-asn",
    "private-asn",
    "unknown-class-community",
    "conflicting-class-communities",
    "rpki-invalid",
    "rpki-not-found",
    "irr-invalid",
    "irr-not-found",
    "max-prefix-exceeded",
};

constexpr std::array<std::string_view, 3> kStateNames = {"not-found", "valid", "invalid"};
constexpr std::array<std::string_view, 3> kStatusNames = {"absent", "valid", "invalid"};

} // namespace

std::string_view toString(Reason reason)
{
    const auto index = static_cast<std::size_t>(reason);
    return index < kReasonNames.size() ? kReasonNames[index] : std::string_view("unknown");
}

std::optional<Reason> parseReason(std::string_view name)
{
    for (std::size_t i = 0; i < kReasonNames.size(); ++i) {
        if (kReasonNames[i] == name)
            return static_cast<Reason>(i);
    }
    return std::nullopt;
}

std::string_view toString(RpkiState state)
{
    const auto index = static_cast<std::size_t>(state);
    return index < kStateNames.size() ? kStateNames[index] : std::string_view("unknown");
}

std::string_view toString(IrrState state)
{
    const auto index = static_cast<std::size_t>(state);
    return index < kStateNames.size() ? kStateNames[index] : std::string_view("unknown");
}

std::string_view toString(RouteStatus status)
{
    const auto index = static_cast<std::size_t>(status);
    return index < kStatusNames.size() ? kStatusNames[index] : std::string_view("unknown");
}

} // namespace bwx::registry
