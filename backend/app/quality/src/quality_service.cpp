#include "bwx/app/quality_service.h"

#include "bwx/app/market_paths.h"
#include "bwx/app/quality_config_reader.h"
#include "bwx/market/engine.h"
#include "bwx/server/log.h"
#include "bwx/server/server.h"
#include "quality_state.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <mutex>
#include <sched.h>
#include <stdexcept>
#include <unistd.h>

namespace bwx::app {

namespace {

Timestamp systemClock()
{
    return quality::RouteAnalyzer::systemClock();
}

// Moves the calling thread (only) into the network namespace: a name under /run/netns (what
// `ip netns add` creates) or a path such as /proc/PID/ns/net.
std::optional<std::string> enterNetns(const std::string &netns)
{
    const std::string path = netnsPath(netns).string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return "cannot open the network namespace " + path + ": " + std::strerror(errno);
    const int rc = ::setns(fd, CLONE_NEWNET);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        return "cannot enter the network namespace " + path + ": " + std::strerror(error)
               + (error == EPERM ? " (bwxd needs CAP_SYS_ADMIN for [quality] netns)" : "");
    return std::nullopt;
}

// Answers a request exactly once: with what the quality thread computed, or, when the request
// never ran (the service stopped first), with service_unavailable.
class ReplyOnce
{
public:
    explicit ReplyOnce(server::Responder respond)
        : m_respond(std::move(respond))
    {}
    ~ReplyOnce()
    {
        if (m_respond)
            m_respond(proto::Result{proto::ResultCode::ServiceUnavailable,
                                    "the quality service has stopped"});
    }
    ReplyOnce(const ReplyOnce &) = delete;
    ReplyOnce &operator=(const ReplyOnce &) = delete;

    void send(proto::Message reply)
    {
        auto respond = std::move(m_respond);
        m_respond = nullptr;
        respond(std::move(reply));
    }

private:
    server::Responder m_respond;
};

} // namespace

struct QualityService::State
{
    std::unique_ptr<QualityState> quality;
    sequencer::Sequencer &sequencer;
    std::size_t maxPaths = 0;
    std::string netns;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
};

// The market query runs on the market thread and may finish after the service has gone: it
// reaches the quality thread only through this, and only while it is open.
struct QualityService::Inbox
{
    std::mutex mutex;
    asio::io_context *io = nullptr;
    QualityState *state = nullptr;

    template<class F> bool post(F &&f)
    {
        std::lock_guard lock(mutex);
        if (!io)
            return false;
        asio::post(*io, [state = state, f = std::forward<F>(f)]() mutable { f(*state); });
        return true;
    }
    void close()
    {
        std::lock_guard lock(mutex);
        io = nullptr;
        state = nullptr;
    }
};

QualityService::QualityService(QualitySettings settings,
                               std::filesystem::path database,
                               sequencer::Sequencer &sequencer,
                               Clock clock)
    : m_state(std::make_unique<State>(State{nullptr, sequencer, settings.maxPaths, settings.netns, {}}))
    , m_inbox(std::make_shared<Inbox>())
{
    m_state->quality = std::make_unique<QualityState>(m_io, std::move(settings), database,
                                                      sequencer,
                                                      clock ? std::move(clock) : systemClock);
    m_inbox->io = &m_io;
    m_inbox->state = m_state->quality.get();
}

QualityService::~QualityService()
{
    stop();
    m_inbox->close();
}

void QualityService::registerServices(server::Server &server)
{
    for (const proto::MessageType type :
         {proto::MessageType::QueryQuality, proto::MessageType::QueryQualityMatrix,
          proto::MessageType::ImportMeasurements})
        server.addService(type, [this](const server::Caller &caller, proto::Message &&request,
                                       server::Responder respond) {
            handle(caller, std::move(request), std::move(respond));
        });
}

void QualityService::handle(const server::Caller &caller,
                            proto::Message &&request,
                            server::Responder respond)
{
    if (!m_accepting) {
        respond(proto::Result{proto::ResultCode::ServiceUnavailable,
                              "the quality service is not running"});
        return;
    }
    auto reply = std::make_shared<ReplyOnce>(std::move(respond));
    asio::post(m_io, [state = m_state->quality.get(), caller, reply,
                      request = std::move(request)] { reply->send(state->answer(caller, request)); });
}

void QualityService::start()
{
    if (m_started)
        return;
    m_state->work.emplace(m_io.get_executor());
    std::promise<std::optional<std::string>> entered;
    auto result = entered.get_future();
    m_thread = std::thread([this, &entered, netns = m_state->netns] {
        // The namespace first: every probe socket and routing lookup of this thread must belong
        // to it. Only this thread moves; the server and the rest of bwxd stay where they are.
        std::optional<std::string> failed;
        if (!netns.empty())
            failed = enterNetns(netns);
        const bool ok = !failed;
        entered.set_value(std::move(failed));
        if (ok)
            m_io.run();
    });
    if (auto failed = result.get()) {
        m_thread.join();
        m_state->work.reset();
        throw std::runtime_error(*failed);
    }
    m_started = true;
    m_accepting = true;
    runOnQualityThread([this] {
        m_state->quality->start([inbox = m_inbox, state = m_state.get()] {
            return state->sequencer.submitQuery(
                MemberId{},
                [inbox, maxPaths = state->maxPaths](const market::Engine &engine) {
                    // On the market thread: read, hand over, and answer nobody.
                    inbox->post([paths = collectMarketPaths(engine, maxPaths)](
                                    QualityState &quality) mutable {
                        quality.applyMarket(std::move(paths));
                    });
                    return proto::Message{proto::Result{}};
                },
                sequencer::Origin{});
        });
    });
    server::logInfo(std::string("quality: started")
                    + (m_state->netns.empty() ? "" : ", probing in network namespace "
                                                         + m_state->netns));
}

void QualityService::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_accepting = false;
    runOnQualityThread([this] { m_state->quality->stop(); });
    m_inbox->close();
    m_state->work.reset();
    m_io.stop();
    m_thread.join();
    // Requests that were already queued are still answered, and cancelled probe trains finish
    // their clean-up, here on the caller's thread (nothing new starts: the state is stopped).
    m_io.restart();
    m_io.poll();
    server::logInfo("quality: stopped");
}

void QualityService::observe(const sequencer::OutputBatch &batch)
{
    OutputSignals signals = scanOutputs(batch);
    if (signals.empty() || !m_accepting)
        return;
    m_inbox->post([signals = std::move(signals)](QualityState &state) { state.outputs(signals); });
}

void QualityService::sellerConnected(MemberId seller)
{
    m_inbox->post([seller](QualityState &state) {
        state.sellerConnected(seller, "BGP session established");
    });
}

void QualityService::setNetworkDistance(MemberId seller,
                                        const net::Prefix &destination,
                                        std::uint8_t length)
{
    m_inbox->post([path = quality::PathKey{seller, destination}, length](QualityState &state) {
        state.setDistance(path, length);
    });
}

void QualityService::runOnQualityThread(const std::function<void()> &f)
{
    std::promise<void> done;
    auto finished = done.get_future();
    asio::post(m_io, [&] {
        f();
        done.set_value();
    });
    finished.get();
}

} // namespace bwx::app
