#include "certificate_builder.h"

#include "bwx/net/address.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace bwx::pki::detail {
namespace {

// Clocks of members' machines may run a little behind the CA's: a certificate that is not
// yet valid for a few minutes after issue would be a confusing failure.
constexpr long kBackdateSeconds = 5 * 60;

// 128 random bits, positive (top bit clear) and never zero, as RFC 5280 asks of serials.
Expected<BigNumPtr> randomSerial()
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return makeError(opensslFailure("cannot draw a random serial number"));
    bytes[0] &= 0x7f;
    bytes[0] |= 0x40;
    BigNumPtr bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!bn)
        return makeError(opensslFailure("cannot build the serial number"));
    return bn;
}

bool addNameEntry(X509_NAME *name, const char *field, const std::string &value)
{
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(value.c_str()),
                                      static_cast<int>(value.size()), -1, 0)
           == 1;
}

std::string generalNameText(const GENERAL_NAME *gn)
{
    int type = 0;
    const void *value = GENERAL_NAME_get0_value(gn, &type);
    const auto *s = static_cast<const ASN1_STRING *>(value);
    const std::string data(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                           static_cast<std::size_t>(ASN1_STRING_length(s)));
    switch (type) {
    case GEN_URI:
        return "URI:" + data;
    case GEN_DNS:
        return "DNS:" + data;
    case GEN_EMAIL:
        return "email:" + data;
    case GEN_IPADD: {
        const auto *raw = reinterpret_cast<const std::uint8_t *>(data.data());
        if (data.size() == 4)
            return "IP:" + net::Address::fromBytes(net::Family::V4, {raw, 4}).toString();
        if (data.size() == 16)
            return "IP:" + net::Address::fromBytes(net::Family::V6, {raw, 16}).toString();
        return "IP:?";
    }
    default:
        return "other:" + std::to_string(type);
    }
}

} // namespace

Expected<KeyPtr> generateKey()
{
    KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return makeError(opensslFailure("cannot generate an EC P-256 key"));
    return key;
}

Expected<CertPtr> buildCertificate(const CertificateSpec &spec,
                                   EVP_PKEY *subjectKey,
                                   X509 *issuer,
                                   EVP_PKEY *issuerKey)
{
    CertPtr cert(X509_new());
    if (!cert)
        return makeError(opensslFailure("cannot allocate a certificate"));
    auto serial = randomSerial();
    if (!serial)
        return makeError(serial.error());
    ASN1_INTEGER *serialField = X509_get_serialNumber(cert.get());
    if (X509_set_version(cert.get(), X509_VERSION_3) != 1
        || !BN_to_ASN1_INTEGER(serial->get(), serialField)
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds)
        || !X509_time_adj_ex(X509_getm_notAfter(cert.get()), spec.validityDays, 0, nullptr)
        || X509_set_pubkey(cert.get(), subjectKey) != 1)
        return makeError(opensslFailure("cannot fill in the certificate"));

    X509_NAME *subject = X509_get_subject_name(cert.get());
    if (!spec.organizationalUnit.empty() && !addNameEntry(subject, "OU", spec.organizationalUnit))
        return makeError(opensslFailure("cannot set the organizational unit"));
    if (!addNameEntry(subject, "CN", spec.commonName))
        return makeError(opensslFailure("cannot set the common name '" + spec.commonName + "'"));
    X509 *issuerCert = issuer ? issuer : cert.get();
    if (X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert)) != 1)
        return makeError(opensslFailure("cannot set the issuer name"));

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuerCert, cert.get(), nullptr, nullptr, 0);
    for (const auto &[nid, text] : spec.extensions) {
        ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, text.c_str()));
        if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1)
            return makeError(opensslFailure(std::string("cannot add extension ") + OBJ_nid2sn(nid)
                                            + " '" + text + "'"));
    }
    if (X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0)
        return makeError(opensslFailure("cannot sign the certificate"));
    return cert;
}

Expected<std::string> privateKeyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return makeError(opensslFailure("cannot encode the private key"));
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

Expected<std::string> certificatePem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return makeError(opensslFailure("cannot encode the certificate"));
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

Expected<KeyPtr> parsePrivateKey(const std::string &pem, const std::string &source)
{
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return makeError(opensslFailure("cannot read the private key '" + source + "'"));
    return key;
}

Expected<CertPtr> parseCertificate(const std::string &pem, const std::string &source)
{
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    CertPtr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert)
        return makeError(opensslFailure("cannot read the certificate '" + source + "'"));
    return cert;
}

std::string serialHex(const X509 *cert)
{
    BigNumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    if (!bn)
        return {};
    char *hex = BN_bn2hex(bn.get());
    std::string text = hex ? hex : "";
    OPENSSL_free(hex);
    for (auto &c : text)
        if (c >= 'A' && c <= 'F')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string subjectText(const X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253) < 0)
        return {};
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

std::vector<std::string> subjectAltNames(const X509 *cert)
{
    std::vector<std::string> names;
    auto *gens = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (!gens)
        return names;
    for (int i = 0; i < sk_GENERAL_NAME_num(gens); ++i)
        names.push_back(generalNameText(sk_GENERAL_NAME_value(gens, i)));
    GENERAL_NAMES_free(gens);
    return names;
}

} // namespace bwx::pki::detail
