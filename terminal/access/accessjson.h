#pragma once
// JSON forms of the access manager's values: decisions (headless output, audit log, golden
// files) and recorded states (golden files). Money and prices are exact decimal strings,
// bandwidth "500 Mbps", times ISO 8601 UTC (null when unset) — the same text forms as bwxctl.
#include "access/accessstate.h"
#include "access/decision.h"

#include <bwx/expected.h>
#include <nlohmann/json.hpp>

namespace bwx::access {

using Json = nlohmann::ordered_json;

Json toJson(const proto::OrderParams &params);
Json toJson(const proto::BookEntry &entry);
Json toJson(const proto::Candidate &candidate);
Json toJson(const proto::OrderView &order);
Json toJson(const proto::TradeView &trade);
Json toJson(const proto::QualityCell &cell);
Json toJson(const CandidateVerdict &verdict);
Json toJson(const Action &action);
Json toJson(const ActionResult &result);
Json toJson(const Decision &decision);
Json toJson(const Evaluation &evaluation);
Json toJson(const AccessState &state);

// "scheduled", "active", "ended", "suspended", "cancelled".
std::string_view tradeStateName(proto::TradeState state);

// A recorded state (the format toJson(AccessState) writes). Errors name the JSON path.
Expected<AccessState> stateFromJson(const Json &json);

} // namespace bwx::access
