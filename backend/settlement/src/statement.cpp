#include "bwx/settlement/statement.h"

#include "bwx/settlement/percentile.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace bwx::settlement {

std::string_view toString(Role role) noexcept
{
    return role == Role::Buyer ? "buyer" : "seller";
}

std::string_view toString(UsageFlag flag) noexcept
{
    switch (flag) {
    case UsageFlag::Within:
        return "within";
    case UsageFlag::Over:
        return "over";
    case UsageFlag::Under:
        return "under";
    }
    return "?";
}

namespace {

__extension__ using i128 = __int128;

std::int64_t percentOf(std::int64_t value, std::int64_t percent) noexcept
{
    return static_cast<std::int64_t>(static_cast<i128>(value) * percent / 100);
}

Expected<StatementLine> lineFor(const TradeTerms &t,
                                Role role,
                                const BinSource &usage,
                                const std::vector<Credit> &credits,
                                const StatementConfig &c)
{
    StatementLine line;
    line.trade = t.id;
    line.role = role;
    line.destination = t.destination;
    line.destinationLabel = destinationText(t);
    line.cancelled = t.cancelled;
    line.counterpart = role == Role::Buyer ? t.seller : t.buyer;
    line.from = std::max(c.periodStart, t.deliveryStart);
    line.to = std::min(c.periodEnd, t.deliveryEnd);
    line.committed = t.committed;
    line.price = t.price;
    // percentile95 widens the window to whole bins; read exactly those.
    const std::int64_t firstBin = binOf(line.from);
    const std::int64_t endBin = binOf(Timestamp(line.to.value() - 1)) + 1;
    const Percentile95 to = percentile95(
        usage.binsOf(t.id, Direction::ToDestination, firstBin, endBin), line.from, line.to);
    const Percentile95 from = percentile95(
        usage.binsOf(t.id, Direction::FromDestination, firstBin, endBin), line.from, line.to);
    line.samples = to.samples;
    line.p95ToDestination = to.rate;
    line.p95FromDestination = from.rate;
    line.p95 = std::max(to.rate, from.rate);
    line.usage = classifyUsage(line.p95, t.committed, {c.overUsePercent, c.underUsePercent});
    const Duration window = line.to - line.from;
    const auto amount = amountFor(t.price, t.committed, window);
    if (!amount)
        return makeError("trade " + std::to_string(t.id.value()) + ": amount overflows");
    line.amount = *amount;
    line.overagePrice = c.overagePrice.value() > 0
                            ? c.overagePrice
                            : Price(percentOf(t.price.value(), c.overagePercent));
    line.overageCapacity = line.p95 > t.committed ? line.p95 - t.committed : Bandwidth(0);
    const auto overage = amountFor(line.overagePrice, line.overageCapacity, window);
    if (!overage)
        return makeError("trade " + std::to_string(t.id.value()) + ": overage overflows");
    line.overage = *overage;
    Money credited(0);
    for (const Credit &cr : credits)
        if (cr.trade == t.id && cr.amount.value() > 0)
            credited += cr.amount;
    const Money charge = line.amount + line.overage;
    line.credits = std::min(credited, charge);
    line.net = charge - line.credits;
    return line;
}

} // namespace

Expected<std::vector<Statement>> buildStatements(const std::vector<TradeTerms> &trades,
                                                 const BinSource &usage,
                                                 const std::vector<Credit> &credits,
                                                 const StatementConfig &config)
{
    if (!(config.periodStart < config.periodEnd))
        return makeError("billing period is empty");
    if (config.overagePercent < 0 || config.overagePrice.value() < 0)
        return makeError("overage price is negative");
    std::vector<TradeTerms> sorted = trades;
    std::sort(sorted.begin(), sorted.end(),
              [](const TradeTerms &a, const TradeTerms &b) { return a.id < b.id; });
    std::map<std::uint32_t, Statement> byMember;
    for (const TradeTerms &t : sorted) {
        if (!(t.deliveryStart < config.periodEnd) || !(config.periodStart < t.deliveryEnd))
            continue;
        for (const Role role : {Role::Buyer, Role::Seller}) {
            auto line = lineFor(t, role, usage, credits, config);
            if (!line)
                return makeError(line.error());
            const MemberId member = role == Role::Buyer ? t.buyer : t.seller;
            Statement &s = byMember[member.value()];
            s.member = member;
            s.periodStart = config.periodStart;
            s.periodEnd = config.periodEnd;
            s.totalAmount += line->amount;
            s.totalOverage += line->overage;
            s.totalCredits += line->credits;
            (role == Role::Buyer ? s.payable : s.receivable) += line->net;
            s.lines.push_back(std::move(*line));
        }
    }
    std::vector<Statement> out;
    out.reserve(byMember.size());
    for (auto &[id, s] : byMember)
        out.push_back(std::move(s));
    return out;
}

namespace {

std::string csvRow(const std::vector<std::string> &fields)
{
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i != 0)
            row += ',';
        const std::string &f = fields[i];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            row += f;
        } else {
            row += '"';
            for (char ch : f) {
                if (ch == '"')
                    row += '"';
                row += ch;
            }
            row += '"';
        }
    }
    row += "\r\n";
    return row;
}

std::string kbps(Bandwidth b)
{
    return std::to_string(b.value());
}

} // namespace

