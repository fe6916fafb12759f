#pragma once
// A member's statement for a billing period, as a pure function of the trades (from the
// journal, through the market) and the usage samples (from the usage database): bwxd answering
// a member, and `bwxd --statement` recomputing offline, call exactly this, so the documents are
// byte-identical.
#include "bwx/proto/messages.h"
#include "bwx/settlement/billing_period.h"
#include "bwx/settlement/statement.h"
#include "bwx/settlement/statement_pdf.h"
#include "bwx/settlement/settlement_config.h"

#include <map>

namespace bwx::settlement {

struct MemberStatement
{
    Statement statement;      // the full figures (CSV, PDF)
    proto::Statement message; // what the protocol carries
};

// `trades`: the market's trades (any member; the member's own are picked). A member without
// trades in the period gets an empty statement.
Expected<MemberStatement> statementFor(MemberId member,
                                       const BillingPeriod &period,
                                       const std::map<TradeId, proto::TradeView> &trades,
                                       const MemberNames &names,
                                       const BinSource &usage,
                                       const BillingRules &rules);

// "statement-alice-2026-11.csv" / ".pdf"
std::string documentFileName(const MemberStatement &statement,
                             const MemberNames &names,
                             proto::DocumentFormat format);

proto::Document documentOf(const MemberStatement &statement,
                           const MemberNames &names,
                           proto::DocumentFormat format,
                           const StatementPdfOptions &pdf);

} // namespace bwx::settlement
