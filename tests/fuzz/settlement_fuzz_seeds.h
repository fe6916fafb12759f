#pragma once
// Valid datagrams of each protocol, the starting points of the settlement fuzz targets.
#include <cstdint>
#include <string_view>
#include <vector>

namespace bwx::settlement::fuzz {

std::vector<std::vector<std::uint8_t>> seedsFor(std::string_view target);

} // namespace bwx::settlement::fuzz
