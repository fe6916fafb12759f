#pragma once
// One fully populated example of every protocol message, for round-trip tests and fuzz seeds.
#include <string>
#include <utility>
#include <vector>

#include "bwx/proto/messages.h"

namespace bwx::test {
std::vector<std::pair<std::string, proto::Message>> sampleMessages();
}
