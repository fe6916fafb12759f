#pragma once
// Who is at the other end of a TLS session. The contract with the certificate-issuing tool
// (bwxctl): a client certificate carries exactly one subjectAltName URI, either
// "urn:bwx:member:<name>" or "urn:bwx:admin:<name>". Anything else is refused with a reason
// that is logged (never sent to the peer in more detail than "certificate refused: ...").
#include "bwx/domain/order_types.h"
#include "bwx/expected.h"

#include <string>
#include <string_view>
#include <vector>

typedef struct x509_st X509;

namespace bwx::server {

struct Identity
{
    Role role = Role::Member;
    std::string name;
    friend bool operator==(const Identity &, const Identity &) = default;
};

inline constexpr std::string_view kMemberUriPrefix = "urn:bwx:member:";
inline constexpr std::string_view kAdminUriPrefix = "urn:bwx:admin:";

// A member or admin name: 1-32 characters of [a-z0-9_-] starting with a letter (the same rule
// as the market's member names and bwxctl's certificate issuing).
bool isValidIdentityName(std::string_view name);

// Parses one SAN URI value; the error says what is wrong with it.
Expected<Identity> identityFromUri(std::string_view uri);

// The identity a verified peer certificate stands for. Only the SAN is looked at; the subject
// CN is ignored on purpose (a CN can be anything a CA operator typed).
Expected<Identity> identityFromCertificate(X509 *certificate);

// The same for a PEM-encoded certificate (tests, --check-config).
Expected<Identity> identityFromPem(std::string_view pem);

// Admission of an admin identity given the configured allow-list (empty = everyone).
bool adminAllowed(const Identity &identity, const std::vector<std::string> &allow);

} // namespace bwx::server
