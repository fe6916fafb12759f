// bwx_sequencer_crash_helper DB ORDERS FIRST_CLIENT_ORDER_ID
//
// Recovers the market from the journal DB, then submits ORDERS limit orders through a real
// sequencer and prints one line per acknowledgement the moment its output is released:
//
//   member <id> <name>
//   ack <order id> <client order id> <seq>
//   done
//
// Lines are written with write(2), unbuffered, so whatever a crash (BWX_CRASH_AT or SIGKILL
// from the test) cuts off was really never acknowledged. Exit codes: 0 done, 2 recovery
// failed, 3 the journal failed, 70 a planned crash.
#include "bwx/market/engine.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/store/journal.h"
#include "market_commands.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>

using namespace bwx;

namespace {

void writeAll(const std::string &text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const auto n = ::write(1, text.data() + done, text.size() - done);
        if (n <= 0)
            std::_Exit(4);
        done += static_cast<std::size_t>(n);
    }
}

std::mutex g_mutex;
std::condition_variable g_answered;
std::map<std::string, MemberId> g_members; // from the released AddMember answers

void onOutput(sequencer::OutputBatch &&batch)
{
    std::string lines;
    std::map<std::string, MemberId> added;
    for (const auto &item : batch.items) {
        const auto *reply = std::get_if<sequencer::out::Reply>(&item);
        if (!reply)
            continue;
        if (const auto *u = std::get_if<proto::OrderUpdate>(&reply->message)) {
            if (u->order.status != OrderStatus::Rejected)
                lines += "ack " + std::to_string(u->order.orderId.value()) + " "
                         + std::to_string(u->order.params.clientOrderId.value()) + " "
                         + std::to_string(u->seq.value()) + "\n";
        } else if (const auto *list = std::get_if<proto::MemberList>(&reply->message)) {
            for (const auto &m : list->members) {
                lines += "member " + std::to_string(m.id.value()) + " " + m.name + "\n";
                added[m.name] = m.id;
            }
        }
    }
    writeAll(lines);
    if (!added.empty()) {
        std::lock_guard lock(g_mutex);
        g_members.merge(added);
        g_answered.notify_all();
    }
}

// A member from an earlier run is found in the recovered engine (before the sequencer starts,
// so reading it here is safe); a new one is added and its id taken from the released answer.
MemberId ensureMember(std::optional<proto::MemberView> existing,
                      sequencer::Sequencer &seq,
                      const std::string &name,
                      std::uint32_t asn)
{
    if (existing)
        return existing->id;
    if (!seq.submit(MemberId(0), test::addMember(name, asn), sequencer::Origin{1, asn}))
        std::_Exit(5);
    std::unique_lock lock(g_mutex);
    g_answered.wait(lock, [&] { return g_members.count(name) > 0; });
    return g_members[name];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s DB ORDERS FIRST_CLIENT_ORDER_ID\n", argv[0]);
        return 1;
    }
    const std::string path = argv[1];
    const std::uint64_t orders = std::strtoull(argv[2], nullptr, 10);
    const std::uint64_t firstCoid = std::strtoull(argv[3], nullptr, 10);

    std::unique_ptr<store::Journal> journal;
    try {
        journal = store::openSqliteJournal(path);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    auto recovered = sequencer::recover(*journal, true);
    if (!recovered.ok) {
        std::fprintf(stderr, "error: recovery: %s\n", recovered.error.c_str());
        return 2;
    }
    market::Engine &engine = *recovered.recovery.engine;

    sequencer::SequencerOptions options;
    options.maxBatch = 64;       // many batches, so crash points fall mid-stream
    options.snapshotEvery = 100; // and recovery goes through snapshots
    options.tickInterval = std::chrono::milliseconds(5);
    sequencer::Sequencer seq(engine, *journal, options, onOutput, [](const std::string &reason) {
        std::fprintf(stderr, "journal failure: %s\n", reason.c_str());
        std::_Exit(3);
    });
    const auto knownAlpha = engine.memberByName("alpha");
    const auto knownBeta = engine.memberByName("beta");
    seq.start();
    const MemberId alpha = ensureMember(knownAlpha, seq, "alpha", 64500);
    const MemberId beta = ensureMember(knownBeta, seq, "beta", 64501);

    const Timestamp now(std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
    for (std::uint64_t i = 0; i < orders; ++i) {
        const bool sell = i % 2 == 0;
        auto order
            = test::limitOrder(ClientOrderId(firstCoid + i), sell ? Side::Sell : Side::Buy, i, now);
        const sequencer::Origin origin{2, static_cast<std::uint32_t>(i)};
        while (!seq.submit(sell ? alpha : beta, order, origin))
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        // Paced, so the stream spreads over many group commits.
        if (i % 16 == 15)
            std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
    seq.stop();
    writeAll("done\n");
    return 0;
}
