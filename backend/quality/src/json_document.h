#pragma once
// JSON text to a nlohmann::json DOM for the importers, with syntax errors located by line and
// column, and nesting limited before parsing (measurement files are two or three levels deep; a
// file nested thousands deep is hostile and must not reach a recursive parser).
#include "bwx/quality/import_error.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace bwx::quality::detail {

using Json = nlohmann::json;

inline constexpr std::size_t kMaxJsonDepth = 32;

// The document, or an error with line and column (relative to `firstLine`, for NDJSON records).
std::variant<Json, ImportError> parseJson(std::string_view text, std::size_t firstLine = 1);

// JSON pointer escaping (RFC 6901) of one object key.
std::string pointerToken(std::string_view key);

// A short description of a value's type for error messages ("a string", "an array", ...).
std::string typeName(const Json &value);

} // namespace bwx::quality::detail
