// bwxctl listen: a member's private execution reports (fills, order and trade changes) and
// the exchange's notices as they happen, for scripts that react to trades.
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
    ctx.err << "bwxctl: listening for fills, order and trade updates and notices\n";
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
        } else if (auto *n = std::get_if<proto::Notice>(&in->message)) {
            if (ctx.json)
                ctx.out << Json{{"notice", toJson(*n)}}.dump() << '\n';
            else
                ctx.out << noticeText(*n) << '\n';
        } else if (auto *t = std::get_if<proto::TradeUpdate>(&in->message)) {
            const MemberId self = conn.session() ? conn.session()->member : MemberId{};
            if (ctx.json)
                ctx.out << Json{{"trade_update", toJson(t->trade)}}.dump() << '\n';
            else
                ctx.out << tradeUpdateText(t->trade, self) << '\n';
        }
        ctx.out.flush();
    }
    return kExitOk;
}

} // namespace

void addListenCommand(CLI::App &app, Context &ctx, Action &action)
{
    auto *cmd = app.add_subcommand(
        "listen", "Print your fills, order and trade updates and notices as they happen");
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
