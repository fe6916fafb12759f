// bwx-bench-e2e: the whole exchange in one process, measured from a TLS client.
//
//   e2e.pipelined.sync_<mode>  acknowledged orders per second over ONE pipelined TLS 1.3
//                              connection: new orders and cancels (each answered by an
//                              OrderUpdate after the journal holds it), 4096 in flight.
//   e2e.rtt.order.sync_<mode>  one new order at a time: send -> sequenced -> journaled ->
//                              OrderUpdate received; p50/p99.
//   e2e.rtt.ping               Ping -> Pong, answered by the session without the market: the
//                              TLS round trip the order figures contain.
//
// sync_full is the production setting (SQLite synchronous=FULL, one sync per batch);
// sync_off skips the sync (the documented, unsafe benchmark mode) and shows the cost of
// everything else. Client, TLS, sessions, sequencer, market and journal share this machine's
// cores, as they would on a small exchange host.
//
// $BWX_BENCH_DIR chooses where the data directory goes (default: the temporary directory);
// $BWX_BENCH_E2E_ORDERS the number of pipelined commands per mode (default 400000).
#include "bwx/client/connection.h"
#include "bwx/client/reply.h"
#include "bwx/core/asio.h"
#include "bwx/market/engine.h"
#include "bwx/net/prefix.h"
#include "bwx/pki/pki.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/log.h"
#include "bwx/server/server.h"
#include "bwx/server/tls_context.h"
#include "bwx/store/journal.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <signal.h>
#include <stdexcept>
#include <stdlib.h>
#include <string>
#include <thread>
#include <vector>

using namespace bwx;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

