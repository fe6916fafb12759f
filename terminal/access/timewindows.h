#pragma once
// Whether automation may act at an instant: the file's windows and the group's windows (UTC).
#include "access/rules.h"

#include <vector>

namespace bwx::access {

// True when `windows` is empty or one of them contains `t`.
bool withinWindows(const std::vector<TimeWindow> &windows, Timestamp t);
// "mon-fri 08:00-18:00" style text of a window, for explanations.
std::string describe(const TimeWindow &window);

} // namespace bwx::access
