#include "crash_point.h"

#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

namespace bwx::sequencer {
namespace {

struct Named
{
    std::string_view name;
    CrashPoint point;
};
constexpr Named kPoints[] = {
    {"before_append", CrashPoint::BeforeAppend},
    {"after_append_before_release", CrashPoint::AfterAppendBeforeRelease},
    {"mid_release", CrashPoint::MidRelease},
};

} // namespace

CrashPlan CrashPlan::fromEnvironment()
{
    const char *spec = std::getenv("BWX_CRASH_AT");
    if (!spec || !*spec)
        return {};
    return parse(spec);
}

CrashPlan CrashPlan::parse(const std::string &spec)
{
    const auto colon = spec.find(':');
    const std::string name = spec.substr(0, colon);
    CrashPlan plan;
    for (const Named &n : kPoints) {
        if (n.name == name)
            plan.m_point = n.point;
    }
    if (plan.m_point == CrashPoint::None)
        throw std::invalid_argument("BWX_CRASH_AT='" + spec + "': unknown crash point '" + name
                                    + "' (before_append, after_append_before_release, "
                                      "mid_release)");
    plan.m_remaining = 1;
    if (colon != std::string::npos) {
        const std::string count = spec.substr(colon + 1);
        std::uint64_t n = 0;
        bool valid = !count.empty() && count.size() <= 18;
        for (char c : count) {
            valid = valid && c >= '0' && c <= '9';
            if (valid)
                n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (!valid || n == 0)
            throw std::invalid_argument("BWX_CRASH_AT='" + spec + "': '" + count
                                        + "' is not a positive count");
        plan.m_remaining = n;
    }
    return plan;
}

void CrashPlan::crash(CrashPoint point)
{
    std::string_view name = "?";
    for (const Named &n : kPoints) {
        if (n.point == point)
            name = n.name;
    }
    // write(2) rather than stdio: nothing buffered may be flushed on the way out.
    const std::string line = "bwx: BWX_CRASH_AT: crashing at " + std::string(name) + "\n";
    [[maybe_unused]] const auto written = ::write(2, line.data(), line.size());
    std::_Exit(kCrashExitCode);
}

} // namespace bwx::sequencer
