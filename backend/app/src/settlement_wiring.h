#pragma once
// bwxd's settlement, made from the [settlement] section: the service loaded with the recovered
// market, its requests registered with the server, its notices sent through it.
#include "bwx/app/config.h"
#include "bwx/expected.h"
#include "bwx/settlement_service/settlement_service.h"

#include <memory>

namespace bwx::market {
class Engine;
}
namespace bwx::server {
class Server;
}

namespace bwx::app {

// The running service (nullptr when [settlement] is absent), or why it cannot start (the usage
// database does not open, a collector port cannot be bound). Call before the sequencer starts:
// it reads the trades and members straight from the recovered engine, and every change after
// that arrives through SettlementService::observe().
Expected<std::unique_ptr<settlement::SettlementService>>
startSettlement(const Config &config, const market::Engine &engine, server::Server &server);

// The settlement rules and where the usage database is, as bwxd runs with `config`.
settlement::SettlementConfig settlementSettings(const Config &config);

} // namespace bwx::app
