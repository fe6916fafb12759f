#include "json_fields.h"

#include <cmath>

namespace bwx::quality::detail {

Where Where::operator/(std::string_view key) const
{
    return Where{line, path + "/" + pointerToken(key)};
}

Where Where::operator/(std::size_t index) const
{
    return Where{line, path + "/" + std::to_string(index)};
}

void Where::fail(std::string reason) const
{
    // A record's own root in an NDJSON file has an empty pointer; the line says where it is.
    throw JsonFail{
        ImportError{line, 0, {}, path.empty() && line == 0 ? "/" : path, std::move(reason)}};
}

const Json *member(const Json &object, std::string_view key)
{
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const Json &required(const Json &object, std::string_view key, const Where &where)
{
    const Json *value = member(object, key);
    if (!value)
        (where / key).fail("missing");
    return *value;
}

const Json &expectObject(const Json &value, const Where &where)
{
    if (!value.is_object())
        where.fail("expected an object, found " + typeName(value));
    return value;
}

const Json &expectArray(const Json &value, const Where &where)
{
    if (!value.is_array())
        where.fail("expected an array, found " + typeName(value));
    return value;
}

const std::string &expectString(const Json &value, const Where &where)
{
    if (!value.is_string())
        where.fail("expected a string, found " + typeName(value));
    return value.get_ref<const std::string &>();
}

std::int64_t
expectInteger(const Json &value, const Where &where, std::int64_t min, std::int64_t max)
{
    std::int64_t v = 0;
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(max))
            where.fail(std::to_string(u) + " is out of range " + std::to_string(min) + "-"
                       + std::to_string(max));
        v = static_cast<std::int64_t>(u);
    } else if (value.is_number_integer()) {
        v = value.get<std::int64_t>();
    } else {
        where.fail("expected an integer, found " + typeName(value));
    }
    if (v < min || v > max)
        where.fail(std::to_string(v) + " is out of range " + std::to_string(min) + "-"
                   + std::to_string(max));
    return v;
}

double expectNumber(const Json &value, const Where &where, double min, double max)
{
    if (!value.is_number())
        where.fail("expected a number, found " + typeName(value));
    const double v = value.get<double>();
    if (!std::isfinite(v) || v < min || v > max)
        where.fail(value.dump() + " is out of range " + Json(min).dump() + "-" + Json(max).dump());
    return v;
}

} // namespace bwx::quality::detail
