#include "bwx/registry/vrp.h"
#include "hasher.h"

#include <algorithm>

namespace bwx::registry {

Expected<VrpSet> VrpSet::make(std::vector<Vrp> vrps)
{
    for (const Vrp &vrp : vrps) {
        if (vrp.maxLength < vrp.prefix.length() || vrp.maxLength > vrp.prefix.maxLength())
            return makeError("VRP " + vrp.prefix.toString() + " AS" + std::to_string(vrp.asn)
                             + ": maxLength " + std::to_string(vrp.maxLength) + " out of range "
                             + std::to_string(vrp.prefix.length()) + "-"
                             + std::to_string(vrp.prefix.maxLength()));
    }
    std::sort(vrps.begin(), vrps.end());
    vrps.erase(std::unique(vrps.begin(), vrps.end()), vrps.end());
    VrpSet set;
    detail::Hasher hasher(0x6277782d76727031u); // "bwx-vrp1"
    hasher.add(static_cast<std::uint64_t>(vrps.size()));
    for (const Vrp &vrp : vrps) {
        hasher.add(vrp.prefix);
        hasher.add(std::uint64_t{vrp.asn});
        hasher.add(std::uint64_t{vrp.maxLength});
    }
    set.m_vrps = std::move(vrps);
    set.m_hash = hasher.value();
    return set;
}

std::string formatVrpJson(const VrpSet &set)
{
    std::string out
        = "{\n  \"metadata\": {\"vrps\": " + std::to_string(set.size()) + "},\n  \"roas\": [";
    bool first = true;
    for (const Vrp &vrp : set.entries()) {
        out += first ? "\n    " : ",\n    ";
        first = false;
        out += "{ \"asn\": " + std::to_string(vrp.asn) + ", \"prefix\": \"" + vrp.prefix.toString()
               + "\", \"maxLength\": " + std::to_string(vrp.maxLength) + " }";
    }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

} // namespace bwx::registry
