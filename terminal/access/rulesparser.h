#pragma once
// Reads a rules file (TOML, docs/access-manager.md). Every problem is reported with its line and
// column and the reason; a file with any problem yields no rules at all, so a caller keeps the
// rules it had.
#include "access/rules.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::access {

struct RulesProblem
{
    int line = 0; // 1-based; 0 when the problem concerns the file as a whole
    int column = 0;
    std::string message;

    // "line 12, column 5: group 'core', need 'eu-cdn': max_price: ..."
    std::string toString() const;
    friend bool operator==(const RulesProblem &, const RulesProblem &) = default;
};

struct RulesParseResult
{
    std::optional<Rules> rules; // set only when problems is empty
    std::vector<RulesProblem> problems;

    bool ok() const { return rules.has_value(); }
    // Every problem on its own line, each prefixed with `sourceName:line:column:`.
    std::string report(std::string_view sourceName) const;
};

RulesParseResult parseRules(std::string_view text);

} // namespace bwx::access
