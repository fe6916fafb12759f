#pragma once
// The anchors of the flows benchmark: nfcapd (NetFlow v9/IPFIX) and sfcapd (sFlow) from nfdump
// 1.7.1, started on a port with a fresh output directory, stopped by their process id, and their
// flows counted afterwards with `nfdump -I`.
#include "bwx/expected.h"

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace bwx::bench {

class Anchor
{
public:
    // program: "nfcapd" or "sfcapd".
    Anchor(std::string program, std::string dir, std::uint16_t port, int bufferBytes);
    ~Anchor();
    Anchor(const Anchor &) = delete;
    Anchor &operator=(const Anchor &) = delete;

    Expected<bool> start();
    // SIGTERM and wait: the collector flushes its file on the way out.
    void stop();
    // Flows in the files it wrote.
    Expected<std::uint64_t> flows() const;

private:
    std::string m_program;
    std::string m_dir;
    std::uint16_t m_port;
    int m_buffer;
    pid_t m_pid = -1;
};

} // namespace bwx::bench
