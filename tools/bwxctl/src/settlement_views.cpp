#include "settlement_views.h"

#include "bwx/domain/destination.h"
#include "human_views.h"

#include <chrono>

namespace bwx::ctl {

namespace {

using Align = Table::Align;

std::string side(Side role)
{
    return role == Side::Buy ? "buyer" : "seller";
}

// Named as the statement's own text, CSV and PDF name a cancelled trade (docs/settlement.md).
std::string lineDestination(const proto::StatementLine &l)
{
    return l.cancelledAt.isSet() ? toString(l.destination) + " (cancelled)"
                                 : toString(l.destination);
}

std::string counterpart(const proto::StatementLine &l)
{
    return l.counterpartyName.empty() ? "#" + std::to_string(l.counterparty.value())
                                      : l.counterpartyName;
}

} // namespace

std::string_view usageFlagName(std::uint8_t flag)
{
    switch (flag) {
    case 0:
        return "within";
    case 1:
        return "over";
    case 2:
        return "under";
    default:
        return "unknown";
    }
}

Json toJson(const proto::UsageSeries &s)
{
    Json j;
    j["trade_id"] = s.trade.value();
    putBandwidth(j, "committed", s.committed);
    putBandwidth(j, "p95", s.p95);
    j["usage"] = usageFlagName(s.usage);
    std::uint64_t forward = 0, reverse = 0;
    Json samples = Json::array();
    for (const proto::UsageSample &x : s.samples) {
        Json sample;
        sample["bin_start"] = timeJson(x.binStart);
        sample["rate_forward_kbps"] = x.rateForward.value();
        sample["rate_reverse_kbps"] = x.rateReverse.value();
        sample["bytes_forward"] = x.bytesForward;
        sample["bytes_reverse"] = x.bytesReverse;
        samples.push_back(std::move(sample));
        forward += x.bytesForward;
        reverse += x.bytesReverse;
    }
    j["bytes_forward"] = forward;
    j["bytes_reverse"] = reverse;
    j["samples"] = std::move(samples);
    return j;
}

Json toJson(const proto::Statement &s)
{
    Json j;
    j["member_id"] = s.member.value();
    j["member_name"] = s.memberName;
    j["period_start"] = timeJson(s.periodStart);
    j["period_end"] = timeJson(s.periodEnd);
    Json lines = Json::array();
    for (const proto::StatementLine &l : s.lines) {
        Json line;
        line["trade_id"] = l.trade.value();
        line["role"] = side(l.role);
        line["destination"] = toString(l.destination);
        line["counterparty_id"] = l.counterparty.value();
        line["counterparty_name"] = l.counterpartyName;
        line["billed_from"] = timeJson(l.periodStart);
        line["billed_to"] = timeJson(l.periodEnd);
        putBandwidth(line, "committed", l.committed);
        putBandwidth(line, "p95", l.p95);
        line["price"] = decimal6(l.price.value());
        line["amount"] = decimal6(l.amount.value());
        line["overage"] = decimal6(l.overage.value());
        line["credits"] = decimal6(l.credits.value());
        line["total"] = decimal6(l.total.value());
        line["cancelled_at"] = timeJson(l.cancelledAt);
        lines.push_back(std::move(line));
    }
    j["lines"] = std::move(lines);
    j["total_payable"] = decimal6(s.totalPayable.value());
    j["total_receivable"] = decimal6(s.totalReceivable.value());
    j["net"] = decimal6(s.net.value());
    return j;
}

Json toJson(const proto::CollectorStats &s)
{
    Json j;
    Json exporters = Json::array();
    for (const proto::ExporterStatsView &e : s.exporters) {
        Json x;
        x["exporter"] = e.exporter;
        x["protocol"] = e.protocol;
        x["datagrams"] = e.datagrams;
        x["records"] = e.records;
        x["bytes"] = e.bytes;
        x["dropped"] = e.dropped;
        x["sequence_gaps"] = e.sequenceGaps;
        x["duplicates"] = e.duplicates;
        x["details"] = e.lastError;
        exporters.push_back(std::move(x));
    }
    j["exporters"] = std::move(exporters);
    j["kernel_drops"] = s.kernelDrops;
    j["unattributed_bytes"] = s.unattributedBytes;
    Json reasons = Json::array();
    for (const proto::UnattributedView &u : s.unattributed)
        reasons.push_back(Json{{"reason", u.reason}, {"flows", u.flows}, {"bytes", u.bytes}});
    j["unattributed"] = std::move(reasons);
    return j;
}

std::string usageText(const proto::UsageSeries &s)
{
    std::uint64_t forward = 0, reverse = 0;
    Table t({{"BIN (UTC)"},
             {"FORWARD kbit/s", Align::Right},
             {"RETURN kbit/s", Align::Right},
             {"BYTES FORWARD", Align::Right},
             {"BYTES RETURN", Align::Right}});
    for (const proto::UsageSample &x : s.samples) {
        t.addRow({shortTime(x.binStart), std::to_string(x.rateForward.value()),
                  std::to_string(x.rateReverse.value()), std::to_string(x.bytesForward),
                  std::to_string(x.bytesReverse)});
        forward += x.bytesForward;
        reverse += x.bytesReverse;
    }
    std::string text;
    if (s.trade.value() == 0)
        text = "traffic attributed to no trade\n";
    else
        text = "trade " + std::to_string(s.trade.value()) + ": committed "
               + formatBandwidth(s.committed) + ", 95th percentile " + formatBandwidth(s.p95)
               + " (" + std::string(usageFlagName(s.usage)) + ")\n";
    text += std::to_string(s.samples.size()) + " five-minute samples with traffic, "
            + std::to_string(forward) + " bytes forward, " + std::to_string(reverse)
            + " bytes return\n";
    if (!t.empty())
        text += "\n" + t.render();
    return text;
}

std::string statementText(const proto::Statement &s)
{
    std::string text = "statement of " + (s.memberName.empty() ? "#" : s.memberName + " #")
                       + std::to_string(s.member.value()) + ", " + shortTime(s.periodStart)
                       + " to " + shortTime(s.periodEnd) + " UTC\n";
    if (s.lines.empty()) {
        text += "no trade in this period\n";
    } else {
        Table t({{"TRADE", Align::Right},
                 {"ROLE"},
                 {"DESTINATION"},
                 {"COUNTERPART"},
                 {"BILLED"},
                 {"COMMITTED", Align::Right},
                 {"P95", Align::Right},
                 {"PRICE", Align::Right},
                 {"AMOUNT", Align::Right},
                 {"OVERAGE", Align::Right},
                 {"CREDITS", Align::Right},
                 {"TOTAL", Align::Right}});
        for (const proto::StatementLine &l : s.lines)
            t.addRow({std::to_string(l.trade.value()), side(l.role), lineDestination(l),
                      counterpart(l), period(l.periodStart, l.periodEnd),
                      formatBandwidth(l.committed), formatBandwidth(l.p95),
                      formatPrice(l.price), formatMoney(l.amount), formatMoney(l.overage),
                      formatMoney(l.credits), formatMoney(l.total)});
        text += "\n" + t.render() + "\n";
    }
    text += "payable " + formatMoney(s.totalPayable) + ", receivable "
            + formatMoney(s.totalReceivable) + ", net " + formatMoney(s.net) + "\n";
    return text;
}

std::string collectorsText(const proto::CollectorStats &s)
{
    Table t({{"EXPORTER"},
             {"PROTOCOL"},
             {"DATAGRAMS", Align::Right},
             {"RECORDS", Align::Right},
             {"BYTES", Align::Right},
             {"DROPPED", Align::Right},
             {"SEQ-LOST", Align::Right},
             {"DUPLICATES", Align::Right},
             {"DETAILS"}});
    for (const proto::ExporterStatsView &e : s.exporters)
        t.addRow({e.exporter, e.protocol.empty() ? "-" : e.protocol, std::to_string(e.datagrams),
                  std::to_string(e.records), std::to_string(e.bytes), std::to_string(e.dropped),
                  std::to_string(e.sequenceGaps), std::to_string(e.duplicates),
                  e.lastError.empty() ? "-" : e.lastError});
    std::string text = t.render();
    text += "\nkernel drops (socket buffers full): " + std::to_string(s.kernelDrops) + "\n";
    text += "unattributed this month: " + std::to_string(s.unattributedBytes) + " bytes\n";
    Table r({{"REASON"}, {"FLOWS", Align::Right}, {"BYTES", Align::Right}});
    for (const proto::UnattributedView &u : s.unattributed)
        if (u.flows != 0 || u.bytes != 0)
            r.addRow({u.reason, std::to_string(u.flows), std::to_string(u.bytes)});
    if (!r.empty())
        text += "\n" + r.render();
    return text;
}

Expected<Timestamp> parseMonthArgument(std::string_view text)
{
    namespace chr = std::chrono;
    const auto bad = makeError("--period must be a month written YYYY-MM, e.g. 2026-11; got '"
                               + std::string(text) + "'");
    if (text.size() != 7 || text[4] != '-')
        return bad;
    int year = 0;
    unsigned month = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4)
            continue;
        if (text[i] < '0' || text[i] > '9')
            return bad;
        if (i < 4)
            year = year * 10 + (text[i] - '0');
        else
            month = month * 10 + static_cast<unsigned>(text[i] - '0');
    }
    if (year < 1970 || year > 2261 || month < 1 || month > 12)
        return bad;
    const chr::sys_days day{chr::year(year) / chr::month(month) / 1};
    return Timestamp::fromSeconds(
        chr::duration_cast<chr::seconds>(day.time_since_epoch()).count());
}

} // namespace bwx::ctl
