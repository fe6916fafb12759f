// bwx-bench-flows-decode [flows.v9|flows.ipfix [PASSES]]: the flows benchmark's softflowd export
// fed to DatagramProcessor in process, without sockets, timed in the thread's CPU time. It tells
// the decoder's own cost per record apart from the kernel's copy and the scheduler, which decide
// the loopback figure of bwx-bench-flows on a shared machine.
#include "flows_bench_traffic.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace bwx;
using namespace bwx::bench;

namespace {

class Sink : public settlement::FlowListener
{
public:
    void onFlows(std::span<const settlement::FlowRecord> flows) override
    {
        records += flows.size();
    }
    std::uint64_t records = 0;
};

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

void put32(std::uint8_t *p, std::uint32_t v)
{
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

void run(const char *name, Export e, int passes)
{
    Sink sink;
    settlement::ProcessorConfig config;
    const auto exporter = net::Address::v4(0x7f000001);
    config.exporters = {{exporter, "replay", 0}};
    settlement::DatagramProcessor processor(config, sink);
    // Sequence numbers rewritten as the replayer does, so every pass is new, in-order datagrams
    // (neither duplicates nor gaps).
    std::uint64_t sequence = 0;
    const double start = threadCpuSeconds();
    for (int pass = 0; pass < passes; ++pass) {
        for (std::size_t i = 0; i < e.datagrams.size(); ++i) {
            auto &d = e.datagrams[i];
            if (e.version == 9) {
                put32(d.data() + 12, static_cast<std::uint32_t>(++sequence));
            } else {
                put32(d.data() + 8, static_cast<std::uint32_t>(sequence));
                sequence += e.records[i];
            }
            processor.process(d, exporter, e.port, Timestamp(0));
        }
    }
    processor.flush();
    const double seconds = threadCpuSeconds() - start;
    std::printf("BENCH %s-decode records=%llu ns_per_record=%.1f\n", name,
                static_cast<unsigned long long>(sink.records),
                sink.records == 0 ? 0.0 : seconds * 1e9 / double(sink.records));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const std::string only = argc > 1 ? argv[1] : "";
    const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 50;
    const std::string work = std::filesystem::temp_directory_path().string()
                             + "/bwx-bench-flows-decode-" + std::to_string(::getpid());
    std::filesystem::create_directories(work);
    if (auto done = forEachSoftflowdExport(
            work, 100'000, 3, only,
            [&](const char *name, const Export &e) { run(name, e, passes); });
        !done) {
        std::fprintf(stderr, "# %s\n", done.error().c_str());
        return 1;
    }
    std::filesystem::remove_all(work);
    return 0;
}
