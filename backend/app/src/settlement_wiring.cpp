#include "settlement_wiring.h"

#include "bwx/app/settlement_config_reader.h"
#include "bwx/server/log.h"
#include "bwx/server/server.h"

namespace bwx::app {

// Replies carry at most the session's frame; the frame header and message envelope need a little.
constexpr std::size_t kReplyHeadroom = 1024;

settlement::SettlementConfig settlementSettings(const Config &config)
{
    settlement::SettlementConfig s = config.settlement;
    s.usageDatabase = usageDatabasePath(config.settlement, config.store.dataDir);
    return s;
}

Expected<std::unique_ptr<settlement::SettlementService>>
startSettlement(const Config &config, const market::Engine &engine, server::Server &server)
{
    if (!config.settlement.enabled)
        return std::unique_ptr<settlement::SettlementService>();
    settlement::ServiceHooks hooks;
    hooks.notify = [&server](MemberId member, proto::Notice notice) {
        server.notifyMember(member, std::move(notice));
    };
    hooks.log = [](settlement::LogSeverity severity, const std::string &text) {
        switch (severity) {
        case settlement::LogSeverity::Info:
            server::logInfo(text);
            break;
        case settlement::LogSeverity::Warning:
            server::logWarning(text);
            break;
        case settlement::LogSeverity::Error:
            server::logError(text);
            break;
        }
    };
    const std::size_t maxFrame = config.server.limits.maxFrameSize;
    auto service = std::make_unique<settlement::SettlementService>(
        settlementSettings(config), std::move(hooks),
        maxFrame > kReplyHeadroom ? maxFrame - kReplyHeadroom : maxFrame);
    service->load(settlement::snapshotOf(engine));
    auto started = service->start();
    if (!started)
        return makeError("[settlement]: " + started.error());
    settlement::SettlementService *running = service.get();
    for (proto::MessageType type : settlement::SettlementService::requestTypes())
        server.addService(type, [running](const server::Caller &caller, proto::Message &&request,
                                          server::Responder respond) {
            running->handle({caller.member, caller.role == Role::Admin}, std::move(request),
                            std::move(respond));
        });
    return service;
}

} // namespace bwx::app
