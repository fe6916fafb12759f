#include "json_document.h"

#include <string>

namespace bwx::quality::detail {

namespace {

// Line and column (1-based) of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> position(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// The offset of the first bracket that nests deeper than the limit, skipping string contents.
std::optional<std::size_t> tooDeep(std::string_view text)
{
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// The parser's message quotes the input it choked on: escape what a log line must not carry.
std::string printable(std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < 160; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

} // namespace

std::variant<Json, ImportError> parseJson(std::string_view text, std::size_t firstLine)
{
    if (const auto at = tooDeep(text)) {
        const auto [line, column] = position(text, *at);
        return ImportError{line + firstLine - 1,
                           column,
                           {},
                           {},
                           "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
    }
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error &e) {
        // nlohmann counts the byte that failed as read: step back onto it.
        const std::size_t failed = e.byte > 0 ? e.byte - 1 : 0;
        const auto [line, column] = position(text, failed);
        std::string reason = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while
        // parsing value - invalid literal; last read: 'x'" -> keep what follows the position.
        if (const auto colon = reason.find(": "); colon != std::string::npos)
            reason = reason.substr(colon + 2);
        return ImportError{
            line + firstLine - 1, column, {}, {}, "JSON syntax: " + printable(reason)};
    } catch (const Json::exception &e) {
        // A value the parser cannot hold (a number beyond double range): no position given.
        std::string reason = e.what();
        if (const auto bracket = reason.find("] "); bracket != std::string::npos)
            reason = reason.substr(bracket + 2);
        // The message quotes the literal ("number overflow parsing '1e400'"): locate it.
        std::size_t at = 0;
        const auto open = reason.find('\'');
        const auto close = open == std::string::npos ? open : reason.find('\'', open + 1);
        if (close != std::string::npos && close > open + 1) {
            const auto found
                = text.find(std::string_view(reason).substr(open + 1, close - open - 1));
            if (found != std::string_view::npos)
                at = found;
        }
        const auto [line, column] = position(text, at);
        return ImportError{
            line + firstLine - 1, column, {}, {}, "JSON value: " + printable(reason)};
    }
}

std::string pointerToken(std::string_view key)
{
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return "an integer";
    case Json::value_t::number_float:
        return "a number";
    case Json::value_t::binary:
    case Json::value_t::discarded:
        break;
    }
    return "a value";
}

} // namespace bwx::quality::detail