namespace {

// With names, a name column follows the member and the counterpart columns.
std::string csvOf(const Statement &s, const MemberNames *names)
{
    const auto nameOf = [names](MemberId id) -> std::string {
        const auto it = names->find(id.value());
        return it == names->end() ? std::string() : it->second;
    };
    const auto row = [names](std::vector<std::string> fields, std::string memberName,
                             std::string counterpartName) {
        if (names) {
            fields.insert(fields.begin() + 7, std::move(counterpartName));
            fields.insert(fields.begin() + 1, std::move(memberName));
        }
        return csvRow(fields);
    };
    std::string out = row({"member",
                           "period_start",
                           "period_end",
                           "trade_id",
                           "role",
                           "destination",
                           "counterpart",
                           "billed_from",
                           "billed_to",
                           "samples",
                           "committed_kbps",
                           "p95_kbps",
                           "p95_to_destination_kbps",
                           "p95_from_destination_kbps",
                           "usage",
                           "price",
                           "amount",
                           "overage_kbps",
                           "overage_price",
                           "overage",
                           "credits",
                           "net"},
                          "member_name", "counterpart_name");
    const std::string member = std::to_string(s.member.value());
    const std::string memberName = names ? nameOf(s.member) : std::string();
    const std::string ps = formatTimestamp(s.periodStart);
    const std::string pe = formatTimestamp(s.periodEnd);
    for (const StatementLine &l : s.lines) {
        out += row({member,
                    ps,
                    pe,
                    std::to_string(l.trade.value()),
                    std::string(toString(l.role)),
                    l.destinationLabel.empty() ? l.destination.toString() : l.destinationLabel,
                    std::to_string(l.counterpart.value()),
                    formatTimestamp(l.from),
                    formatTimestamp(l.to),
                    std::to_string(l.samples),
                    kbps(l.committed),
                    kbps(l.p95),
                    kbps(l.p95ToDestination),
                    kbps(l.p95FromDestination),
                    std::string(toString(l.usage)),
                    formatPrice(l.price),
                    formatMoney(l.amount),
                    kbps(l.overageCapacity),
                    formatPrice(l.overagePrice),
                    formatMoney(l.overage),
                    formatMoney(l.credits),
                    formatMoney(l.net)},
                   memberName, names ? nameOf(l.counterpart) : std::string());
    }
    const auto total = [&](const char *what, Money amount, Money overage, Money credits,
                           Money net) {
        out += row({member,
                    ps,
                    pe,
                    "",
                    what,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    formatMoney(amount),
                    "",
                    "",
                    formatMoney(overage),
                    formatMoney(credits),
                    formatMoney(net)},
                   memberName, "");
    };
    total("total", s.totalAmount, s.totalOverage, s.totalCredits, s.receivable - s.payable);
    total("payable", Money(0), Money(0), Money(0), s.payable);
    total("receivable", Money(0), Money(0), Money(0), s.receivable);
    return out;
}

} // namespace

std::string toCsv(const Statement &s)
{
    return csvOf(s, nullptr);
}

std::string toCsv(const Statement &s, const MemberNames &names)
{
    return csvOf(s, &names);
}

std::string toText(const Statement &s)
{
    std::string out;
    char buf[1024];
    std::snprintf(buf, sizeof buf, "Statement for member %u, %s to %s\n", s.member.value(),
                  formatTimestamp(s.periodStart).c_str(), formatTimestamp(s.periodEnd).c_str());
    out += buf;
    for (const StatementLine &l : s.lines) {
        std::snprintf(buf, sizeof buf,
                      "trade %llu %-6s %-20s counterpart %u  %s .. %s  samples %lld\n"
                      "    committed %s  p95 %s (to %s, from %s) %s\n"
                      "    price %s  amount %s  overage %s at %s = %s  credits %s  net %s\n",
                      static_cast<unsigned long long>(l.trade.value()),
                      std::string(toString(l.role)).c_str(), (l.destinationLabel.empty() ? l.destination.toString() : l.destinationLabel).c_str(),
                      l.counterpart.value(), formatTimestamp(l.from).c_str(),
                      formatTimestamp(l.to).c_str(), static_cast<long long>(l.samples),
                      formatBandwidth(l.committed).c_str(), formatBandwidth(l.p95).c_str(),
                      formatBandwidth(l.p95ToDestination).c_str(),
                      formatBandwidth(l.p95FromDestination).c_str(),
                      std::string(toString(l.usage)).c_str(), formatPrice(l.price).c_str(),
                      formatMoney(l.amount).c_str(), formatBandwidth(l.overageCapacity).c_str(),
                      formatPrice(l.overagePrice).c_str(), formatMoney(l.overage).c_str(),
                      formatMoney(l.credits).c_str(), formatMoney(l.net).c_str());
        out += buf;
    }
    std::snprintf(buf, sizeof buf,
                  "totals: amount %s  overage %s  credits %s  payable %s  receivable %s\n",
                  formatMoney(s.totalAmount).c_str(), formatMoney(s.totalOverage).c_str(),
                  formatMoney(s.totalCredits).c_str(), formatMoney(s.payable).c_str(),
                  formatMoney(s.receivable).c_str());
    out += buf;
    return out;
}

} // namespace bwx::settlement
