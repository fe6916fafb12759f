// Seeds for the CSV target: the documented example, its edge cases, and known bad rows.
#include "quality_fuzz_seeds.h"

namespace bwx::test {

std::vector<std::string> qualityFuzzSeeds()
{
    const std::string header = "seller,destination,time,latency_us,loss_ppm,jitter_us,source\n";
    return {
        header
            + "7,198.51.100.0/24,2026-11-26T08:00:00Z,12500,0,300,thousandeyes\n"
              "7,198.51.100.0/24,2026-11-26T08:05:00Z,,1000000,,thousandeyes\n"
              "# comment\n\n"
              "12,2001:db8::/32,2026-11-26T09:00:00.5+01:00,800,2500,,ripe-atlas\n",
        "\xEF\xBB\xBF" + header
            + "4294967295,0.0.0.0/0,2200-12-31T23:59:59Z,4294967295,999999,0,a\r\n",
        header + "1,10.0.0.0/8,1970-01-01T00:00:01Z,0,0,0,b.c_d-e\n",
        header + "0,10.0.0.1/8,2026-02-30T00:00:00,1.5,2%,-1,probe-icmp\n",
        header + "7,\"198.51.100.0/24\", 2026-11-26T08:00:00Z,,500000,5,\n",
        "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n",
    };
}

} // namespace bwx::test
