#pragma once
// One probe train: `count` probes to one target, `interval` apart, each answered within `timeout`
// or counted as lost. Round-trip times come from the kernel's arrival stamp of the answer minus
// the send time (both CLOCK_REALTIME), checked against the monotonic clock so that a clock step
// during the train cannot produce a wrong figure; event-loop delays do not inflate them.
#include "bwx/core/asio.h"
#include "bwx/domain/units.h"
#include "bwx/quality/probe_config.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bwx::quality {

struct TrainSpec
{
    ProbeProtocol protocol = ProbeProtocol::Icmp;
    net::Address target;
    std::uint16_t udpPort = 33434;
    std::optional<std::uint32_t> fwmark;
    std::optional<net::Address> source;
    std::uint32_t count = 20;
    Duration interval = milliseconds(50);
    Duration timeout = seconds(2);
    std::uint16_t payloadBytes = 32;
};

struct TrainResult
{
    std::vector<std::optional<std::int64_t>> rttNs; // per probe in send order
    // What came back instead of answers: "ICMP host unreachable from 10.0.0.2 (x20)".
    std::vector<std::string> notes;
    // The train could not run at all (socket, bind, mark): no probe counts.
    std::optional<std::string> localError;
};

class ProbeTrain : public std::enable_shared_from_this<ProbeTrain>
{
public:
    using Done = std::function<void(TrainResult)>;

    // Starts at once; `done` runs on the io_context exactly once, unless cancel() came first.
    static std::shared_ptr<ProbeTrain> start(asio::io_context &io, TrainSpec spec, Done done);
    void cancel();

    ~ProbeTrain();
    ProbeTrain(const ProbeTrain &) = delete;
    ProbeTrain &operator=(const ProbeTrain &) = delete;

private:
    struct Probe;
    ProbeTrain(asio::io_context &io, TrainSpec spec, Done done);
    void begin();
    void sendNext();
    void waitForAnswers();
    void drain();
    void answered(std::uint32_t sequence, std::optional<std::int64_t> kernelRealtimeNs);
    void note(std::string text);
    void finishIfComplete();
    void finish(std::optional<std::string> localError);

    asio::io_context &m_io;
    TrainSpec m_spec;
    Done m_done;
    asio::generic::datagram_protocol::socket m_socket;
    asio::steady_timer m_sendTimer;
    asio::steady_timer m_deadline;
    std::uint64_t m_nonce = 0;
    std::vector<Probe> m_probes;
    std::vector<std::pair<std::string, std::uint32_t>> m_notes;
    std::chrono::steady_clock::time_point m_start;
    bool m_finished = false;
};

} // namespace bwx::quality
