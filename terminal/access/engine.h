#pragma once
// The access manager's engine: rules + state -> one decision per need, in file order. Pure and
// deterministic: no clock, no I/O, no randomness; the same inputs give the same decisions, which
// the golden tests in tests/data/access rely on. The algorithm is described step by step in
// docs/access-manager.md ("How a decision is made").
#include "access/accessstate.h"
#include "access/decision.h"
#include "access/rules.h"

namespace bwx::access {

Evaluation evaluate(const Rules &rules, const AccessState &state);

// Whether a need's decision depends on measured quality (quality limits, a performance or
// weighted mode, or replacement on bad quality): only those stop when the quality feed is stale.
bool usesQuality(const Rules &rules, const Group &group, const Need &need);

} // namespace bwx::access
