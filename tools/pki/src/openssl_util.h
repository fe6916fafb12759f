#pragma once
// Owning handles for the OpenSSL objects bwx_pki builds, and the error text of a failure.
#include "bwx/domain/units.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>

namespace bwx::pki::detail {

struct OpenSslFree
{
    void operator()(EVP_PKEY *p) const noexcept { EVP_PKEY_free(p); }
    void operator()(X509 *p) const noexcept { X509_free(p); }
    void operator()(BIO *p) const noexcept { BIO_free_all(p); }
    void operator()(BIGNUM *p) const noexcept { BN_free(p); }
    void operator()(X509_EXTENSION *p) const noexcept { X509_EXTENSION_free(p); }
};

using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree>;
using CertPtr = std::unique_ptr<X509, OpenSslFree>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree>;
using BigNumPtr = std::unique_ptr<BIGNUM, OpenSslFree>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree>;

// Empties OpenSSL's error queue into one line of reasons.
std::string takeOpenSslErrors();
// "<what>: <reasons>"
std::string opensslFailure(const std::string &what);

Timestamp toTimestamp(const ASN1_TIME *time);

} // namespace bwx::pki::detail
