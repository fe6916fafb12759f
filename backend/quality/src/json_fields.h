#pragma once
// Typed access to the values of a parsed measurement file. A value of the wrong type or out of
// range throws JsonFail with the value's JSON pointer; the importers catch it at the top and hand
// back the error, so a bad file never yields a partial batch.
#include "json_document.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace bwx::quality::detail {

struct JsonFail
{
    ImportError error;
};

// Where a value sits: the NDJSON line (0 for a whole-file document) and its JSON pointer.
struct Where
{
    std::size_t line = 0;
    std::string path;

    Where operator/(std::string_view key) const;
    Where operator/(std::size_t index) const;
    [[noreturn]] void fail(std::string reason) const;
};

// The member, or nullptr when absent.
const Json *member(const Json &object, std::string_view key);
const Json &required(const Json &object, std::string_view key, const Where &where);

const Json &expectObject(const Json &value, const Where &where);
const Json &expectArray(const Json &value, const Where &where);
const std::string &expectString(const Json &value, const Where &where);
// An integer in [min, max]; a fractional number, a string or a boolean is refused.
std::int64_t
expectInteger(const Json &value, const Where &where, std::int64_t min, std::int64_t max);
// Any finite number in [min, max].
double expectNumber(const Json &value, const Where &where, double min, double max);

} // namespace bwx::quality::detail
