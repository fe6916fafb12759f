#pragma once
// Where and why a validation data file (VRP JSON, RPSL) was refused. A refused file changes
// nothing: the parsers return either the whole data set or one of these.
#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace bwx::registry {

struct DataError
{
    std::size_t line = 0;   // 1-based; 0 when the error has no line (a JSON value's path)
    std::size_t column = 0; // 1-based, JSON syntax errors only
    std::string path;       // JSON pointer (RFC 6901) of the offending value, VRP files only
    std::string reason;

    // "line 12: ...", "line 3, column 9: ...", "/roas/4/maxLength: ...", or "/: ..." for the root.
    std::string toString() const;
    friend bool operator==(const DataError &, const DataError &) = default;
};

template<class T> class Parsed
{
public:
    Parsed(T value)
        : m_value(std::move(value))
    {}
    Parsed(DataError error)
        : m_error(std::move(error))
    {}

    bool ok() const noexcept { return m_value.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    T &value() &
    {
        assert(ok());
        return *m_value;
    }
    const T &value() const &
    {
        assert(ok());
        return *m_value;
    }
    T &&value() &&
    {
        assert(ok());
        return std::move(*m_value);
    }
    const DataError &error() const
    {
        assert(!ok());
        return m_error;
    }

private:
    std::optional<T> m_value;
    DataError m_error;
};

} // namespace bwx::registry
