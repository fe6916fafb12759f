#include "bwx/pki/pki.h"
#include "bwx/proto/wire.h"
#include "certificate_builder.h"
#include "file_output.h"

#include <openssl/obj_mac.h>
#include <openssl/x509.h>

namespace bwx::pki {
namespace {

Expected<std::string> validateCommonName(std::string_view name)
{
    // 64 is the X.520 upper bound for a common name.
    if (name.empty() || name.size() > 64)
        return makeError("invalid CA name: must be 1-64 characters");
    if (!proto::isValidUtf8(name))
        return makeError("invalid CA name: not valid UTF-8");
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return makeError("invalid CA name: contains a control character");
    return std::string(name);
}

} // namespace

Expected<CaFiles>
createCa(const std::filesystem::path &dir, std::string_view commonName, bool force)
{
    auto cn = validateCommonName(commonName);
    if (!cn)
        return makeError(cn.error());
    if (auto made = detail::ensurePrivateDirectory(dir); !made)
        return makeError(made.error());
    const auto keyPath = dir / kCaKeyFile;
    const auto certPath = dir / kCaCertFile;
    std::error_code ec;
    for (const auto &p : {keyPath, certPath})
        if (!force && std::filesystem::exists(p, ec))
            return makeError("refusing to overwrite existing '" + p.string()
                             + "' (use --force to replace it)");

    auto key = detail::generateKey();
    if (!key)
        return makeError(key.error());
    detail::CertificateSpec spec;
    spec.commonName = *cn;
    spec.validityDays = kCaValidityDays;
    // pathlen:0 — this CA signs end-entity certificates only, never another CA.
    spec.extensions = {
        {NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
        {NID_key_usage, "critical,keyCertSign,cRLSign"},
        {NID_subject_key_identifier, "hash"},
        {NID_authority_key_identifier, "keyid:always"},
    };
    auto cert = detail::buildCertificate(spec, key->get(), nullptr, key->get());
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

    CaFiles files;
    files.key = keyPath;
    files.certificate = certPath;
    files.serial = detail::serialHex(cert->get());
    files.notAfter = detail::toTimestamp(X509_get0_notAfter(cert->get()));
    return files;
}

} // namespace bwx::pki
