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

} // namespace bwx::ctl
