#pragma once
// What every reader of a bwxd configuration section shares: problems reported through a sink
// with the key's full name ("seller[2].router_v4"), and the checked conversions of TOML values
// (integers in a range, durations, booleans, strings). A section's reader derives from it and
// adds its own value kinds.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <toml++/toml.h>

namespace bwx::app {

// `key` names the offending key with its nesting, e.g. "exporter[2].sampling".
using TomlProblemSink
    = std::function<void(const toml::source_region &where, std::string key, std::string what)>;

class TomlSectionReader
{
public:
    TomlSectionReader(const TomlProblemSink &sink, std::string keyPrefix = {})
        : m_sink(sink)
        , m_prefix(std::move(keyPrefix))
    {}
    // Keys inside a nested table are named after it: pass "seller[2]." as `nested`.
    TomlSectionReader(const TomlSectionReader &parent, const std::string &nested)
        : m_sink(parent.m_sink)
        , m_prefix(parent.m_prefix + nested)
    {}

    void problem(const toml::node &node, std::string_view key, const std::string &what) const
    {
        m_sink(node.source(), m_prefix + std::string(key), what);
    }
    void problem(const toml::source_region &where, std::string_view key,
                 const std::string &what) const
    {
        m_sink(where, m_prefix + std::string(key), what);
    }
    void unknown(const toml::key &key) const { problem(key.source(), key.str(), "unknown key"); }

    template<class Int>
    bool integer(const toml::node &node, std::string_view key, std::int64_t min, std::int64_t max,
                 Int &out) const
    {
        const auto *value = node.as_integer();
        if (!value) {
            problem(node, key, "must be an integer");
            return false;
        }
        const std::int64_t v = value->get();
        if (v < min || v > max) {
            problem(node, key, "must be between " + std::to_string(min) + " and "
                                   + std::to_string(max) + ", got " + std::to_string(v));
            return false;
        }
        out = static_cast<Int>(v);
        return true;
    }

    // A whole number of the duration's unit, in [min, max].
    template<class Rep, class Period>
    bool chrono(const toml::node &node, std::string_view key, std::int64_t min, std::int64_t max,
                std::chrono::duration<Rep, Period> &out) const
    {
        std::int64_t v = 0;
        if (!integer(node, key, min, max, v))
            return false;
        out = std::chrono::duration<Rep, Period>(static_cast<Rep>(v));
        return true;
    }

    bool boolean(const toml::node &node, std::string_view key, bool &out) const
    {
        const auto *value = node.as_boolean();
        if (!value) {
            problem(node, key, "must be true or false");
            return false;
        }
        out = value->get();
        return true;
    }

    bool string(const toml::node &node, std::string_view key, std::string &out) const
    {
        const auto *value = node.as_string();
        if (!value) {
            problem(node, key, "must be a string");
            return false;
        }
        out = value->get();
        return true;
    }

    const TomlProblemSink &sink() const { return m_sink; }
    const std::string &keyPrefix() const { return m_prefix; }

private:
    const TomlProblemSink &m_sink;
    std::string m_prefix;
};

} // namespace bwx::app
