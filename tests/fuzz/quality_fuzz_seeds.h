#pragma once
// The inputs a quality import fuzz target's mutation replay starts from; each target's seed file
// defines them.
#include <string>
#include <vector>

namespace bwx::test {

std::vector<std::string> qualityFuzzSeeds();

} // namespace bwx::test
