// VRP JSON through nlohmann-json's SAX interface: a full table has ~500k VRPs, and a DOM of it
// would take hundreds of megabytes for values that are read once.
#include "asn_text.h"
#include "bwx/registry/vrp.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace bwx::registry {

namespace {

using json = nlohmann::json;

class VrpHandler final : public nlohmann::json_sax<json>
{
public:
    // The first problem found; set when a callback returns false.
    std::optional<DataError> error;
    std::vector<Vrp> vrps;

    bool null() override { return scalar("null"); }
    bool boolean(bool) override { return scalar("a boolean"); }
    bool number_integer(number_integer_t value) override
    {
        if (consumeSkipped())
            return true;
        if (m_level == Level::Roa && m_pending != Field::None)
            return fail(fieldPath(),
                        std::string(fieldName()) + " " + std::to_string(value) + " is negative");
        return scalar("a number");
    }
    bool number_unsigned(number_unsigned_t value) override
    {
        if (consumeSkipped())
            return true;
        if (m_level != Level::Roa || m_pending == Field::None)
            return scalar("a number");
        switch (m_pending) {
        case Field::Asn:
            if (value > 0xffffffffu)
                return fail(fieldPath(),
                            "ASN " + std::to_string(value) + " out of range 0-4294967295");
            m_asn = static_cast<std::uint32_t>(value);
            break;
        case Field::MaxLength:
            if (value > 128)
                return fail(fieldPath(), "maxLength " + std::to_string(value) + " out of range");
            m_maxLength = static_cast<int>(value);
            break;
        case Field::Prefix:
            return fail(fieldPath(), "prefix must be a string, not a number");
        case Field::None:
            break;
        }
        m_pending = Field::None;
        return true;
    }
    bool number_float(number_float_t, const string_t &text) override
    {
        if (consumeSkipped())
            return true;
        if (m_level == Level::Roa && m_pending != Field::None)
            return fail(fieldPath(), std::string(fieldName()) + " " + net::detail::quoteInput(text)
                                         + " is not an integer");
        return scalar("a number");
    }
    bool string(string_t &value) override
    {
        if (consumeSkipped())
            return true;
        if (m_level != Level::Roa || m_pending == Field::None)
            return scalar("a string");
        switch (m_pending) {
        case Field::Asn: {
            auto asn = detail::parseAsnWithPrefix(value);
            if (!asn)
                asn = detail::parseAsnDigits(value);
            if (!asn)
                return fail(fieldPath(),
                            "invalid ASN " + net::detail::quoteInput(value)
                                + " (expected a number, \"AS<number>\" or \"<number>\")");
            m_asn = *asn;
            break;
        }
        case Field::Prefix: {
            auto prefix = net::Prefix::parse(value);
            if (!prefix)
                return fail(fieldPath(), prefix.error());
            m_prefix = *prefix;
            break;
        }
        case Field::MaxLength:
            return fail(fieldPath(), "maxLength must be a number, not a string");
        case Field::None:
            break;
        }
        m_pending = Field::None;
        return true;
    }
    bool binary(binary_t &) override { return scalar("binary data"); }

    bool start_object(std::size_t) override
    {
        if (enterSkipped())
            return true;
        switch (m_level) {
        case Level::Root:
            m_level = Level::Top;
            return true;
        case Level::Top:
            return fail("/roas", "\"roas\" must be an array, not an object");
        case Level::Roas:
            m_level = Level::Roa;
            m_asn.reset();
            m_prefix.reset();
            m_maxLength.reset();
            return true;
        case Level::Roa:
            return fail(fieldPath(), std::string(fieldName()) + " must not be an object");
        case Level::Done:
            break;
        }
        return fail("", "data after the top-level object");
    }
    bool key(string_t &name) override
    {
        if (m_skipDepth > 0)
            return true;
        if (m_level == Level::Top) {
            if (name != "roas") {
                m_skipNext = true;
                return true;
            }
            if (m_seenRoas)
                return fail("/roas", "\"roas\" appears twice");
            m_seenRoas = true;
            m_roasPending = true;
            return true;
        }
        // Level::Roa: the only other level with keys.
        if (name == "asn")
            return expectField(Field::Asn, m_asn.has_value());
        if (name == "prefix")
            return expectField(Field::Prefix, m_prefix.has_value());
        if (name == "maxLength")
            return expectField(Field::MaxLength, m_maxLength.has_value());
        m_skipNext = true; // "ta", "expires", "source"...
        return true;
    }
    bool end_object() override
    {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        if (m_level == Level::Roa) {
            m_level = Level::Roas;
            return finishRoa();
        }
        // Level::Top
        m_level = Level::Done;
        if (!m_seenRoas)
            return fail("", "missing \"roas\" array");
        return true;
    }
    bool start_array(std::size_t) override
    {
        if (enterSkipped())
            return true;
        if (m_roasPending) {
            m_roasPending = false;
            m_level = Level::Roas;
            m_index = 0;
            return true;
        }
        switch (m_level) {
        case Level::Root:
            return fail("", "the top level must be an object, not an array");
        case Level::Roas:
            return fail(elementPath(), "a VRP must be an object, not an array");
        case Level::Roa:
            return fail(fieldPath(), std::string(fieldName()) + " must not be an array");
        case Level::Top:
        case Level::Done:
            break;
        }
        return fail("", "unexpected array");
    }
    bool end_array() override
    {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        m_level = Level::Top; // only "roas" is an array we enter
        return true;
    }
    bool parse_error(std::size_t position,
                     const std::string &,
                     const nlohmann::detail::exception &ex) override
    {
        // The caller has the text and turns the byte position into a line and column.
        m_syntaxPosition = position;
        m_syntaxError = ex.what();
        return false;
    }

