#pragma once
// Seeds for fuzz_bgp: valid messages of every kind and the known-bad inputs of the unit tests,
// each prefixed with the session-parameter byte the target reads first.
#include <cstdint>
#include <vector>

namespace bwx::bgp::test {

std::vector<std::vector<std::uint8_t>> bgpFuzzSeeds();

} // namespace bwx::bgp::test
