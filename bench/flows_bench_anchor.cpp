#include "flows_bench_anchor.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace bwx::bench {

Anchor::Anchor(std::string program, std::string dir, std::uint16_t port, int bufferBytes)
    : m_program(std::move(program))
    , m_dir(std::move(dir))
    , m_port(port)
    , m_buffer(bufferBytes)
{}

Anchor::~Anchor()
{
    stop();
}

Expected<bool> Anchor::start()
{
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
    std::vector<std::string> args = {m_program,
                                     "-w",
                                     m_dir,
                                     "-b",
                                     "127.0.0.1",
                                     "-p",
                                     std::to_string(m_port),
                                     "-B",
                                     std::to_string(m_buffer),
                                     "-t",
                                     "3600"};
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = m_dir + "/../" + m_program + ".log";
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawnp(&m_pid, m_program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        m_pid = -1;
        return makeError("cannot start " + m_program + " (Debian packages nfdump, nfdump-sflow)");
    }
    return true;
}

void Anchor::stop()
{
    if (m_pid <= 0)
        return;
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
}

Expected<std::uint64_t> Anchor::flows() const
{
    const std::string cmd = "nfdump -R '" + m_dir + "' -I 2>/dev/null";
    FILE *p = popen(cmd.c_str(), "r");
    if (p == nullptr)
        return makeError("cannot run nfdump");
    char line[256];
    std::uint64_t flows = 0;
    bool found = false;
    while (std::fgets(line, sizeof line, p) != nullptr) {
        unsigned long long v = 0;
        if (std::sscanf(line, "Flows: %llu", &v) == 1) {
            flows = v;
            found = true;
        }
    }
    pclose(p);
    if (!found)
        return std::uint64_t{0}; // no file written: nothing arrived
    return flows;
}

} // namespace bwx::bench
