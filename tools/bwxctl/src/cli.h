#pragma once
// bwxctl as a function: parses `args` (without the program name), runs the command and returns
// the exit code. main() is a thin wrapper; tests call this directly.
#include "bwx/domain/units.h"
#include "connection_settings.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace bwx::ctl {

int run(const std::vector<std::string> &args,
        std::ostream &out,
        std::ostream &err,
        EnvLookup env,
        std::function<Timestamp()> clock);

} // namespace bwx::ctl
