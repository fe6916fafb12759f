#include "bwx/server/identity.h"

#include "bwx/server/log.h"

#include <algorithm>
#include <memory>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace bwx::server {
namespace {

struct GeneralNamesFree
{
    void operator()(GENERAL_NAMES *names) const { GENERAL_NAMES_free(names); }
};
struct X509Free
{
    void operator()(X509 *cert) const { X509_free(cert); }
};
struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

} // namespace

bool isValidIdentityName(std::string_view name)
{
    if (name.empty() || name.size() > 32 || name.front() < 'a' || name.front() > 'z')
        return false;
    return std::all_of(name.begin(), name.end(), isNameChar);
}

Expected<Identity> identityFromUri(std::string_view uri)
{
    Identity identity;
    std::string_view name;
    if (uri.starts_with(kMemberUriPrefix)) {
        identity.role = Role::Member;
        name = uri.substr(kMemberUriPrefix.size());
    } else if (uri.starts_with(kAdminUriPrefix)) {
        identity.role = Role::Admin;
        name = uri.substr(kAdminUriPrefix.size());
    } else {
        return makeError("subjectAltName URI '" + printable(uri)
                         + "' is neither urn:bwx:member:<name> nor urn:bwx:admin:<name>");
    }
    if (!isValidIdentityName(name))
        return makeError("subjectAltName URI '" + printable(uri)
                         + "' has an invalid name (1-32 of a-z 0-9 _ -, "
                           "starting with a letter)");
    identity.name = std::string(name);
    return identity;
}

Expected<Identity> identityFromCertificate(X509 *certificate)
{
    if (!certificate)
        return makeError("no client certificate");
    std::unique_ptr<GENERAL_NAMES, GeneralNamesFree> names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    if (!names)
        return makeError("certificate has no subjectAltName extension");
    std::vector<std::string> uris;
    const int count = sk_GENERAL_NAME_num(names.get());
    for (int i = 0; i < count; ++i) {
        const GENERAL_NAME *entry = sk_GENERAL_NAME_value(names.get(), i);
        if (entry->type != GEN_URI)
            continue;
        const ASN1_IA5STRING *value = entry->d.uniformResourceIdentifier;
        // Explicit length: an embedded NUL must not shorten the URI we compare.
        uris.emplace_back(reinterpret_cast<const char *>(ASN1_STRING_get0_data(value)),
                          static_cast<std::size_t>(ASN1_STRING_length(value)));
    }
    if (uris.empty())
        return makeError("certificate has no URI subjectAltName (urn:bwx:member:<name> or "
                         "urn:bwx:admin:<name> required)");
    if (uris.size() > 1) {
        std::string list;
        for (const auto &uri : uris)
            list += (list.empty() ? "" : ", ") + printable(uri, 80);
        return makeError("certificate has " + std::to_string(uris.size())
                         + " URI subjectAltNames, exactly one is allowed: " + list);
    }
    return identityFromUri(uris.front());
}

Expected<Identity> identityFromPem(std::string_view pem)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return makeError("out of memory reading the certificate");
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return makeError("not a PEM certificate");
    return identityFromCertificate(cert.get());
}

bool adminAllowed(const Identity &identity, const std::vector<std::string> &allow)
{
    if (identity.role != Role::Admin)
        return false;
    return allow.empty() || std::find(allow.begin(), allow.end(), identity.name) != allow.end();
}

} // namespace bwx::server
