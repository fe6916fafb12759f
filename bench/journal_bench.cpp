// bwx-bench-journal: the cost of durability.
//
//   journal.append.bN   SqliteJournal::append of N-record batches (synchronous=FULL); the anchor
//                       is write()+fdatasync() of the same bytes to a plain file, the physical
//                       floor of one durable write on this disk.
//   sequencer.burst     orders acknowledged per second through the sequencer (real engine,
//                       real journal, sync FULL) under a burst from 4 threads; batch sizes show
//                       the group commit at work.
//   sequencer.pingpong  one order at a time: submit -> durable -> released, p50/p99.
//
// The data directory is a fresh directory under $BWX_BENCH_DIR (default: the system temporary
// directory); it must be on the disk you want to measure, not a tmpfs.
#include "bwx/market/engine.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/codec.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/store/journal.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace bwx;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t nanosSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

std::int64_t percentile(std::vector<std::int64_t> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[index];
}

std::filesystem::path makeDataDir()
{
    const char *base = std::getenv("BWX_BENCH_DIR");
    std::string templ
        = (base ? std::filesystem::path(base) : std::filesystem::temp_directory_path())
          / "bwx-bench-journal-XXXXXX";
    if (!mkdtemp(templ.data())) {
        std::perror("mkdtemp");
        std::exit(1);
    }
    return templ;
}

proto::NewOrder order(std::uint64_t i, Timestamp now)
{
    proto::NewOrder o;
    auto &p = o.params;
    p.clientOrderId = ClientOrderId(i + 1);
    p.side = i % 2 ? Side::Sell : Side::Buy;
    p.destination = Destination::ofPrefix(net::Prefix::parse("203.0.113.0/24").value());
    // Buys at 100-104, sells at 106-110: they never cross, so the book only grows and every
    // command costs the same.
    p.price = Price(static_cast<std::int64_t>((i % 2 ? 106 : 100) + i % 5) * units::kMicro);
    p.capacity = mbps(10);
    p.minBlock = mbps(10);
    p.deliveryStart = now + seconds(86'400);
    p.deliveryEnd = now + seconds(31 * 86'400);
    p.trafficType = TrafficType::BestEffort;
    return o;
}

Timestamp wallClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

// The floor: the same bytes written to a plain file and fdatasync'ed, once per batch.
std::int64_t rawFdatasyncP50(const std::filesystem::path &dir, std::size_t bytes, int rounds)
{
    const auto path = dir / "raw.bin";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) {
        std::perror("open");
        std::exit(1);
    }
    std::vector<char> buffer(bytes, 'x');
    std::vector<std::int64_t> samples;
    for (int i = 0; i < rounds; ++i) {
        const auto start = Clock::now();
        if (::write(fd, buffer.data(), buffer.size()) != static_cast<ssize_t>(buffer.size())
            || ::fdatasync(fd) != 0) {
            std::perror("write/fdatasync");
            std::exit(1);
        }
        samples.push_back(nanosSince(start));
    }
    ::close(fd);
    std::filesystem::remove(path);
    return percentile(samples, 0.5);
}

void benchAppend(const std::filesystem::path &dir, std::size_t batchSize)
{
    const auto db = dir / ("append-" + std::to_string(batchSize) + ".db");
    auto journal = store::openSqliteJournal(db.string());
    std::vector<std::uint8_t> body;
    proto::encodeBody(order(0, wallClock()), body);

    const int rounds = batchSize >= 1024 ? 100 : 400;
    std::vector<std::int64_t> samples;
    std::uint64_t seq = 0;
    std::size_t batchBytes = 0;
    const auto start = Clock::now();
    for (int r = 0; r < rounds; ++r) {
        store::JournalBatch batch;
        for (std::size_t i = 0; i < batchSize; ++i) {
            ++seq;
            batch.add(Seq(seq), Timestamp(static_cast<std::int64_t>(seq)), MemberId(1), 0x0101,
                      body);
        }
        batchBytes = batch.bytes().size();
        const auto t = Clock::now();
        journal->append(batch);
        samples.push_back(nanosSince(t));
    }
    const double secs = static_cast<double>(nanosSince(start)) / 1e9;
    const std::int64_t floor = rawFdatasyncP50(dir, batchBytes, rounds);
    const std::int64_t p50 = percentile(samples, 0.5);
    std::printf("BENCH journal.append.b%zu records_per_s=%.0f batches_per_s=%.0f p50_ns=%lld "
                "p99_ns=%lld raw_fdatasync_p50_ns=%lld time_ratio_vs_fdatasync=%.2f\n",
                batchSize, static_cast<double>(seq) / secs, rounds / secs,
                static_cast<long long>(p50), static_cast<long long>(percentile(samples, 0.99)),
                static_cast<long long>(floor),
                floor > 0 ? static_cast<double>(p50) / static_cast<double>(floor) : 0.0);
}

struct Released
{
    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t replies = 0;
};

void benchSequencerBurst(const std::filesystem::path &dir)
{
    const auto db = dir / "burst.db";
    auto journal = store::openSqliteJournal(db.string());
    market::Engine engine;
    Released released;
    sequencer::SequencerOptions options;
    options.snapshotEvery = 0;
    sequencer::Sequencer seq(
        engine, *journal, options,
        [&](sequencer::OutputBatch &&batch) {
            std::uint64_t n = 0;
            for (const auto &item : batch.items)
                n += std::holds_alternative<sequencer::out::Reply>(item);
            std::lock_guard lock(released.mutex);
            released.replies += n;
            released.cv.notify_all();
        },
        [](const std::string &reason) {
            std::fprintf(stderr, "journal failure: %s\n", reason.c_str());
            std::exit(1);
        });
    seq.start();
    proto::AddMember add;
    add.name = "bench";
    add.displayName = "Bench";
    add.asn = 64500;
    add.portCapacity = mbps(1'000'000'000);
    seq.submit(MemberId(0), add, {1, 0});
    {
        std::unique_lock lock(released.mutex);
        released.cv.wait(lock, [&] { return released.replies >= 1; });
    }

    constexpr int kThreads = 4;
    constexpr std::uint64_t kPerThread = 50'000;
    const Timestamp now = wallClock();
    const std::uint64_t batchesBefore = seq.batchesCommitted();
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (std::uint64_t i = 0; i < kPerThread; ++i) {
                auto o = order(static_cast<std::uint64_t>(t) * kPerThread + i, now);
                while (!seq.submit(MemberId(1), o, {static_cast<std::uint64_t>(t + 2), 0}))
                    std::this_thread::yield();
            }
        });
    }
    for (auto &t : threads)
        t.join();
    {
        std::unique_lock lock(released.mutex);
        released.cv.wait(lock, [&] { return released.replies >= 1 + kThreads * kPerThread; });
    }
    const double secs = static_cast<double>(nanosSince(start)) / 1e9;
    const std::uint64_t batches = seq.batchesCommitted() - batchesBefore;
    seq.stop();
    const std::uint64_t commands = kThreads * kPerThread;
    std::printf("BENCH sequencer.burst acked_per_s=%.0f commands=%llu batches=%llu "
                "avg_batch=%.0f seconds=%.2f\n",
                static_cast<double>(commands) / secs, static_cast<unsigned long long>(commands),
                static_cast<unsigned long long>(batches),
                static_cast<double>(commands)
                    / static_cast<double>(std::max<std::uint64_t>(batches, 1)),
                secs);
}