std::int64_t percentile(std::vector<std::int64_t> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

fs::path makeDir()
{
    const char *base = std::getenv("BWX_BENCH_DIR");
    std::string templ
        = ((base ? fs::path(base) : fs::temp_directory_path()) / "bwx-bench-e2e-XXXXXX").string();
    if (!mkdtemp(templ.data()))
        throw std::runtime_error("mkdtemp failed");
    return templ;
}

template<class T> T must(Expected<T> value, const char *what)
{
    if (!value)
        throw std::runtime_error(std::string(what) + ": " + value.error());
    return std::move(value.value());
}

// The exchange's certificates, made once with the project's own CA code.
struct Pki
{
    fs::path dir;
    fs::path caCert, serverCert, serverKey, adminCert, adminKey, memberCert, memberKey;

    explicit Pki(const fs::path &base)
        : dir(base / "pki")
    {
        must(pki::createCa(dir / "ca", "BWX bench CA"), "create CA");
        const std::vector<std::string> hosts{"127.0.0.1"};
        const auto server = must(
            pki::issueCertificate(dir / "ca", pki::Kind::Server, "bwxd", dir / "server", 2, hosts),
            "issue server certificate");
        const auto admin
            = must(pki::issueCertificate(dir / "ca", pki::Kind::Admin, "root", dir / "admin", 2),
                   "issue admin certificate");
        const auto member
            = must(pki::issueCertificate(dir / "ca", pki::Kind::Member, "alice", dir / "alice", 2),
                   "issue member certificate");
        caCert = dir / "ca" / pki::kCaCertFile;
        serverCert = server.certificate;
        serverKey = server.key;
        adminCert = admin.certificate;
        adminKey = admin.key;
        memberCert = member.certificate;
        memberKey = member.key;
    }
};

// bwxd's parts, wired as bwxd wires them, on one io thread.
class Exchange
{
public:
    Exchange(const fs::path &dataDir, const Pki &keys, bool syncFull)
    {
        fs::create_directories(dataDir);
        store::SqliteJournalOptions journalOptions;
        journalOptions.synchronousFull = syncFull;
        m_journal = store::openSqliteJournal((dataDir / "journal.db").string(), journalOptions);
        auto recovered = sequencer::recover(*m_journal);
        if (!recovered.ok)
            throw std::runtime_error("recovery: " + recovered.error);
        m_engine = std::move(recovered.recovery.engine);

        sequencer::SequencerOptions options;
        options.tickInterval = std::chrono::milliseconds(1000);
        options.snapshotEvery = 0;
        m_sequencer = std::make_unique<sequencer::Sequencer>(
            *m_engine, *m_journal, options,
            [this](sequencer::OutputBatch &&batch) { m_server->deliver(std::move(batch)); },
            [](const std::string &reason) {
                std::fprintf(stderr, "journal failure: %s\n", reason.c_str());
                std::exit(1);
            });
        auto tls
            = must(server::makeServerTlsContext(
                       {keys.caCert.string(), keys.serverCert.string(), keys.serverKey.string()}),
                   "TLS context");
        server::ServerOptions serverOptions;
        serverOptions.listenHost = "127.0.0.1";
        serverOptions.listenPort = 0;
        serverOptions.limits.rateLimitPerSecond = 0; // the bench is the only client
        serverOptions.limits.maxOutboundBytes = 256u << 20;
        m_server
            = std::make_unique<server::Server>(m_io, *m_sequencer, std::move(tls), serverOptions);
        m_sequencer->start();
        m_port = must(m_server->listen(), "listen").port();
        m_thread = std::thread([this] { m_io.run(); });
    }

    ~Exchange()
    {
        m_server->stopAccepting();
        m_server->stopReading();
        m_sequencer->stop();
        m_server->closeAll(proto::ResultCode::ShuttingDown, "bench done");
        m_server->waitUntilClosed(std::chrono::seconds(3));
        m_guard.reset();
        m_io.stop();
        m_thread.join();
    }

    std::uint16_t port() const { return m_port; }

private:
    std::unique_ptr<store::Journal> m_journal;
    std::unique_ptr<market::Engine> m_engine;
    asio::io_context m_io{1};
    asio::executor_work_guard<asio::io_context::executor_type> m_guard
        = asio::make_work_guard(m_io);
    std::unique_ptr<sequencer::Sequencer> m_sequencer;
    std::unique_ptr<server::Server> m_server;
    std::thread m_thread;
    std::uint16_t m_port = 0;
};

client::Connection
connect(std::uint16_t port, const fs::path &ca, const fs::path &cert, const fs::path &key)
{
    client::ClientOptions options;
    options.host = "127.0.0.1";
    options.port = port;
    options.caFile = ca.string();
    options.certFile = cert.string();
    options.keyFile = key.string();
    options.timeout = std::chrono::seconds(30);
    auto connection = client::Connection::connect(options);
    connection.hello("bwx-bench-e2e");
    return connection;
}

proto::NewOrder newOrder(std::uint64_t clientId)
{
    proto::NewOrder o;
    auto &p = o.params;
    p.clientOrderId = ClientOrderId(clientId);
    p.side = clientId % 2 ? Side::Sell : Side::Buy;
    p.destination = Destination::ofPrefix(net::Prefix::parse("203.0.113.0/24").value());
    // Buys at 100-104, sells at 106-110: nothing crosses, the work per order stays constant.
    p.price = Price(static_cast<std::int64_t>((clientId % 2 ? 106 : 100) + clientId % 5)
                    * units::kMicro);
    p.capacity = mbps(10);
    p.minBlock = mbps(10);
    p.deliveryStart = Timestamp::fromSeconds(1'893'456'000); // 2030-01-01
    p.deliveryEnd = p.deliveryStart + seconds(30 * 86'400);
    p.trafficType = TrafficType::BestEffort;
    return o;
}

// New orders and, 2048 commands later, their cancels: the book stays small and every command
// is acknowledged with an OrderUpdate.
std::vector<proto::Message> commandStream(std::size_t count, std::uint64_t firstId)
{
    constexpr std::size_t kLag = 2048;
    std::vector<proto::Message> out;
    out.reserve(count);
    std::uint64_t nextNew = firstId;
    std::uint64_t nextCancel = firstId;
    for (std::size_t i = 0; i < count; ++i) {
        const bool cancel = (i / kLag) % 2 == 1;
        if (cancel)
            out.push_back(proto::CancelOrder{OrderId{}, ClientOrderId(nextCancel++)});
        else
            out.push_back(newOrder(nextNew++));
    }
    return out;
}

void pipelined(const char *mode, std::uint16_t port, const Pki &keys, std::size_t count)
{
    auto alice = connect(port, keys.caCert, keys.memberCert, keys.memberKey);
    const auto stream = commandStream(count, 1);
    constexpr std::size_t kWindow = 4096;
    std::size_t acked = 0;
    std::size_t refused = 0;
    const auto tally = [&](const std::vector<client::Incoming> &replies) {
        for (const auto &reply : replies) {
            if (std::holds_alternative<proto::OrderUpdate>(reply.message))
                ++acked;
            else
                ++refused;
        }
    };
    const auto start = Clock::now();
    std::vector<std::uint32_t> previous;
    for (std::size_t at = 0; at < stream.size(); at += kWindow) {
        const std::size_t n = std::min(kWindow, stream.size() - at);
        const auto ids = alice.sendBatch(std::span<const proto::Message>(stream.data() + at, n));
        if (!previous.empty())
            tally(alice.awaitReplies(previous, std::chrono::seconds(60)));
        previous = ids;
    }
    tally(alice.awaitReplies(previous, std::chrono::seconds(60)));
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("BENCH e2e.pipelined.sync_%s ops_per_s=%.0f acked=%zu refused=%zu seconds=%.3f\n",
                mode, static_cast<double>(acked) / seconds, acked, refused, seconds);
    std::fflush(stdout);
}

void roundTrips(const char *mode, std::uint16_t port, const Pki &keys, bool withPing)
{
    auto alice = connect(port, keys.caCert, keys.memberCert, keys.memberKey);
    constexpr int kSamples = 3000;
    constexpr int kWarmup = 300;
    std::vector<std::int64_t> order, ping;
    order.reserve(kSamples);
    ping.reserve(kSamples);
    std::uint64_t id = 10'000'000;
    for (int i = 0; i < kWarmup + kSamples; ++i) {
        const auto t0 = Clock::now();
        const auto reply = alice.request(newOrder(id));
        const auto t1 = Clock::now();
        if (!std::holds_alternative<proto::OrderUpdate>(reply.message))
            throw std::runtime_error("order refused in the round-trip bench");
        alice.request(proto::CancelOrder{OrderId{}, ClientOrderId(id)});
        ++id;
        std::int64_t pingNs = 0;
        if (withPing) {
            const auto p0 = Clock::now();
            alice.request(proto::Ping{static_cast<std::uint64_t>(i)});
            pingNs
                = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - p0).count();
        }
        if (i >= kWarmup) {
            order.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
            if (withPing)
                ping.push_back(pingNs);
        }
    }
    std::printf("BENCH e2e.rtt.order.sync_%s p50_ns=%lld p99_ns=%lld samples=%d\n", mode,
                static_cast<long long>(percentile(order, 0.50)),
                static_cast<long long>(percentile(order, 0.99)), kSamples);
    if (withPing)
        std::printf("BENCH e2e.rtt.ping p50_ns=%lld p99_ns=%lld samples=%d\n",
                    static_cast<long long>(percentile(ping, 0.50)),
                    static_cast<long long>(percentile(ping, 0.99)), kSamples);
    std::fflush(stdout);
}

void addMember(std::uint16_t port, const Pki &keys)
{
    auto admin = connect(port, keys.caCert, keys.adminCert, keys.adminKey);
    proto::AddMember add{"alice", "Alice Networks", 64500, mbps(1'000'000)};
    client::replyAs<proto::MemberList>(admin.request(add));
}

} // namespace

int main()
{
    ::signal(SIGPIPE, SIG_IGN);
    server::setLogLevel(server::LogLevel::Warning);
    std::size_t count = 400'000;
    if (const char *env = std::getenv("BWX_BENCH_E2E_ORDERS"))
        count = std::strtoull(env, nullptr, 10);
    const fs::path base = makeDir();
    try {
        const Pki keys(base);
        for (const bool syncFull : {false, true}) {
            const char *mode = syncFull ? "full" : "off";
            Exchange exchange(base / (std::string("data-") + mode), keys, syncFull);
            addMember(exchange.port(), keys);
            roundTrips(mode, exchange.port(), keys, !syncFull);
            pipelined(mode, exchange.port(), keys, count);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bwx-bench-e2e: %s\n", e.what());
        fs::remove_all(base);
        return 1;
    }
    fs::remove_all(base);
    return 0;
}
