#pragma once
// bwxctl's subcommands, grouped by what they need: offline (the CA), admin (an admin
// certificate), trading (a member certificate) and market data (either).
#include <functional>

namespace CLI {
class App;
}

namespace bwx::ctl {

struct Context;
// The chosen command, run after the whole command line parsed; returns the exit code.
using Action = std::function<int()>;

void addOfflineCommands(CLI::App &app, Context &ctx, Action &action);
void addAdminCommands(CLI::App &app, Context &ctx, Action &action);
void addTradingCommands(CLI::App &app, Context &ctx, Action &action);
void addMarketCommands(CLI::App &app, Context &ctx, Action &action);
void addListenCommand(CLI::App &app, Context &ctx, Action &action);
// candidates, take (member certificate).
void addCandidateCommands(CLI::App &app, Context &ctx, Action &action);
// member limits (admin, under `member`: call after addAdminCommands), cancel-on-disconnect.
void addLimitsCommands(CLI::App &app, Context &ctx, Action &action);
void addQualityCommands(CLI::App &app, Context &ctx, Action &action);
// usage, statement (member certificate; admins name the member), collectors (admin).
void addSettlementCommands(CLI::App &app, Context &ctx, Action &action);
// sessions, routes, exports (member certificate: its own; admins: any member).
void addRoutingCommands(CLI::App &app, Context &ctx, Action &action);

} // namespace bwx::ctl
