// Seeds for the Atlas target: each firmware generation's shape, both file forms, and the shapes
// of known bad files.
#include "quality_fuzz_seeds.h"

namespace bwx::test {

std::vector<std::string> qualityFuzzSeeds()
{
    return {
        R"([{"fw": 5080, "af": 4, "msm_id": 1001, "prb_id": 6533, "timestamp": 1764144000,
 "type": "ping", "dst_addr": "193.0.14.129", "src_addr": "192.168.1.5", "sent": 3, "rcvd": 3,
 "dup": 0, "min": 23.9, "max": 24.1, "avg": 24.0,
 "result": [{"rtt": 24.066907}, {"rtt": 23.976115}, {"rtt": 23.992313}]},
 {"fw": 4790, "prb_id": 10052, "timestamp": 1764144010, "type": "ping", "dst_addr": "2001:7fd::1",
 "sent": 3, "rcvd": 2, "result": [{"rtt": 7.7}, {"x": "*"}, {"rtt": 7.9, "ttl": 55}, {"rtt": 7.95, "dup": 1}]},
 {"fw": 5020, "prb_id": 6278, "timestamp": 1764144020, "type": "ping", "dst_addr": "193.0.14.129",
 "sent": 3, "rcvd": 0, "avg": -1, "result": [{"x": "*"}, {"x": "*"}, {"error": "sendto failed"}]},
 {"fw": 5080, "prb_id": 1, "timestamp": 1764144040, "type": "ping", "dst_addr": "193.0.14.129",
 "sent": 0, "rcvd": 0, "result": [{"error": "dst resolution failed"}]}])",
        R"([{"fw": 4400, "addr": "193.0.14.129", "msm_id": 1001, "prb_id": 165, "timestamp": 1332938930,
 "sent": 3, "rcvd": 3, "srcaddr": "10.0.0.2", "avg": 2.172, "result": [{"rtt": 2.1}, {"rtt": 2.116}, {"rtt": 2.3}]},
 {"fw": 1, "addr": "193.0.14.129", "avg": 20.126, "msm_id": 1000047, "prb_id": 165, "rcvd": 2,
 "sent": 3, "timestamp": 1332938940}])",
        "{\"fw\": 5080, \"prb_id\": 1, \"timestamp\": 1764144000, \"dst_addr\": \"193.0.14.129\", "
        "\"sent\": 2, \"rcvd\": 2, \"result\": [{\"rtt\": 1}, {\"rtt\": 3}]}\n"
        "{\"fw\": 5080, \"prb_id\": 2, \"timestamp\": 1764144000, \"dst_addr\": \"193.0.14.127\", "
        "\"sent\": 2, \"rcvd\": 0, \"result\": [{\"x\": \"*\"}, {\"x\": \"*\"}]}\n",
        R"([{"fw": 5080, "type": "traceroute", "prb_id": 1, "timestamp": 1, "dst_addr": "10.0.0.7", "sent": 1, "rcvd": 4}])",
        R"([[], 1, "x", null, {"fw": "5080", "timestamp": -1, "result": {"rtt": 1e400}}])",
        "[]",
    };
}

} // namespace bwx::test
