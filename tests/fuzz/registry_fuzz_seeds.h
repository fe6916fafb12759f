#pragma once
// The inputs a text fuzz target's mutation replay starts from; each target's seed file
// defines it.
#include <string>
#include <vector>

namespace bwx::test {

std::vector<std::string> fuzzSeeds();

} // namespace bwx::test
