#pragma once
// A value or a human-readable error. C++20 has no std::expected (C++23); this is the small
// subset BWX needs: parsers return Expected<T> so a caller always gets the reason for a rejection.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace bwx {

struct Error {
    std::string message;
};

template <class T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Expected(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool hasValue() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return hasValue(); }

    T& value() & { assert(hasValue()); return std::get<0>(m_v); }
    const T& value() const& { assert(hasValue()); return std::get<0>(m_v); }
    T&& value() && { assert(hasValue()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const std::string& error() const { assert(!hasValue()); return std::get<1>(m_v).message; }

private:
    std::variant<T, Error> m_v;
};

inline Error makeError(std::string message) { return Error{std::move(message)}; }

} // namespace bwx
