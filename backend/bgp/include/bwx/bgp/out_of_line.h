#pragma once
// A value kept on the heap so that the object holding it stays small when the value is empty,
// which it usually is: one pointer inline, nothing allocated until the value is written.
// It behaves as a plain T member would: copies are deep, and values compare by content, an
// absent value being equal to an empty T. A copy of an empty value allocates nothing.
#include <memory>

namespace bwx::bgp {

// T: default-constructible, copyable, with operator== and empty(). (No C++20 concept here: Qt
// 6.4's moc, which reads this header through test files, cannot parse <concepts>.)
template<class T> class OutOfLine
{
public:
    OutOfLine() noexcept = default;
    OutOfLine(const OutOfLine &other)
        : m_value(other.m_value && !other.m_value->empty() ? std::make_unique<T>(*other.m_value)
                                                           : nullptr)
    {}
    OutOfLine(OutOfLine &&) noexcept = default;
    OutOfLine &operator=(const OutOfLine &other)
    {
        if (this != &other)
            m_value = OutOfLine(other).m_value;
        return *this;
    }
    OutOfLine &operator=(OutOfLine &&) noexcept = default;
    ~OutOfLine() = default;

    // The value, or an empty T when none has been written.
    const T &get() const noexcept { return m_value ? *m_value : emptyValue(); }
    // The value for writing, allocated on first use.
    T &edit()
    {
        if (!m_value)
            m_value = std::make_unique<T>();
        return *m_value;
    }
    bool allocated() const noexcept { return m_value != nullptr; }
    // Frees the value if it has become empty.
    void dropIfEmpty() noexcept
    {
        if (m_value && m_value->empty())
            m_value.reset();
    }
    void reset() noexcept { m_value.reset(); }

    friend bool operator==(const OutOfLine &a, const OutOfLine &b)
    {
        return a.m_value == b.m_value || a.get() == b.get();
    }

    static const T &emptyValue() noexcept
    {
        static const T empty;
        return empty;
    }

private:
    std::unique_ptr<T> m_value;
};

} // namespace bwx::bgp
