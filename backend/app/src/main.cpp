// bwxd: the BWX exchange daemon. See docs/operations.md.
#include "bwx/app/config.h"
#include "bwx/app/daemon.h"
#include "bwx/heap_policy.h"
#include "statement_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

int main(int argc, char **argv)
{
    bwx::applyHeapPolicy();
    CLI::App cli{"bwxd: the BWX exchange daemon (docs/operations.md)", "bwxd"};
    std::string configFile;
    bool checkOnly = false;
    bool verify = false;
    bool version = false;
    cli.add_option("-c,--config", configFile, "configuration file (TOML)");
    cli.add_flag("--check-config", checkOnly,
                 "validate the configuration (syntax, keys, files, TLS material) and exit");
    cli.add_flag("--verify-journal", verify,
                 "replay the journal offline (in full, and from the snapshot) and compare");
    cli.add_flag("--version", version, "print the version and exit");
    bwx::app::StatementRequest statement;
    cli.add_option("--statement", statement.member,
                   "recompute MEMBER's statement offline from the journal and the usage database");
    cli.add_option("--period", statement.period, "with --statement: the month, YYYY-MM");
    cli.add_option("--format", statement.format, "with --statement: csv (default) or pdf");
    cli.add_option("--output", statement.output, "with --statement: file to write (default stdout)");
    CLI11_PARSE(cli, argc, argv);

    if (version) {
        std::printf("bwxd %s\n", BWX_VERSION);
        return 0;
    }
    if (configFile.empty()) {
        std::fprintf(stderr, "bwxd: --config FILE is required (see bwxd --help)\n");
        return 1;
    }
    if (checkOnly && verify) {
        std::fprintf(stderr, "bwxd: --check-config and --verify-journal are exclusive\n");
        return 1;
    }
    auto config = bwx::app::loadConfig(configFile);
    if (!config) {
        std::fprintf(stderr, "%s\n", config.error().c_str());
        if (checkOnly)
            std::fprintf(stderr, "configuration has errors\n");
        return 1;
    }
    if (checkOnly) {
        const auto problems = bwx::app::checkConfig(*config);
        for (const auto &problem : problems)
            std::fprintf(stderr, "%s\n", problem.c_str());
        if (!problems.empty()) {
            std::fprintf(stderr, "configuration has errors\n");
            return 1;
        }
        std::printf("configuration OK\n");
        return 0;
    }
    if (verify)
        return bwx::app::verifyJournal(*config);
    if (!statement.member.empty()) {
        if (statement.period.empty()) {
            std::fprintf(stderr, "bwxd: --statement needs --period YYYY-MM\n");
            return 1;
        }
        return bwx::app::printStatement(*config, statement);
    }
    return bwx::app::runDaemon(*config);
}
