#pragma once
// How the prefix containers call a visitor: it may return void (visit everything) or something
// testable as bool (false = stop).
#include <functional>
#include <type_traits>
#include <utility>

namespace bwx::net::detail {

template<class F, class... Args> constexpr bool invokeVisitor(F &f, Args &&...args)
{
    if constexpr (std::is_void_v<std::invoke_result_t<F &, Args...>>) {
        std::invoke(f, std::forward<Args>(args)...);
        return true;
    } else {
        return static_cast<bool>(std::invoke(f, std::forward<Args>(args)...));
    }
}

} // namespace bwx::net::detail
