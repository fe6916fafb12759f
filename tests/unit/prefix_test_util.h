#pragma once
// What the prefix-container tests share: QTest prints prefixes in failed comparisons, and
// prefixes written as text in test tables.
#include "bwx/net/prefix.h"

#include <QTest>

#include <string_view>

namespace bwx::net {
// Found by QTest through ADL, so failed comparisons print prefixes.
inline char *toString(const Prefix &prefix)
{
    return qstrdup(prefix.toString().c_str());
}
} // namespace bwx::net

namespace bwx::net::test {

inline Prefix prefix(std::string_view text)
{
    auto parsed = Prefix::parse(text);
    if (!parsed)
        qFatal("bad prefix in test: %s", parsed.error().c_str());
    return *parsed;
}

} // namespace bwx::net::test
