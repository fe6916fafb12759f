// bwx-demo-market: plays the demo members against a running bwxd so the demo has a live
// market. Used by ./bwx demo; stops on SIGINT/SIGTERM.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include <CLI/CLI.hpp>

#include "demo_trader.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }
} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Keeps the BWX demo market moving"};
    bwx::demo::TraderOptions options;
    std::string server = "127.0.0.1:7700";
    int intervalMs = 1500;
    bool seedOnly = false;
    app.add_option("--server", server, "bwxd address HOST:PORT");
    app.add_option("--ca", options.caFile, "CA certificate")->required();
    app.add_option("--members-dir", options.membersDir, "directory with <member>/member.crt and member.key")->required();
    app.add_option("--seed", options.seed, "random seed");
    app.add_option("--interval-ms", intervalMs, "time between market actions")->check(CLI::Range(10, 60'000));
    app.add_flag("--seed-only", seedOnly, "seed the market and exit");
    app.add_flag("--quiet", options.quiet, "do not print each action");
    CLI11_PARSE(app, argc, argv);

    const auto colon = server.rfind(':');
    if (colon == std::string::npos) {
        std::fprintf(stderr, "bwx-demo-market: --server must be HOST:PORT\n");
        return 1;
    }
    options.host = server.substr(0, colon);
    if (options.host.size() > 2 && options.host.front() == '[')
        options.host = options.host.substr(1, options.host.size() - 2);
    options.port = static_cast<std::uint16_t>(std::stoi(server.substr(colon + 1)));

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    try {
        bwx::demo::DemoTrader trader(options);
        trader.connectAll();
        trader.seedMarket();
        std::printf("bwx-demo-market: market seeded\n");
        std::fflush(stdout);
        if (seedOnly)
            return 0;
        while (!g_stop) {
            const std::string what = trader.step();
            if (!options.quiet) {
                std::printf("%s\n", what.c_str());
                std::fflush(stdout);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(intervalMs));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bwx-demo-market: %s\n", e.what());
        return 2;
    }
    return 0;
}
