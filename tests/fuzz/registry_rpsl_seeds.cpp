// Seeds for the RPSL target: a dump with several object classes, every syntax feature, and the
// shapes of known bad files.
#include "registry_fuzz_seeds.h"

namespace bwx::test {

std::vector<std::string> fuzzSeeds()
{
    return {
        "% header comment\n\nroute:          203.0.113.0/24\ndescr:          Example\n"
        "                second line\norigin:         AS64500\nmnt-by:         MAINT-X\n"
        "source:         RADB\n\n# skipped\naut-num:        AS64500\nimport:         from AS1 "
        "accept ANY\n"
        "+               AND NOT {0.0.0.0/0}\n\nroute6:         2001:db8::/32\norigin:         "
        "AS64500 # c\n",
        "Route: 198.51.100.0/24\r\nORIGIN: as4294967295\r\n\r\nroute6: "
        "2001:db8:1::/48\r\norigin:\r\n\tAS1\r\n",
        "route: 203.0.113.0/24\norigin: AS1\norigin: AS2\n",
        "route: 2001:db8::/32\norigin: AS1\n\nroute6: 10.0.0.0/8\n",
        "  continued\n: x\nmy attr: y\nroute 10.0.0.0/8\n",
        "mntner: MAINT-X\nauth: x\n\n\n\nroute: 10.0.0.0/8\norigin: AS4294967296\n",
    };
}

} // namespace bwx::test
