#pragma once
// The exchange's own certificate authority (OpenSSL 3): one CA key and certificate, and the
// certificates it issues to members, admins and bwxd.
//
// The identity contract with bwxd: a member or admin certificate carries exactly one subject
// alternative name, the URI urn:bwx:member:<name> or urn:bwx:admin:<name>, and
// extendedKeyUsage clientAuth. Server certificates carry DNS/IP names and serverAuth.
#include "bwx/domain/units.h"
#include "bwx/expected.h"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::pki {

enum class Kind { Member, Admin, Server };

std::string_view toString(Kind kind); // "member", "admin", "server"

// File names inside a CA directory and inside an issued directory: <kind>.key / <kind>.crt,
// plus a copy of ca.crt, so an issued directory is a complete bwxctl profile.
inline constexpr std::string_view kCaKeyFile = "ca.key";
inline constexpr std::string_view kCaCertFile = "ca.crt";
std::string keyFileName(Kind kind);
std::string certFileName(Kind kind);

inline constexpr int kCaValidityDays = 3650;
inline constexpr int kMaxValidityDays = 3650;

// Member and admin names: 1-32 characters of [a-z0-9_-], starting with a letter. The error
// says which rule was broken.
Expected<std::string> validateName(std::string_view name);
// A server host: a DNS name (letters, digits, '-', dots; labels of 1-63) or an IP address.
Expected<std::string> validateServerHost(std::string_view host);
// "urn:bwx:member:alice"; only for Member and Admin.
std::string identityUri(Kind kind, std::string_view name);

struct CaFiles
{
    std::filesystem::path key;
    std::filesystem::path certificate;
    std::string serial; // hex
    Timestamp notAfter{};
};

// Creates <dir>/ca.key (EC P-256, mode 0600) and <dir>/ca.crt (self-signed, CA:TRUE,
// keyCertSign + cRLSign, 10 years). Refuses when either file exists, unless `force`.
Expected<CaFiles>
createCa(const std::filesystem::path &dir, std::string_view commonName, bool force = false);

struct IssuedCertificate
{
    std::filesystem::path key;
    std::filesystem::path certificate;
    std::filesystem::path caCertificate;      // the copy of ca.crt beside them
    std::string subject;                      // "CN=alice,OU=member,O=BWX"
    std::vector<std::string> subjectAltNames; // "URI:urn:bwx:member:alice", "DNS:localhost"
    std::string serial;                       // hex, 128 random bits
    Timestamp notBefore{};
    Timestamp notAfter{};
};

// Issues a key and certificate signed by the CA in `caDir` into `outDir`. For Member and Admin
// `name` is the member name; for Server it is the common name and `serverHosts` the SAN
// entries (the name itself when empty). Refuses to overwrite an existing key or certificate
// unless `force`.
Expected<IssuedCertificate> issueCertificate(const std::filesystem::path &caDir,
                                             Kind kind,
                                             std::string_view name,
                                             const std::filesystem::path &outDir,
                                             int validityDays,
                                             std::span<const std::string> serverHosts = {},
                                             bool force = false);

} // namespace bwx::pki
