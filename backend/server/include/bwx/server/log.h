#pragma once
// The daemon's event log: one line per event on stderr, "2026-11-26T07:12:03.123Z INFO text".
// A line is written with a single write(2) so lines from different threads never interleave.
// Text that came from the network is escaped, so a peer cannot forge log lines.
#include <string>
#include <string_view>

namespace bwx::server {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

// Lines below this level are dropped; the default is Info.
void setLogLevel(LogLevel level);
LogLevel logLevel();

void log(LogLevel level, std::string_view text);
inline void logDebug(std::string_view text)
{
    log(LogLevel::Debug, text);
}
inline void logInfo(std::string_view text)
{
    log(LogLevel::Info, text);
}
inline void logWarning(std::string_view text)
{
    log(LogLevel::Warning, text);
}
inline void logError(std::string_view text)
{
    log(LogLevel::Error, text);
}

// Peer-supplied text made safe for one log line: control bytes and non-ASCII bytes become
// \xNN, and anything beyond `maxBytes` is cut with "...".
std::string printable(std::string_view text, std::size_t maxBytes = 200);

} // namespace bwx::server
