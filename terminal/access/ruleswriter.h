#pragma once
// Prints rules as a rules file in the canonical layout: every value in the form the parser
// reads back to exactly the same rules (parseRules(writeRules(r)) == r, tested). The structured
// editor saves through this; comments of a hand-written file are not kept by it.
#include "access/rules.h"

#include <string>

namespace bwx::access {

std::string writeRules(const Rules &rules);

} // namespace bwx::access
