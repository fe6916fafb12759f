#include "bwx/net/address.h"
#include "bwx/pki/pki.h"
#include "certificate_builder.h"
#include "file_output.h"

#include <algorithm>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace bwx::pki {
namespace {

struct LoadedCa
{
    detail::KeyPtr key;
    detail::CertPtr cert;
    std::string certPem;
};

Expected<LoadedCa> loadCa(const std::filesystem::path &caDir)
{
    const auto keyPath = caDir / kCaKeyFile;
    const auto certPath = caDir / kCaCertFile;
    auto keyPem = detail::readFile(keyPath);
    if (!keyPem)
        return makeError(keyPem.error());
    auto certPem = detail::readFile(certPath);
    if (!certPem)
        return makeError(certPem.error());
    auto key = detail::parsePrivateKey(*keyPem, keyPath.string());
    if (!key)
        return makeError(key.error());
    auto cert = detail::parseCertificate(*certPem, certPath.string());
    if (!cert)
        return makeError(cert.error());
    if (X509_check_ca(cert->get()) < 1)
        return makeError("'" + certPath.string() + "' is not a CA certificate");
    if (X509_check_private_key(cert->get(), key->get()) != 1)
        return makeError(detail::opensslFailure("'" + keyPath.string() + "' is not the key of '"
                                                + certPath.string() + "'"));
    return LoadedCa{std::move(*key), std::move(*cert), std::move(*certPem)};
}

// The SAN entries and the subject of the certificate to issue, after validating the names.
struct Identity
{
    std::string commonName;
    std::string subjectAltName; // OpenSSL extension text
};

Expected<Identity> identityFor(Kind kind, std::string_view name, std::span<const std::string> hosts)
{
    if (kind != Kind::Server) {
        auto valid = validateName(name);
        if (!valid)
            return makeError(valid.error());
        // Exactly one URI: bwxd maps it to one member or admin; the name's character set
        // cannot break out of the extension text.
        return Identity{*valid, "URI:" + identityUri(kind, *valid)};
    }
    std::vector<std::string> all(hosts.begin(), hosts.end());
    if (all.empty())
        all.emplace_back(name);
    Identity id;
    std::vector<std::string> seen;
    for (const auto &h : all) {
        auto valid = validateServerHost(h);
        if (!valid)
            return makeError(valid.error());
        if (std::find(seen.begin(), seen.end(), *valid) != seen.end())
            continue;
        seen.push_back(*valid);
        if (!id.subjectAltName.empty())
            id.subjectAltName += ",";
        id.subjectAltName += (net::Address::parse(*valid) ? "IP:" : "DNS:") + *valid;
    }
    id.commonName = name.empty() ? seen.front() : std::string(name);
    if (id.commonName.size() > 64)
        return makeError("invalid server name '" + id.commonName + "': longer than 64 characters");
    return id;
}

} // namespace

Expected<IssuedCertificate> issueCertificate(const std::filesystem::path &caDir,
                                             Kind kind,
                                             std::string_view name,
                                             const std::filesystem::path &outDir,
                                             int validityDays,
                                             std::span<const std::string> serverHosts,
                                             bool force)
{
    if (validityDays < 1 || validityDays > kMaxValidityDays)
        return makeError("invalid validity " + std::to_string(validityDays) + " days: must be 1-"
                         + std::to_string(kMaxValidityDays));
    auto identity = identityFor(kind, name, serverHosts);
    if (!identity)
        return makeError(identity.error());
    auto ca = loadCa(caDir);
    if (!ca)
        return makeError(ca.error());

    if (auto made = detail::ensurePrivateDirectory(outDir); !made)
        return makeError(made.error());
    const auto keyPath = outDir / keyFileName(kind);
    const auto certPath = outDir / certFileName(kind);
    const auto caCopy = outDir / kCaCertFile;
    std::error_code ec;
    const bool caCopyIsOriginal = std::filesystem::equivalent(caCopy, caDir / kCaCertFile, ec);
    if (!force) {
        for (const auto &p : {keyPath, certPath})
            if (std::filesystem::exists(p, ec))
                return makeError("refusing to overwrite existing '" + p.string()
                                 + "' (use --force to replace it)");
        // A profile directory holding another exchange's CA would stop working silently.
        if (!caCopyIsOriginal && std::filesystem::exists(caCopy, ec)) {
            auto existing = detail::readFile(caCopy);
            if (!existing || *existing != ca->certPem)
                return makeError(
                    "'" + caCopy.string()
                    + "' holds a different CA certificate (use --force to replace it)");
        }
    }

    auto key = detail::generateKey();
    if (!key)
        return makeError(key.error());
    detail::CertificateSpec spec;
    spec.commonName = identity->commonName;
    spec.organizationalUnit = std::string(toString(kind));
    spec.validityDays = validityDays;
    spec.extensions = {
        {NID_basic_constraints, "critical,CA:FALSE"},
        // ECDHE signs with the certificate's key; nothing is ever encrypted to it.
        {NID_key_usage, "critical,digitalSignature"},
        {NID_ext_key_usage, kind == Kind::Server ? "serverAuth" : "clientAuth"},
        {NID_subject_key_identifier, "hash"},
        {NID_authority_key_identifier, "keyid:always"},
        {NID_subject_alt_name, identity->subjectAltName},
    };
    auto cert = detail::buildCertificate(spec, key->get(), ca->cert.get(), ca->key.get());
    if (!cert)
        return makeError(cert.error());
    auto keyPem = detail::privateKeyPem(key->get());
    if (!keyPem)
        return makeError(keyPem.error());
    auto certPem = detail::certificatePem(cert->get());
    if (!certPem)
        return makeError(certPem.error());

    if (auto w = detail::writeFileAtomically(keyPath, *keyPem, 0600, force); !w)
        return makeError(w.error());
    if (auto w = detail::writeFileAtomically(certPath, *certPem, 0644, force); !w)
        return makeError(w.error());
    if (!caCopyIsOriginal)
        if (auto w = detail::writeFileAtomically(caCopy, ca->certPem, 0644, true); !w)
            return makeError(w.error());

    IssuedCertificate issued;
    issued.key = keyPath;
    issued.certificate = certPath;
    issued.caCertificate = caCopy;
    issued.subject = detail::subjectText(cert->get());
    issued.subjectAltNames = detail::subjectAltNames(cert->get());
    issued.serial = detail::serialHex(cert->get());
    issued.notBefore = detail::toTimestamp(X509_get0_notBefore(cert->get()));
    issued.notAfter = detail::toTimestamp(X509_get0_notAfter(cert->get()));
    return issued;
}

} // namespace bwx::pki