void benchSequencerPingPong(const std::filesystem::path &dir, bool syncFull)
{
    const auto db = dir / (syncFull ? "pingpong-full.db" : "pingpong-off.db");
    auto journal = store::openSqliteJournal(db.string(), {.synchronousFull = syncFull});
    market::Engine engine;
    Released released;
    sequencer::SequencerOptions options;
    options.snapshotEvery = 0;
    sequencer::Sequencer seq(
        engine, *journal, options,
        [&](sequencer::OutputBatch &&batch) {
            std::uint64_t n = 0;
            for (const auto &item : batch.items)
                n += std::holds_alternative<sequencer::out::Reply>(item);
            std::lock_guard lock(released.mutex);
            released.replies += n;
            released.cv.notify_all();
        },
        [](const std::string &reason) {
            std::fprintf(stderr, "journal failure: %s\n", reason.c_str());
            std::exit(1);
        });
    seq.start();
    proto::AddMember add;
    add.name = "bench";
    add.displayName = "Bench";
    add.asn = 64500;
    add.portCapacity = mbps(1'000'000'000);
    auto roundTrip = [&](sequencer::Sequencer &s, proto::Message m, std::uint64_t expected) {
        s.submit(MemberId(expected == 1 ? 0 : 1), std::move(m), {1, 0});
        std::unique_lock lock(released.mutex);
        released.cv.wait(lock, [&] { return released.replies >= expected; });
    };
    roundTrip(seq, add, 1);
    const Timestamp now = wallClock();
    std::vector<std::int64_t> samples;
    constexpr std::uint64_t kRounds = 2000;
    for (std::uint64_t i = 0; i < kRounds; ++i) {
        const auto t = Clock::now();
        roundTrip(seq, order(i, now), i + 2);
        samples.push_back(nanosSince(t));
    }
    seq.stop();
    std::printf("BENCH sequencer.pingpong.%s p50_ns=%lld p99_ns=%lld\n",
                syncFull ? "sync_full" : "sync_off",
                static_cast<long long>(percentile(samples, 0.5)),
                static_cast<long long>(percentile(samples, 0.99)));
}

} // namespace

int main()
{
    const auto dir = makeDataDir();
    std::fprintf(stderr, "# journal bench in %s\n", dir.c_str());
    for (std::size_t size : {std::size_t(1), std::size_t(64), std::size_t(1024)})
        benchAppend(dir, size);
    benchSequencerPingPong(dir, true);
    benchSequencerPingPong(dir, false);
    benchSequencerBurst(dir);
    std::filesystem::remove_all(dir);
    return 0;
}
