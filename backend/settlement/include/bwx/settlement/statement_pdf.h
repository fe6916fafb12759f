#pragma once
// A statement as a PDF document (A4 landscape): header with the member and the period, one
// table row per line, totals, and a note on how the figures were computed. Deterministic: the
// same statement and names give the same bytes (see pdf_writer.h).
#include "bwx/settlement/statement.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bwx::settlement {

struct StatementPdfOptions
{
    std::string issuer = "BWX";  // the exchange, printed in the header
    std::string currency;        // e.g. "EUR"; printed next to money columns when set
};

std::vector<std::uint8_t> toPdf(const Statement &statement,
                                const MemberNames &names,
                                const StatementPdfOptions &options = {});

} // namespace bwx::settlement
