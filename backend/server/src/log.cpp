#include "bwx/server/log.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace bwx::server {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::Info)};

std::string_view levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return "DEBUG";
    case LogLevel::Info:
        return "INFO";
    case LogLevel::Warning:
        return "WARN";
    case LogLevel::Error:
        return "ERROR";
    }
    return "?";
}

void writeAll(const std::string &line)
{
    const char *data = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, data, left);
        if (n < 0 && errno == EINTR)
            continue;
        // Nowhere left to report a failing stderr; the event is lost, the daemon goes on.
        if (n <= 0)
            return;
        data += n;
        left -= static_cast<std::size_t>(n);
    }
}

} // namespace

void setLogLevel(LogLevel level)
{
    g_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

LogLevel logLevel()
{
    return static_cast<LogLevel>(g_level.load(std::memory_order_relaxed));
}

void log(LogLevel level, std::string_view text)
{
    if (static_cast<int>(level) < g_level.load(std::memory_order_relaxed))
        return;
    const auto now = std::chrono::system_clock::now();
    const auto millis
        = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis % 1000));
    std::string line;
    line.reserve(text.size() + 48);
    line += stamp;
    line += levelName(level);
    line += ' ';
    for (const char c : text)
        line += (c == '\n' || c == '\r') ? ' ' : c; // our own text: keep it on one line
    line += '\n';
    writeAll(line);
}

std::string printable(std::string_view text, std::size_t maxBytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::min(text.size(), maxBytes) + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == maxBytes) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        }
    }
    return out;
}

} // namespace bwx::server
