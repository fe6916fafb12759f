#include "routing_wiring.h"

#include "bwx/app/routing_config_reader.h"
#include "bwx/server/log.h"

#include <stdexcept>
#include <utility>

namespace bwx::app {

namespace {

routing::Hooks hooksFor(sequencer::Sequencer &sequencer, std::function<void(MemberId)> memberSynced)
{
    routing::Hooks hooks;
    hooks.memberSynced = std::move(memberSynced);
    hooks.submitCommand = [&sequencer](proto::Message message) {
        // The exchange's own command: sender 0, nobody waits for the answer.
        return sequencer.submit(MemberId{}, std::move(message), sequencer::Origin{});
    };
    hooks.submitQuery = [&sequencer](sequencer::Sequencer::Query query, sequencer::Origin origin) {
        return sequencer.submitQuery(MemberId{}, std::move(query), origin);
    };
    hooks.log = [](routing::LogLevel level, const std::string &line) {
        // Session reasons carry text a router sent (RFC 9003 shutdown messages).
        const std::string text = server::printable(line, 1000);
        switch (level) {
        case routing::LogLevel::Info:
            server::logInfo(text);
            break;
        case routing::LogLevel::Warning:
            server::logWarning(text);
            break;
        case routing::LogLevel::Error:
            server::logError(text);
            break;
        }
    };
    return hooks;
}

routing::Asker askerOf(const server::Caller &caller)
{
    return {caller.member, caller.role == Role::Admin};
}

} // namespace

RoutingHost::RoutingHost(const Config &config,
                         asio::io_context &io,
                         sequencer::Sequencer &sequencer,
                         std::function<void(MemberId)> memberSynced)
    : m_service(io, config.routing, hooksFor(sequencer, std::move(memberSynced)))
{}

void RoutingHost::registerServices(server::Server &server)
{
    server.addService(proto::MessageType::QuerySessions,
                      [this](const server::Caller &caller, proto::Message &&request,
                             server::Responder respond) {
                          m_service.querySessions(askerOf(caller),
                                                  std::get<proto::QuerySessions>(request),
                                                  std::move(respond));
                      });
    server.addService(proto::MessageType::QueryRoutes,
                      [this](const server::Caller &caller, proto::Message &&request,
                             server::Responder respond) {
                          m_service.queryRoutes(askerOf(caller),
                                                std::get<proto::QueryRoutes>(request),
                                                std::move(respond));
                      });
    server.addService(proto::MessageType::QueryExports,
                      [this](const server::Caller &caller, proto::Message &&request,
                             server::Responder respond) {
                          m_service.queryExports(askerOf(caller),
                                                 std::get<proto::QueryExports>(request),
                                                 std::move(respond));
                      });
}

Expected<std::monostate> RoutingHost::start()
{
    auto bound = m_service.start();
    if (!bound)
        return makeError("[bgp]: " + bound.error());
    for (const auto &e : *bound) {
        const std::string host = e.address.isV4() ? e.address.toString()
                                                  : "[" + e.address.toString() + "]";
        server::logInfo("BGP listening on " + host + ":" + std::to_string(e.port));
    }
    return std::monostate{};
}

void RoutingHost::reload(const std::filesystem::path &file)
{
    auto next = loadConfig(file);
    if (!next) {
        server::logError("SIGHUP: routing configuration kept, the file has errors");
        return;
    }
    if (!next->routing.enabled) {
        server::logWarning("SIGHUP: [registry] removed; routing stops at the next restart");
        return;
    }
    if (const auto problems = routing::checkRoutingConfig(next->routing); !problems.empty()) {
        for (const auto &p : problems)
            server::logError("SIGHUP: routing configuration kept: " + p);
        return;
    }
    m_service.reload(std::move(next->routing), [](std::vector<std::string> messages) {
        for (const auto &m : messages)
            server::logInfo("SIGHUP: " + m);
    });
}

Expected<std::unique_ptr<RoutingHost>> makeRoutingHost(const Config &config,
                                                       asio::io_context &io,
                                                       sequencer::Sequencer &sequencer,
                                                       std::function<void(MemberId)> memberSynced)
{
    if (!config.routing.enabled)
        return std::unique_ptr<RoutingHost>();
    const auto problems = routing::checkRoutingConfig(config.routing);
    if (!problems.empty()) {
        std::string text;
        for (const auto &p : problems)
            text += (text.empty() ? "" : "; ") + p;
        return makeError("routing configuration: " + text);
    }
    try {
        return std::make_unique<RoutingHost>(config, io, sequencer, std::move(memberSynced));
    } catch (const std::invalid_argument &e) {
        return makeError(std::string("[registry]: ") + e.what());
    }
}

} // namespace bwx::app
