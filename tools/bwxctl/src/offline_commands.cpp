// bwxctl ca init / cert issue: the exchange's CA, no connection needed.
#include "bwx/pki/pki.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"

#include <CLI/CLI.hpp>

namespace bwx::ctl {
namespace {

struct CaInitArgs
{
    std::string dir;
    std::string name = "BWX Exchange CA";
    bool force = false;
};

struct IssueArgs
{
    std::string caDir;
    std::string member;
    std::string admin;
    std::string server; // HOST[,HOST...]
    std::string out;
    int days = 365;
    bool force = false;
};

int caInit(const Context &ctx, const CaInitArgs &a)
{
    auto ca = pki::createCa(a.dir, a.name, a.force);
    if (!ca)
        throw UsageError(ca.error());
    Json j;
    j["key"] = ca->key.string();
    j["certificate"] = ca->certificate.string();
    j["serial"] = ca->serial;
    j["not_after"] = timeJson(ca->notAfter);
    ctx.print(j, "created CA '" + a.name + "'\n  key:         " + ca->key.string()
                     + "  (private: keep it offline, never on the exchange server)\n"
                     + "  certificate: " + ca->certificate.string() + "  (give it to bwxd and "
                     + "every member)\n  valid until: " + formatTimestamp(ca->notAfter) + "\n");
    return kExitOk;
}

std::vector<std::string> splitHosts(const std::string &list)
{
    std::vector<std::string> hosts;
    std::size_t start = 0;
    for (;;) {
        const auto comma = list.find(',', start);
        hosts.push_back(list.substr(start, comma - start));
        if (comma == std::string::npos)
            return hosts;
        start = comma + 1;
    }
}

int certIssue(const Context &ctx, const IssueArgs &a)
{
    const int chosen = int(!a.member.empty()) + int(!a.admin.empty()) + int(!a.server.empty());
    if (chosen != 1)
        throw UsageError(
            "give exactly one of --member NAME, --admin NAME or --server HOST[,HOST...]");
    pki::Kind kind = pki::Kind::Member;
    std::string name = a.member;
    std::vector<std::string> hosts;
    if (!a.admin.empty()) {
        kind = pki::Kind::Admin;
        name = a.admin;
    } else if (!a.server.empty()) {
        kind = pki::Kind::Server;
        hosts = splitHosts(a.server);
        name = hosts.front();
    }
    auto issued = pki::issueCertificate(a.caDir, kind, name, a.out, a.days, hosts, a.force);
    if (!issued)
        throw UsageError(issued.error());

    Json j;
    j["kind"] = toString(kind);
    j["name"] = name;
    j["key"] = issued->key.string();
    j["certificate"] = issued->certificate.string();
    j["ca_certificate"] = issued->caCertificate.string();
    j["subject"] = issued->subject;
    j["subject_alt_names"] = issued->subjectAltNames;
    j["serial"] = issued->serial;
    j["not_before"] = timeJson(issued->notBefore);
    j["not_after"] = timeJson(issued->notAfter);
    std::string sans;
    for (const auto &s : issued->subjectAltNames)
        sans += (sans.empty() ? "" : ", ") + s;
    ctx.print(j, "issued " + std::string(toString(kind)) + " certificate for '" + name + "'\n"
                     + "  key:         " + issued->key.string() + "  (private, mode 0600)\n"
                     + "  certificate: " + issued->certificate.string() + "\n"
                     + "  CA:          " + issued->caCertificate.string() + "\n"
                     + "  identity:    " + sans + "\n" + "  serial:      " + issued->serial + "\n"
                     + "  valid until: " + formatTimestamp(issued->notAfter) + "\n");
    return kExitOk;
}

} // namespace

void addOfflineCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *ca = app.add_subcommand("ca", "The exchange's certificate authority (offline)");
    ca->require_subcommand(1);
    auto *init = ca->add_subcommand("init", "Create the CA key and certificate in a directory");
    auto caArgs = std::make_shared<CaInitArgs>();
    init->add_option("--dir", caArgs->dir, "Directory for ca.key and ca.crt")->required();
    init->add_option("--name", caArgs->name, "Common name of the CA")->capture_default_str();
    init->add_flag("--force", caArgs->force,
                   "Replace an existing CA key (invalidates every certificate)");
    init->callback([&ctx, &action, caArgs] {
        action = [&ctx, caArgs] {
            return caInit(ctx, *caArgs);
        };
    });

    auto *cert = app.add_subcommand("cert", "Certificates signed by the exchange's CA (offline)");
    cert->require_subcommand(1);
    auto *issue = cert->add_subcommand("issue", "Issue a member, admin or server certificate");
    auto a = std::make_shared<IssueArgs>();
    issue->add_option("--ca-dir", a->caDir, "Directory holding ca.key and ca.crt")->required();
    issue->add_option("--member", a->member, "Member name (a-z, 0-9, _ and -, up to 32)");
    issue->add_option("--admin", a->admin, "Admin name (same rules as a member name)");
    issue->add_option("--server", a->server, "Server host names and addresses, comma-separated");
    issue->add_option("--out", a->out, "Directory for the key, the certificate and ca.crt")
        ->required();
    issue->add_option("--days", a->days, "Validity in days")->capture_default_str();
    issue->add_flag("--force", a->force, "Replace an existing key and certificate");
    issue->callback([&ctx, &action, a] {
        action = [&ctx, a] {
            return certIssue(ctx, *a);
        };
    });
}

} // namespace bwx::ctl
