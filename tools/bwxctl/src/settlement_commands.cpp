// bwxctl usage / statement / collectors: measured usage of trades, statements and their
// documents, and the flow collectors' counters.
#include "bwx/client/reply.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "settlement_views.h"
#include "time_argument.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

namespace bwx::ctl {
namespace {

struct UsageArgs
{
    std::uint64_t trade = 0;
    std::string from;
    std::string to;
};

int usage(const Context &ctx, const UsageArgs &a)
{
    proto::QueryUsage query;
    query.trade = TradeId(a.trade);
    if (a.from.empty() != a.to.empty())
        throw UsageError("give both --from and --to, or neither (the current month)");
    if (!a.from.empty()) {
        auto from = parseTimeArgument(a.from, ctx.clock());
        if (!from)
            throw UsageError("invalid --from: " + from.error());
        auto to = parseTimeArgument(a.to, ctx.clock());
        if (!to)
            throw UsageError("invalid --to: " + to.error());
        if (!(*from < *to))
            throw UsageError("--from must be before --to");
        query.from = *from;
        query.to = *to;
    }
    auto c = ctx.connect();
    auto series = client::replyAs<proto::UsageSeries>(c.request(query, ctx.timeout()));
    ctx.print(toJson(series), usageText(series));
    return kExitOk;
}

struct StatementArgs
{
    std::string period;
    std::string member;
    std::string csv;
    std::string pdf;
};

MemberId memberId(client::Connection &c, const std::string &name, std::chrono::milliseconds t)
{
    auto list = client::replyAs<proto::MemberList>(c.request(proto::QueryMembers{}, t));
    for (const proto::MemberView &m : list.members)
        if (m.name == name)
            return m.id;
    throw client::ClientError(client::ErrorKind::Rejected, proto::ResultCode::UnknownMember,
                              "no member named '" + name + "'");
}

void writeDocument(const Context &ctx, const proto::Document &d, const std::string &path)
{
    if (path == "-") {
        // The document itself is the output; --json does not wrap it.
        ctx.out.write(reinterpret_cast<const char *>(d.content.data()),
                      static_cast<std::streamsize>(d.content.size()));
        ctx.out.flush();
        return;
    }
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char *>(d.content.data()),
               static_cast<std::streamsize>(d.content.size()));
    file.close();
    if (!file)
        throw UsageError("cannot write " + path);
    Json j;
    j["file"] = path;
    j["file_name"] = d.fileName;
    j["media_type"] = d.mediaType;
    j["bytes"] = d.content.size();
    ctx.print(Json{{"document", j}}, "wrote " + path + " (" + d.fileName + ", "
                                         + std::to_string(d.content.size()) + " bytes)\n");
}

int statement(const Context &ctx, const StatementArgs &a)
{
    if (!a.csv.empty() && !a.pdf.empty())
        throw UsageError("--csv and --pdf are exclusive: one document per run");
    Timestamp periodStart{}; // 0 = the current month
    if (!a.period.empty()) {
        auto start = parseMonthArgument(a.period);
        if (!start)
            throw UsageError(start.error());
        periodStart = *start;
    }
    auto c = ctx.connect();
    MemberId member{};
    if (!a.member.empty())
        member = memberId(c, a.member, ctx.timeout());
    if (!a.csv.empty() || !a.pdf.empty()) {
        proto::QueryStatementDocument query;
        query.member = member;
        query.periodStart = periodStart;
        query.format = a.pdf.empty() ? proto::DocumentFormat::Csv : proto::DocumentFormat::Pdf;
        auto document = client::replyAs<proto::Document>(c.request(query, ctx.timeout()));
        writeDocument(ctx, document, a.pdf.empty() ? a.csv : a.pdf);
        return kExitOk;
    }
    auto s = client::replyAs<proto::Statement>(
        c.request(proto::QueryStatement{member, periodStart}, ctx.timeout()));
    ctx.print(toJson(s), statementText(s));
    return kExitOk;
}

int collectors(const Context &ctx)
{
    auto c = ctx.connect();
    auto stats = client::replyAs<proto::CollectorStats>(
        c.request(proto::QueryCollectors{}, ctx.timeout()));
    ctx.print(toJson(stats), collectorsText(stats));
    return kExitOk;
}

} // namespace

void addSettlementCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *usageCmd = app.add_subcommand(
        "usage", "Measured usage of a trade: 5-minute samples, 95th percentile, verdict");
    auto u = std::make_shared<UsageArgs>();
    usageCmd->add_option("TRADE_ID", u->trade, "the trade (0 = your traffic of no trade)")
        ->required();
    usageCmd->add_option("--from", u->from,
                         "window start: ISO 8601 UTC, now, or -30d (default: this month)");
    usageCmd->add_option("--to", u->to, "window end (exclusive)");
    usageCmd->callback([&ctx, &action, u] {
        action = [&ctx, u] {
            return usage(ctx, *u);
        };
    });

    auto *statementCmd = app.add_subcommand(
        "statement", "A billing period's statement, or its CSV / PDF document");
    auto s = std::make_shared<StatementArgs>();
    statementCmd->add_option("--period", s->period, "the month, YYYY-MM (default: this month)");
    statementCmd->add_option("--member", s->member, "admins: whose statement (member name)");
    statementCmd->add_option("--csv", s->csv, "write the CSV document to FILE ('-' = stdout)");
    statementCmd->add_option("--pdf", s->pdf, "write the PDF document to FILE ('-' = stdout)");
    statementCmd->callback([&ctx, &action, s] {
        action = [&ctx, s] {
            return statement(ctx, *s);
        };
    });

    auto *collectorsCmd
        = app.add_subcommand("collectors", "Flow collector counters per exporter (admin)");
    collectorsCmd->callback([&ctx, &action] {
        action = [&ctx] {
            return collectors(ctx);
        };
    });
}

} // namespace bwx::ctl
