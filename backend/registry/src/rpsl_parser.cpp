// RPSL is read line by line, keeping only what route objects need: a full IRR dump has
// millions of objects of which most attributes are irrelevant here.
#include "asn_text.h"
#include "bwx/registry/rpsl.h"

#include <cctype>
#include <optional>
#include <string>

namespace bwx::registry {

namespace {

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trim(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const std::size_t last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string_view withoutComment(std::string_view value)
{
    const std::size_t hash = value.find('#');
    return hash == std::string_view::npos ? value : value.substr(0, hash);
}

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// An attribute that matters, with the line it started on; continuation lines append to it.
struct Attribute
{
    std::string value;
    std::size_t line = 0;
};

class ObjectReader
{
public:
    std::vector<IrrRoute> routes;
    std::optional<DataError> error;

    bool attribute(std::string_view name, std::string_view value, std::size_t line)
    {
        const std::string key = lowered(name);
        m_current = nullptr;
        if (!m_open) {
            m_open = true;
            m_class = key;
            m_firstLine = line;
        }
        if (!isRouteObject())
            return true;
        if (key == m_class) {
            if (m_prefix)
                return fail(line, m_class + ": appears twice in one object");
            m_prefix = Attribute{std::string(value), line};
            m_current = &*m_prefix;
        } else if (key == "origin") {
            if (m_origin)
                return fail(line, "origin: appears twice in one object");
            m_origin = Attribute{std::string(value), line};
            m_current = &*m_origin;
        }
        return true;
    }

    bool continuation(std::string_view value, std::size_t line)
    {
        if (!m_open)
            return fail(line, "continuation line outside an object");
        if (m_current) {
            m_current->value += ' ';
            m_current->value += value;
        }
        return true;
    }

    bool endObject()
    {
        if (!m_open)
            return true;
        const bool ok = !isRouteObject() || finishRoute();
        m_open = false;
        m_class.clear();
        m_prefix.reset();
        m_origin.reset();
        m_current = nullptr;
        return ok;
    }

    bool fail(std::size_t line, std::string reason)
    {
        if (!error)
            error = DataError{line, 0, "", std::move(reason)};
        return false;
    }

private:
    bool isRouteObject() const { return m_class == "route" || m_class == "route6"; }

    bool finishRoute()
    {
        const std::string_view prefixText = trim(m_prefix->value);
        auto prefix = net::Prefix::parse(prefixText);
        if (!prefix)
            return fail(m_prefix->line, m_class + ": " + prefix.error());
        const bool v6 = m_class == "route6";
        if (v6 && prefix->family() != net::Family::V6)
            return fail(m_prefix->line,
                        "route6: " + prefix->toString() + " is not an IPv6 prefix (use route:)");
        if (!v6 && prefix->family() != net::Family::V4)
            return fail(m_prefix->line,
                        "route: " + prefix->toString() + " is not an IPv4 prefix (use route6:)");
        if (!m_origin)
            return fail(m_firstLine,
                        m_class + " object " + prefix->toString() + " has no origin: attribute");
        const std::string_view originText = trim(m_origin->value);
        const auto origin = detail::parseAsnWithPrefix(originText);
        if (!origin)
            return fail(m_origin->line, "origin: invalid ASN " + net::detail::quoteInput(originText)
                                            + " (expected AS<number>)");
        routes.push_back({*prefix, *origin});
        return true;
    }

    bool m_open = false;
    std::string m_class;
    std::size_t m_firstLine = 0;
    std::optional<Attribute> m_prefix;
    std::optional<Attribute> m_origin;
    Attribute *m_current = nullptr;
};

} // namespace

Parsed<IrrSet> parseRpsl(std::string_view text)
{
    ObjectReader reader;
    std::size_t lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);

        bool ok = true;
        if (isBlank(line)) {
            ok = reader.endObject();
        } else if (line.front() == '#' || line.front() == '%') {
            continue;
        } else if (line.front() == ' ' || line.front() == '\t' || line.front() == '+') {
            ok = reader.continuation(trim(withoutComment(line.substr(1))), lineNumber);
        } else {
            const std::size_t colon = line.find(':');
            std::size_t nameEnd = 0;
            while (nameEnd < line.size() && isNameChar(line[nameEnd]))
                ++nameEnd;
            if (colon == std::string_view::npos || nameEnd != colon || colon == 0)
                ok = reader.fail(lineNumber, "expected \"attribute: value\", got "
                                                 + net::detail::quoteInput(line));
            else
                ok = reader.attribute(line.substr(0, colon),
                                      trim(withoutComment(line.substr(colon + 1))), lineNumber);
        }
        if (!ok)
            return *reader.error;
    }
    if (!reader.endObject())
        return *reader.error;
    return IrrSet::make(std::move(reader.routes));
}

} // namespace bwx::registry
