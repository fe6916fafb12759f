// Seeds for the VRP JSON target: both tools' flavours and the shapes of known bad files.
#include "registry_fuzz_seeds.h"

namespace bwx::test {

std::vector<std::string> fuzzSeeds()
{
    return {
        R"({"metadata": {"buildtime": "2024-05-01T10:00:00Z", "vrps": 3},
 "roas": [
  { "asn": 64500, "prefix": "203.0.113.0/24", "maxLength": 24, "ta": "ripe", "expires": 1714600000 },
  { "asn": 64501, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "arin", "expires": 1714600000 },
  { "asn": 0, "prefix": "198.51.100.0/24", "maxLength": 32, "ta": "apnic", "expires": 1714600000 }
 ],
 "bgpsec_keys": [],
 "aspas": [{ "customer_asid": 64500, "providers": [64501, 64502] }]
})",
        R"({"metadata": {"generated": 1714560000, "generatedTime": "2024-05-01T10:40:00Z"},
 "roas": [
  { "asn": "AS64500", "prefix": "203.0.113.0/24", "maxLength": 24, "ta": "ripe" },
  { "asn": "AS4200000000", "prefix": "2001:db8:1::/48", "maxLength": 48, "ta": "ripe" }
 ]})",
        R"({"roas": [{"asn": "AS1234", "prefix": "12.34.56.0/24", "maxLength": 24,
 "source": [{"type": "roa", "uri": "rsync://x/y.roa", "validity": {"notBefore": "a"}, "path": null}]}]})",
        R"({"roas": []})",
        R"({"roas": [{"asn": 1, "prefix": "10.0.0.1/8", "maxLength": 8}]})",
        R"({"roas": [{"asn": -1, "prefix": "10.0.0.0/8", "maxLength": 33.5}]})",
        R"({"roas": [[], 1, "x", null, {"asn": "AS", "prefix": "::/129"}]})",
        R"([{"roas": true}])",
    };
}

} // namespace bwx::test
