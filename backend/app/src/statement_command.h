#pragma once
// bwxd --statement MEMBER --period YYYY-MM: a member's statement recomputed offline from the
// journal (replayed into a fresh market) and the usage database, with exactly the function the
// running bwxd answers QueryStatementDocument with — the output is byte-identical to what a
// member downloaded, which is how a statement is checked.
#include "bwx/app/config.h"

#include <string>

namespace bwx::app {

struct StatementRequest
{
    std::string member; // a member name, or its numeric id
    std::string period; // YYYY-MM
    std::string format = "csv"; // csv | pdf
    std::string output;         // file; empty or "-" = stdout
};

// Returns the process exit code (0, or 1 with the reason on stderr).
int printStatement(const Config &config, const StatementRequest &request);

} // namespace bwx::app
