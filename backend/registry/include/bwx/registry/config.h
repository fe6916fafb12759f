#pragma once
// Exchange-wide registry settings. Changing them (Registry::setConfig) revalidates every route.
#include "bwx/net/prefix.h"
#include "bwx/registry/bogons.h"
#include "bwx/registry/status.h"

#include <cstdint>
#include <vector>

namespace bwx::registry {

// The large-community function that carries a route's class: EXCHANGE_ASN:1:<class>, with
// class 1 customer, 2 peer, 3 transit (the values of bwx::RouteClass).
inline constexpr std::uint32_t kClassFunction = 1;

struct RpkiPolicy
{
    bool rejectInvalid = true;
    bool rejectNotFound = false;
    friend bool operator==(const RpkiPolicy &, const RpkiPolicy &) = default;
};

struct IrrPolicy
{
    bool rejectInvalid = true;
    bool rejectNotFound = false;
    // A route may be a more specific of a route object with its origin (not only an exact match).
    bool allowMoreSpecifics = true;
    friend bool operator==(const IrrPolicy &, const IrrPolicy &) = default;
};

struct RegistryConfig
{
    // The exchange's own ASN: the global administrator of the class communities. Required.
    std::uint32_t exchangeAsn = 0;
    // The exchange LAN(s). When set, every router address and next hop must be inside one.
    std::vector<net::Prefix> lanPrefixes;

    int maxLengthV4 = 24; // longer is "too specific"
    int maxLengthV6 = 48;
    int minLengthV4 = 8; // shorter (other than a default route) is "too short"
    int minLengthV6 = 16;
    std::uint32_t maxAsPathLength = 64; // hops, AS_SETs counting one

    bool rejectPrivateAsns = true;
    bool rejectAsSets = false; // RFC 9774; when false an AS_SET only makes the origin unknown
    // RFC 5398 documentation ASNs (64496-64511, 65536-65551), used by labs and the demo.
    bool allowDocumentationAsns = false;
    // RFC 5737 / RFC 3849 / RFC 9637 documentation prefixes, used by labs and the demo.
    bool allowDocumentationPrefixes = false;

    std::vector<BogonEntry> bogons = standardBogons();
    RpkiPolicy rpki;
    IrrPolicy irr;

    friend bool operator==(const RegistryConfig &, const RegistryConfig &) = default;
};

// Everything a registry refuses to run with, first problem first.
Status checkConfig(const RegistryConfig &config);

} // namespace bwx::registry
