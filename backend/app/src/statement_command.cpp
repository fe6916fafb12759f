#include "statement_command.h"

#include "settlement_wiring.h"

#include "bwx/market/engine.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/settlement_service/member_statement.h"
#include "bwx/settlement_service/usage_store.h"
#include "bwx/store/journal.h"

#include <cstdio>
#include <fstream>

namespace bwx::app {

namespace {

int fail(const std::string &message)
{
    std::fprintf(stderr, "bwxd: %s\n", message.c_str());
    return 1;
}

std::optional<MemberId> findMember(const settlement::MemberNames &names, const std::string &text)
{
    for (const auto &[id, name] : names)
        if (name == text)
            return MemberId(id);
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos
        && text.size() <= 9) {
        const auto id = static_cast<std::uint32_t>(std::stoul(text));
        if (names.contains(id))
            return MemberId(id);
    }
    return std::nullopt;
}

} // namespace

int printStatement(const Config &config, const StatementRequest &request)
{
    proto::DocumentFormat format = proto::DocumentFormat::Csv;
    if (request.format == "pdf")
        format = proto::DocumentFormat::Pdf;
    else if (request.format != "csv")
        return fail("--format must be csv or pdf, got '" + request.format + "'");
    const auto period = settlement::parseMonth(request.period);
    if (!period)
        return fail(period.error());
    if (!config.settlement.enabled)
        return fail("the configuration has no [settlement] section");

    const auto journalPath = config.store.journalPath();
    std::error_code ec;
    if (!std::filesystem::exists(journalPath, ec))
        return fail("no journal at " + journalPath.string());
    std::unique_ptr<store::Journal> journal;
    try {
        journal = store::openSqliteJournal(journalPath.string(), {});
    } catch (const std::exception &e) {
        return fail("cannot open the journal " + journalPath.string() + ": " + e.what());
    }
    const auto recovered = sequencer::recover(*journal, true);
    if (!recovered.ok)
        return fail("journal damaged: " + recovered.error);
    const settlement::MarketSnapshot market = settlement::snapshotOf(*recovered.recovery.engine);
    const auto member = findMember(market.names, request.member);
    if (!member)
        return fail("no member '" + request.member + "' in the journal");

    const settlement::SettlementConfig settings = settlementSettings(config);
    if (!std::filesystem::exists(settings.usageDatabase, ec))
        return fail("no usage database at " + settings.usageDatabase.string());
    auto usage = settlement::UsageStore::open(settings.usageDatabase, true);
    if (!usage)
        return fail(usage.error());
    try {
        auto statement = settlement::statementFor(*member, *period, market.trades, market.names,
                                                  **usage, settings.billing);
        if (!statement)
            return fail(statement.error());
        const proto::Document document = settlement::documentOf(
            *statement, market.names, format,
            settlement::StatementPdfOptions{settings.issuer, settings.currency});
        if (request.output.empty() || request.output == "-") {
            std::fwrite(document.content.data(), 1, document.content.size(), stdout);
            std::fflush(stdout);
            return 0;
        }
        std::ofstream out(request.output, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(document.content.data()),
                  static_cast<std::streamsize>(document.content.size()));
        out.close();
        if (!out)
            return fail("cannot write " + request.output);
        std::fprintf(stderr, "bwxd: wrote %s (%zu bytes)\n", request.output.c_str(),
                     document.content.size());
        return 0;
    } catch (const settlement::StoreError &e) {
        return fail(std::string("usage database: ") + e.what());
    }
}

} // namespace bwx::app
