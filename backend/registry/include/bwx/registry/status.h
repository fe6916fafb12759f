#pragma once
// The result of a registry call that returns nothing but may be refused with a reason.
#include "bwx/expected.h"

#include <variant>

namespace bwx::registry {

using Status = Expected<std::monostate>;

inline Status okStatus()
{
    return std::monostate{};
}

} // namespace bwx::registry
