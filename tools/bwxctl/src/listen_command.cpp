// bwxctl listen: a member's private execution reports (fills and order changes) as they
// happen, for scripts that react to trades.
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "human_views.h"

#include <CLI/CLI.hpp>
#include <chrono>

namespace bwx::ctl {
namespace {

int listen(const Context &ctx, std::uint32_t maxFills)
{
    auto conn = ctx.connect();
    // On stderr, so stdout stays pure JSON lines: scripts wait for it before trading.
    ctx.err << "bwxctl: listening for fills and order updates\n";
    ctx.err.flush();
    std::uint32_t fills = 0;
    while (maxFills == 0 || fills < maxFills) {
        // Ping while idle so the server's idle timeout never ends a long listen.
        auto in = conn.tryReceive(heartbeatInterval(conn));
        if (!in) {
            conn.send(proto::Ping{0});
            continue;
        }
        if (auto *g = std::get_if<proto::Goodbye>(&in->message))
            throw client::ClientError(client::ErrorKind::Goodbye, g->code, g->reason);
        if (auto *f = std::get_if<proto::Fill>(&in->message)) {
            ++fills;
            if (ctx.json)
                ctx.out << Json{{"fill", toJson(*f)}}.dump() << '\n';
            else
                ctx.out << "fill: " << fillsTable({*f}).render();
        } else if (auto *u = std::get_if<proto::OrderUpdate>(&in->message)) {
            if (ctx.json)
                ctx.out << Json{{"order_update", toJson(u->order)}}.dump() << '\n';
            else
                ctx.out << orderSummary(u->order) << '\n';
        }
        ctx.out.flush();
    }
    return kExitOk;
}

} // namespace

void addListenCommand(CLI::App &app, Context &ctx, Action &action)
{
    auto *cmd = app.add_subcommand("listen", "Print your fills and order updates as they happen");
    auto count = std::make_shared<std::uint32_t>(0);
    cmd->add_option("--fills", *count, "Stop after this many fills (0 = run until interrupted)")
        ->capture_default_str();
    cmd->callback([&ctx, &action, count] {
        action = [&ctx, count] {
            return listen(ctx, *count);
        };
    });
}

} // namespace bwx::ctl
