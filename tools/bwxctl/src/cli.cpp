#include "cli.h"

#include "bwx/client/client_error.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"

#include <CLI/CLI.hpp>
#include <algorithm>

namespace bwx::ctl {
namespace {

void reportError(const Context &ctx,
                 std::string_view kind,
                 const std::string &code,
                 const std::string &message,
                 const std::string &line)
{
    ctx.err << "bwxctl: " << line << '\n';
    if (ctx.json) {
        Json e;
        e["kind"] = kind;
        e["code"] = code.empty() ? Json(nullptr) : Json(code);
        e["message"] = message;
        ctx.out << Json{{"error", e}}.dump(2) << '\n';
    }
}

} // namespace

int run(const std::vector<std::string> &args,
        std::ostream &out,
        std::ostream &err,
        EnvLookup env,
        std::function<Timestamp()> clock)
{
    Context ctx{ConnectionFlags{}, false, out, err, std::move(env), std::move(clock)};
    CLI::App app("bwxctl: administer the BWX exchange and trade on it", "bwxctl");
    app.set_version_flag("--version", std::string("bwxctl ") + BWX_VERSION);
    app.require_subcommand(1);
    // Global options may come after the subcommand too: `bwxctl orders --json`.
    app.fallthrough();
    app.add_option("--server", ctx.flags.server, "Exchange address HOST:PORT (env BWX_SERVER)");
    app.add_option("--cert", ctx.flags.cert, "Client certificate, PEM (env BWX_CERT)");
    app.add_option("--key", ctx.flags.key, "Private key of the certificate, PEM (env BWX_KEY)");
    app.add_option("--ca", ctx.flags.ca, "The exchange's CA certificate, PEM (env BWX_CA)");
    app.add_option(
        "--profile", ctx.flags.profile,
        "Directory with member.crt/member.key (or admin.*) and ca.crt (env BWX_PROFILE)");
    app.add_option("--server-name", ctx.flags.serverName,
                   "Name or address to verify in the server certificate (default: the host)");
    app.add_option("--timeout-ms", ctx.flags.timeoutMs, "Connect and reply timeout")
        ->capture_default_str();
    app.add_flag("--json", ctx.json, "Machine-readable output: one JSON document on stdout");

    Action action;
    addOfflineCommands(app, ctx, action);
    addAdminCommands(app, ctx, action);
    addTradingCommands(app, ctx, action);
    addMarketCommands(app, ctx, action);
    addListenCommand(app, ctx, action);
    addCandidateCommands(app, ctx, action);
    addLimitsCommands(app, ctx, action);
    addQualityCommands(app, ctx, action);
    addSettlementCommands(app, ctx, action);
    addRoutingCommands(app, ctx, action);

    std::vector<std::string> reversed(args.rbegin(), args.rend()); // CLI11 consumes from the back
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError &e) {
        // CLI11 reports a mistyped command as "a subcommand is required"; name it instead.
        std::string message = e.what();
        if (app.get_subcommands().empty() && !app.remaining().empty())
            message = "unknown command '" + app.remaining().front() + "'";
        reportError(ctx, "usage", {}, message, message + " (run 'bwxctl --help' for usage)");
        return kExitUsage;
    }
    if (!action) {
        reportError(ctx, "usage", {}, "no command given", "no command given (run 'bwxctl --help')");
        return kExitUsage;
    }

    try {
        return action();
    } catch (const UsageError &e) {
        reportError(ctx, "usage", {}, e.what(), e.what());
        return kExitUsage;
    } catch (const client::ClientError &e) {
        const std::string code = e.code() ? std::string(proto::name(*e.code())) : std::string();
        std::string line;
        switch (e.kind()) {
        case client::ErrorKind::Rejected:
            line = "rejected by the exchange: " + code + ": " + e.detail();
            break;
        case client::ErrorKind::Goodbye:
            line = "the exchange ended the session: " + code + ": " + e.detail();
            break;
        default:
            line = e.detail();
        }
        reportError(ctx, client::name(e.kind()), code, e.detail(), line);
        return exitCodeFor(e);
    }
}

} // namespace bwx::ctl
