#pragma once
// Small helpers shared by the settlement unit tests.
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/settlement/decode_result.h"
#include "bwx/settlement/flow_record.h"

#include <QTest>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bwx::settlement::test {

inline net::Address ip(std::string_view text)
{
    auto a = net::Address::parse(text);
    if (!a)
        qFatal("bad address in test: %s", std::string(text).c_str());
    return *a;
}

inline net::Prefix prefix(std::string_view text)
{
    auto p = net::Prefix::parse(text);
    if (!p)
        qFatal("bad prefix in test: %s", std::string(text).c_str());
    return *p;
}

inline std::uint32_t v4(std::string_view text)
{
    return ip(text).v4Value();
}

using Bytes = std::vector<std::uint8_t>;

} // namespace bwx::settlement::test

Q_DECLARE_METATYPE(bwx::settlement::test::Bytes)
Q_DECLARE_METATYPE(bwx::settlement::DecodeError)
