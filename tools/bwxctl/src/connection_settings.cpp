#include "connection_settings.h"

#include "endpoint.h"

#include <cstdlib>
#include <filesystem>

namespace bwx::ctl {
namespace {

namespace fs = std::filesystem;

std::string firstOf(const std::string &flag,
                    const std::string &fromProfile,
                    const std::optional<std::string> &fromEnv)
{
    if (!flag.empty())
        return flag;
    if (!fromProfile.empty())
        return fromProfile;
    return fromEnv.value_or(std::string());
}

Expected<std::string> existingFile(const std::string &path, const char *what)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return makeError(std::string(what) + " '" + path + "' does not exist");
    if (!fs::is_regular_file(path, ec))
        return makeError(std::string(what) + " '" + path + "' is not a file");
    return path;
}

} // namespace

EnvLookup processEnvironment()
{
    return [](const char *name) -> std::optional<std::string> {
        if (const char *v = std::getenv(name); v && *v)
            return std::string(v);
        return std::nullopt;
    };
}

Expected<client::ClientOptions> resolveConnection(const ConnectionFlags &flags,
                                                  const EnvLookup &env)
{
    std::string profileCert, profileKey, profileCa;
    const std::string profile
        = flags.profile.empty() ? env("BWX_PROFILE").value_or("") : flags.profile;
    if (!profile.empty()) {
        std::error_code ec;
        if (!fs::is_directory(profile, ec))
            return makeError("profile directory '" + profile + "' does not exist");
        // A profile holds one identity: a member's, or else an admin's.
        for (const char *kind : {"member", "admin"}) {
            const fs::path crt = fs::path(profile) / (std::string(kind) + ".crt");
            if (fs::exists(crt, ec)) {
                profileCert = crt.string();
                profileKey = (fs::path(profile) / (std::string(kind) + ".key")).string();
                break;
            }
        }
        if (const fs::path ca = fs::path(profile) / "ca.crt"; fs::exists(ca, ec))
            profileCa = ca.string();
    }

    client::ClientOptions options;
    auto endpoint = parseEndpoint(firstOf(flags.server, {}, env("BWX_SERVER")));
    if (!endpoint)
        return makeError(endpoint.error());
    options.host = endpoint->host;
    options.port = endpoint->port;
    options.serverName = flags.serverName;
    if (flags.timeoutMs < 1)
        return makeError("invalid timeout " + std::to_string(flags.timeoutMs) + " ms");
    options.timeout = std::chrono::milliseconds(flags.timeoutMs);

    options.certFile = firstOf(flags.cert, profileCert, env("BWX_CERT"));
    // A key is looked up where its certificate came from, never mixed across sources.
    if (!flags.cert.empty())
        options.keyFile = flags.key;
    else if (!profileCert.empty())
        options.keyFile = flags.key.empty() ? profileKey : flags.key;
    else
        options.keyFile = firstOf(flags.key, {}, env("BWX_KEY"));
    options.caFile = firstOf(flags.ca, profileCa, env("BWX_CA"));

    if (!options.certFile.empty()) {
        if (auto f = existingFile(options.certFile, "certificate file"); !f)
            return makeError(f.error());
        if (options.keyFile.empty())
            return makeError("certificate '" + options.certFile
                             + "' given without its key: use --key or BWX_KEY");
        if (auto f = existingFile(options.keyFile, "key file"); !f)
            return makeError(f.error());
    } else if (!options.keyFile.empty()) {
        return makeError("key '" + options.keyFile + "' given without a certificate: use --cert");
    }
    if (options.caFile.empty())
        return makeError("no CA certificate to verify the exchange with: use --ca, BWX_CA or a "
                         "profile");
    if (auto f = existingFile(options.caFile, "CA certificate file"); !f)
        return makeError(f.error());
    return options;
}

} // namespace bwx::ctl
