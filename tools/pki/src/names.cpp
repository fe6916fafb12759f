#include "bwx/net/address.h"
#include "bwx/pki/pki.h"

namespace bwx::pki {
namespace {

bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Printable ASCII for messages, so a hostile name cannot garble the terminal.
std::string shown(std::string_view text)
{
    std::string out;
    for (char c : text.substr(0, 64)) {
        if (c >= 0x20 && c < 0x7f)
            out += c;
        else
            out += '?';
    }
    return out + (text.size() > 64 ? "..." : "");
}

} // namespace

std::string_view toString(Kind kind)
{
    switch (kind) {
    case Kind::Member:
        return "member";
    case Kind::Admin:
        return "admin";
    case Kind::Server:
        return "server";
    }
    return "?";
}

std::string keyFileName(Kind kind)
{
    return std::string(toString(kind)) + ".key";
}

std::string certFileName(Kind kind)
{
    return std::string(toString(kind)) + ".crt";
}

Expected<std::string> validateName(std::string_view name)
{
    if (name.empty())
        return makeError("invalid name: empty");
    if (name.size() > 32)
        return makeError("invalid name '" + shown(name) + "': longer than 32 characters");
    if (!isLower(name.front()))
        return makeError("invalid name '" + shown(name) + "': must start with a letter a-z");
    for (char c : name) {
        if (!isLower(c) && !isDigit(c) && c != '_' && c != '-')
            return makeError("invalid name '" + shown(name) + "': character '" + shown({&c, 1})
                             + "' is not one of a-z 0-9 _ -");
    }
    return std::string(name);
}

Expected<std::string> validateServerHost(std::string_view host)
{
    if (host.empty())
        return makeError("invalid server host: empty");
    if (net::Address::parse(host))
        return std::string(host);
    if (host.size() > 253)
        return makeError("invalid server host '" + shown(host) + "': longer than 253 characters");
    std::size_t labelStart = 0;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i < host.size() && host[i] != '.') {
            const char c = host[i];
            const bool ok = isLower(c) || isDigit(c) || (c >= 'A' && c <= 'Z') || c == '-';
            if (!ok)
                return makeError("invalid server host '" + shown(host) + "': character '"
                                 + shown({&host[i], 1})
                                 + "' is neither a letter, a digit, '-' nor '.' (and it is not "
                                   "an IP address)");
            continue;
        }
        const std::string_view label = host.substr(labelStart, i - labelStart);
        if (label.empty())
            return makeError("invalid server host '" + shown(host) + "': empty label");
        if (label.size() > 63)
            return makeError("invalid server host '" + shown(host)
                             + "': a label is longer than 63 characters");
        if (label.front() == '-' || label.back() == '-')
            return makeError("invalid server host '" + shown(host)
                             + "': a label starts or ends with '-'");
        labelStart = i + 1;
    }
    return std::string(host);
}

std::string identityUri(Kind kind, std::string_view name)
{
    return "urn:bwx:" + std::string(toString(kind)) + ":" + std::string(name);
}

} // namespace bwx::pki