    const std::string &syntaxError() const noexcept { return m_syntaxError; }
    std::size_t syntaxPosition() const noexcept { return m_syntaxPosition; }

private:
    enum class Level { Root, Top, Roas, Roa, Done };
    enum class Field { None, Asn, Prefix, MaxLength };

    // Unknown members' values are skipped whole, however deeply nested.
    bool enterSkipped()
    {
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        if (m_skipNext) {
            m_skipNext = false;
            m_skipDepth = 1;
            return true;
        }
        return false;
    }
    bool consumeSkipped()
    {
        if (m_skipDepth > 0)
            return true;
        if (m_skipNext) {
            m_skipNext = false;
            return true;
        }
        return false;
    }

    bool scalar(const char *what)
    {
        if (consumeSkipped())
            return true;
        if (m_roasPending)
            return fail("/roas", std::string("\"roas\" must be an array, not ") + what);
        switch (m_level) {
        case Level::Root:
            return fail("", std::string("the top level must be an object, not ") + what);
        case Level::Roas:
            return fail(elementPath(), std::string("a VRP must be an object, not ") + what);
        case Level::Roa:
            return fail(fieldPath(), std::string(fieldName()) + " must not be " + what);
        case Level::Top:
        case Level::Done:
            break;
        }
        return fail("", std::string("unexpected ") + what);
    }

    bool expectField(Field field, bool seen)
    {
        m_pending = field;
        if (seen)
            return fail(fieldPath(), std::string(fieldName()) + " appears twice");
        return true;
    }

    bool finishRoa()
    {
        const std::string path = elementPath();
        if (!m_prefix)
            return fail(path, "missing \"prefix\"");
        if (!m_asn)
            return fail(path, "missing \"asn\"");
        if (!m_maxLength)
            return fail(path, "missing \"maxLength\"");
        if (*m_maxLength < m_prefix->length() || *m_maxLength > m_prefix->maxLength())
            return fail(path + "/maxLength", "maxLength " + std::to_string(*m_maxLength)
                                                 + " out of range "
                                                 + std::to_string(m_prefix->length()) + "-"
                                                 + std::to_string(m_prefix->maxLength()) + " for "
                                                 + m_prefix->toString());
        vrps.push_back({*m_prefix, *m_asn, static_cast<std::uint8_t>(*m_maxLength)});
        ++m_index;
        return true;
    }

    const char *fieldName() const noexcept
    {
        switch (m_pending) {
        case Field::Asn:
            return "asn";
        case Field::Prefix:
            return "prefix";
        case Field::MaxLength:
            return "maxLength";
        case Field::None:
            break;
        }
        return "value";
    }
    std::string elementPath() const { return "/roas/" + std::to_string(m_index); }
    std::string fieldPath() const { return elementPath() + "/" + fieldName(); }

    bool fail(std::string path, std::string reason)
    {
        if (!error)
            error = DataError{0, 0, std::move(path), std::move(reason)};
        return false;
    }

    Level m_level = Level::Root;
    Field m_pending = Field::None;
    bool m_roasPending = false;
    bool m_seenRoas = false;
    bool m_skipNext = false;
    std::size_t m_skipDepth = 0;
    std::size_t m_index = 0;
    std::optional<std::uint32_t> m_asn;
    std::optional<net::Prefix> m_prefix;
    std::optional<int> m_maxLength;
    std::string m_syntaxError;
    std::size_t m_syntaxPosition = 0;
};

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 3, column 9:
// syntax error while parsing ..."; the position is reported separately, so keep what follows.
std::string syntaxReason(const std::string &what)
{
    const std::size_t column = what.find("column ");
    if (column != std::string::npos) {
        const std::size_t colon = what.find(": ", column);
        if (colon != std::string::npos)
            return what.substr(colon + 2);
    }
    const std::size_t bracket = what.find("] ");
    return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

DataError syntaxError(std::string_view text, std::size_t position, const std::string &what)
{
    // `position` counts the bytes read, the offending one included.
    const std::size_t offending = std::min(position > 0 ? position - 1 : 0, text.size());
    std::size_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offending; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return DataError{line, offending - lineStart + 1, "", syntaxReason(what)};
}

} // namespace

Parsed<VrpSet> parseVrpJson(std::string_view text)
{
    VrpHandler handler;
    const bool ok = json::sax_parse(text.begin(), text.end(), &handler);
    if (handler.error)
        return *handler.error;
    if (!ok) {
        if (!handler.syntaxError().empty())
            return syntaxError(text, handler.syntaxPosition(), handler.syntaxError());
        return DataError{0, 0, "", "unreadable JSON"};
    }
    auto set = VrpSet::make(std::move(handler.vrps));
    if (!set) // every entry was range-checked above; kept so a future check cannot be skipped
        return DataError{0, 0, "/roas", set.error()};
    return std::move(*set);
}

} // namespace bwx::registry
