#include "flows_bench_traffic.h"

#include "bwx/core/asio.h"
#include "bwx/settlement/decoders.h"
#include "bwx/settlement/fixtures/packets.h"
#include "bwx/settlement/fixtures/sflow_generator.h"

#include <chrono>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace bwx::bench {

namespace {

using settlement::fixtures::PacketSpec;

std::vector<PacketSpec> traffic(std::uint32_t flows, std::uint32_t packetsPerFlow)
{
    std::vector<PacketSpec> packets;
    packets.reserve(std::size_t{flows} * packetsPerFlow);
    const Timestamp start = Timestamp::fromSeconds(1'800'000'000);
    for (std::uint32_t k = 0; k < packetsPerFlow; ++k) {
        for (std::uint32_t f = 0; f < flows; ++f) {
            PacketSpec p;
            p.srcMac = {2, 0, 0, 0, 0, 1};
            p.dstMac = {2, 0, 0, 0, 0, 2};
            p.src = net::Address::v4(0x0a000000u + f / 500);
            p.dst = net::Address::v4(0xcb000000u + (f * 7919u) % 65536u);
            p.protocol = 17;
            p.srcPort = static_cast<std::uint16_t>(1024 + f % 60000);
            p.dstPort = static_cast<std::uint16_t>(53 + f / 60000);
            p.ipLength = 64 + (f + k) % 64;
            p.time = start + milliseconds(std::int64_t(k) * 10);
            packets.push_back(p);
        }
    }
    return packets;
}

std::uint32_t
recordsIn(const std::vector<std::uint8_t> &d, settlement::TemplateCache &cache, int version)
{
    std::vector<settlement::FlowRecord> out;
    const auto exporter = net::Address::v4(0x7f000001);
    const Timestamp now = Timestamp::fromSeconds(1'800'000'000);
    settlement::DecodeResult r;
    if (version == 9)
        r = settlement::decodeNetflowV9(d, exporter, cache, now, {}, out);
    else if (version == 10)
        r = settlement::decodeIpfix(d, exporter, cache, now, {}, out);
    else
        r = settlement::decodeSflow(d, exporter, now, {}, out);
    return r.ok() ? static_cast<std::uint32_t>(out.size()) : 0;
}

} // namespace

Expected<bool>
writeTraffic(const std::string &pcapPath, std::uint32_t flows, std::uint32_t packetsPerFlow)
{
    return settlement::fixtures::writePcap(pcapPath, traffic(flows, packetsPerFlow));
}

Expected<Export>
captureSoftflowd(const std::string &pcapPath, int version, const std::string &workDir)
{
    asio::io_context io;
    asio::ip::udp::socket socket(io,
                                 asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    const int buffer = 256 << 20;
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer);
    socket.non_blocking(true);
    const std::string target = "127.0.0.1:" + std::to_string(socket.local_endpoint().port());
    const std::string pid = workDir + "/softflowd-capture.pid";
    const std::string v = std::to_string(version);
    // -m: room for every flow at once, so each is exported once rather than forced out early.
    std::vector<std::string> args
        = {"softflowd", "-r", pcapPath, "-n", target, "-v", v, "-d", "-p", pid, "-m", "1000000"};
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    const int rc = posix_spawnp(&child, "softflowd", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return makeError("cannot start softflowd (Debian package softflowd)");
    Export e;
    e.version = version;
    std::vector<std::uint8_t> buf(65536);
    bool exited = false;
    int quiet = 0;
    while (quiet < 50) {
        error_code ec;
        const std::size_t n = socket.receive(asio::buffer(buf), 0, ec);
        if (!ec) {
            e.datagrams.emplace_back(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
            quiet = 0;
            continue;
        }
        if (!exited) {
            int status = 0;
            exited = waitpid(child, &status, WNOHANG) == child;
        } else {
            ++quiet;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    settlement::TemplateCache cache;
    for (const auto &d : e.datagrams) {
        e.records.push_back(recordsIn(d, cache, version));
        e.totalRecords += e.records.back();
    }
    return e;
}

Expected<bool> forEachSoftflowdExport(const std::string &workDir,
                                      std::uint32_t flows,
                                      std::uint32_t packetsPerFlow,
                                      const std::string &only,
                                      const std::function<void(const char *, const Export &)> &f)
{
    const std::string pcap = workDir + "/traffic.pcap";
    if (auto w = writeTraffic(pcap, flows, packetsPerFlow); !w)
        return w;
    for (const auto &[name, version] :
         {std::pair<const char *, int>{"flows.v9", 9}, {"flows.ipfix", 10}}) {
        if (!only.empty() && only != name)
            continue;
        auto e = captureSoftflowd(pcap, version, workDir);
        if (!e)
            return makeError("softflowd export failed: " + e.error());
        if (e->totalRecords == 0)
            return makeError("softflowd export failed: no records");
        f(name, *e);
    }
    return true;
}

Export generateSflowExport(std::uint32_t flows, std::uint32_t packetsPerFlow)
{
    settlement::fixtures::SflowOptions o;
    o.samplingRate = 1;
    o.samplesPerDatagram = 6; // 128-byte headers: ~1.4 KB datagrams, as switches send
    o.counterEvery = 0;
    auto packets = traffic(flows, packetsPerFlow);
    Export e;
    e.port = settlement::PortProtocol::Sflow;
    e.version = 5;
    e.datagrams = settlement::fixtures::generateSflow(packets, o).datagrams;
    settlement::TemplateCache cache;
    for (const auto &d : e.datagrams) {
        e.records.push_back(recordsIn(d, cache, 5));
        e.totalRecords += e.records.back();
    }
    return e;
}

} // namespace bwx::bench
