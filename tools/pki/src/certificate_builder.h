#pragma once
// Building and encoding X.509 certificates with OpenSSL 3: the steps shared by the CA and by
// every issued certificate.
#include "bwx/expected.h"
#include "openssl_util.h"

#include <string>
#include <utility>
#include <vector>

namespace bwx::pki::detail {

struct CertificateSpec
{
    std::string commonName;
    std::string organizationalUnit; // empty = none
    int validityDays = 0;
    // (NID, OpenSSL extension text), added in order: subjectKeyIdentifier must precede
    // authorityKeyIdentifier on a self-signed certificate, which looks itself up.
    std::vector<std::pair<int, std::string>> extensions;
};

// A fresh EC P-256 key.
Expected<KeyPtr> generateKey();

// Signs `spec` over `subjectKey` with `issuerKey`; `issuer` null means self-signed.
Expected<CertPtr> buildCertificate(const CertificateSpec &spec,
                                   EVP_PKEY *subjectKey,
                                   X509 *issuer,
                                   EVP_PKEY *issuerKey);

Expected<std::string> privateKeyPem(EVP_PKEY *key);
Expected<std::string> certificatePem(X509 *cert);
Expected<KeyPtr> parsePrivateKey(const std::string &pem, const std::string &source);
Expected<CertPtr> parseCertificate(const std::string &pem, const std::string &source);

std::string serialHex(const X509 *cert);
std::string subjectText(const X509 *cert);
// "URI:urn:bwx:member:alice", "DNS:localhost", "IP:127.0.0.1"
std::vector<std::string> subjectAltNames(const X509 *cert);

} // namespace bwx::pki::detail
