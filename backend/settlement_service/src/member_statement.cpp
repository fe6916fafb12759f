#include "bwx/settlement_service/member_statement.h"

#include "bwx/settlement_service/market_trades.h"

namespace bwx::settlement {

Expected<MemberStatement> statementFor(MemberId member,
                                       const BillingPeriod &period,
                                       const std::map<TradeId, proto::TradeView> &trades,
                                       const MemberNames &names,
                                       const BinSource &usage,
                                       const BillingRules &rules)
{
    std::vector<TradeTerms> own;
    for (const auto &[id, view] : trades) {
        if (!(view.buyer == member) && !(view.seller == member))
            continue;
        if (auto terms = termsOf(view))
            own.push_back(std::move(*terms));
    }
    StatementConfig config;
    config.periodStart = period.start;
    config.periodEnd = period.end;
    config.overagePercent = rules.overagePercent;
    config.overagePrice = rules.overagePrice;
    config.overUsePercent = rules.thresholds.overUsePercent;
    config.underUsePercent = rules.thresholds.underUsePercent;
    auto built = buildStatements(own, usage, {}, config);
    if (!built)
        return makeError(built.error());

    MemberStatement out;
    out.statement.member = member;
    out.statement.periodStart = period.start;
    out.statement.periodEnd = period.end;
    for (Statement &s : *built)
        if (s.member == member)
            out.statement = std::move(s);

    const auto nameOf = [&names](MemberId id) {
        const auto it = names.find(id.value());
        return it == names.end() ? std::string() : it->second;
    };
    const Statement &s = out.statement;
    proto::Statement &m = out.message;
    m.member = member;
    m.memberName = nameOf(member);
    m.periodStart = s.periodStart;
    m.periodEnd = s.periodEnd;
    for (const StatementLine &l : s.lines) {
        proto::StatementLine line;
        line.trade = l.trade;
        line.role = l.role == Role::Buyer ? Side::Buy : Side::Sell;
        const auto view = trades.find(l.trade);
        line.destination = view != trades.end() ? view->second.destination
                                                : Destination::ofPrefix(l.destination);
        line.counterparty = l.counterpart;
        line.counterpartyName = nameOf(l.counterpart);
        line.periodStart = l.from;
        line.periodEnd = l.to;
        line.committed = l.committed;
        line.p95 = l.p95;
        line.price = l.price;
        line.amount = l.amount;
        line.overage = l.overage;
        line.credits = l.credits;
        line.total = l.net;
        // A cancelled trade's delivery end is its cancellation time (docs/market.md).
        if (view != trades.end() && view->second.state == proto::TradeState::Cancelled)
            line.cancelledAt = view->second.deliveryEnd;
        m.lines.push_back(std::move(line));
    }
    m.totalPayable = s.payable;
    m.totalReceivable = s.receivable;
    m.net = s.receivable - s.payable;
    return out;
}

std::string documentFileName(const MemberStatement &statement,
                             const MemberNames &names,
                             proto::DocumentFormat format)
{
    const auto it = names.find(statement.statement.member.value());
    const std::string who = it != names.end() && !it->second.empty()
                                ? it->second
                                : "member-" + std::to_string(statement.statement.member.value());
    return "statement-" + who + "-" + formatMonth(statement.statement.periodStart)
           + (format == proto::DocumentFormat::Pdf ? ".pdf" : ".csv");
}

proto::Document documentOf(const MemberStatement &statement,
                           const MemberNames &names,
                           proto::DocumentFormat format,
                           const StatementPdfOptions &pdf)
{
    proto::Document d;
    d.fileName = documentFileName(statement, names, format);
    if (format == proto::DocumentFormat::Pdf) {
        d.mediaType = "application/pdf";
        d.content = toPdf(statement.statement, names, pdf);
    } else {
        d.mediaType = "text/csv; charset=utf-8";
        const std::string csv = toCsv(statement.statement, names);
        d.content.assign(csv.begin(), csv.end());
    }
    return d;
}

} // namespace bwx::settlement
