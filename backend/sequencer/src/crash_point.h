#pragma once
// Named crash points in the commit path, for tests that prove an acknowledged command survives
// a crash wherever it happens. BWX_CRASH_AT is read once when a Sequencer is constructed; when
// it is unset every check is a comparison against None.
//
//   BWX_CRASH_AT=<point>[:<n>]   crash the n-th time (default 1) <point> is reached
//
// Points: before_append, after_append_before_release, mid_release. The process ends with
// std::_Exit(70): no destructors, no flushing of stdio buffers, no SQLite close — as close to a
// power cut as a process can get without killing itself from outside.
#include <cstdint>
#include <string>

namespace bwx::sequencer {

enum class CrashPoint : std::uint8_t { None, BeforeAppend, AfterAppendBeforeRelease, MidRelease };

inline constexpr int kCrashExitCode = 70;

class CrashPlan
{
public:
    // Throws std::invalid_argument for an unknown point or count, so a typo in a test does not
    // silently run without the crash.
    static CrashPlan fromEnvironment();
    static CrashPlan parse(const std::string &spec);

    // True when this is the planned hit of `point`.
    bool reached(CrashPoint point)
    {
        if (point != m_point)
            return false;
        return --m_remaining == 0;
    }

    [[noreturn]] static void crash(CrashPoint point);

private:
    CrashPoint m_point = CrashPoint::None;
    std::uint64_t m_remaining = 0;
};

} // namespace bwx::sequencer
