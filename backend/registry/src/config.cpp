#include "bwx/registry/config.h"

#include <set>
#include <string>

namespace bwx::registry {

namespace {

Status checkLengths(const char *family, int minLength, int maxLength, int familyMax)
{
    const std::string name(family);
    if (maxLength < 1 || maxLength > familyMax)
        return makeError("max_length_" + name + " " + std::to_string(maxLength) + " out of range 1-"
                         + std::to_string(familyMax));
    if (minLength < 1 || minLength > maxLength)
        return makeError("min_length_" + name + " " + std::to_string(minLength) + " out of range 1-"
                         + std::to_string(maxLength) + " (at least 1, at most max_length_" + name
                         + ")");
    return okStatus();
}

} // namespace

Status checkConfig(const RegistryConfig &config)
{
    if (config.exchangeAsn == 0 || config.exchangeAsn == 23456)
        return makeError("exchange_asn " + std::to_string(config.exchangeAsn)
                         + " is not a usable ASN (it is the global administrator of the class "
                           "communities)");
    for (const net::Prefix &lan : config.lanPrefixes) {
        if (lan.length() == 0)
            return makeError("exchange LAN " + lan.toString() + " is a default route");
    }
    if (auto status = checkLengths("v4", config.minLengthV4, config.maxLengthV4, 32); !status)
        return status;
    if (auto status = checkLengths("v6", config.minLengthV6, config.maxLengthV6, 128); !status)
        return status;
    if (config.maxAsPathLength == 0)
        return makeError("max_as_path_length must be at least 1");
    std::set<net::Prefix> seen;
    for (const BogonEntry &entry : config.bogons) {
        if (!seen.insert(entry.prefix).second)
            return makeError("bogon list has " + entry.prefix.toString() + " twice");
        if (entry.kind != BogonKind::Bogon && entry.kind != BogonKind::Documentation
            && entry.kind != BogonKind::Exception)
            return makeError("bogon list entry " + entry.prefix.toString()
                             + " has an unknown kind");
    }
    return okStatus();
}

} // namespace bwx::registry
