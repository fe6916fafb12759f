#include "access/ruleswriter.h"

#include "access/rulesvalues.h"

#include <sstream>

namespace bwx::access {

namespace {

// TOML basic strings: quotes, backslashes and control characters escaped.
std::string str(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

// Whole Mbit/s as a plain number (the common case reads best), anything finer with its unit.
std::string bandwidth(Bandwidth b)
{
    if (b.value() % mbps(1).value() == 0)
        return std::to_string(b.value() / mbps(1).value());
    return str(std::to_string(b.value()) + "k");
}

std::string weights(const proto::RankingWeights &w)
{
    return "{ price = " + std::to_string(w.price) + ", latency = " + std::to_string(w.latency)
           + ", loss = " + std::to_string(w.loss) + ", distance = " + std::to_string(w.distance)
           + " }";
}

std::string days(std::uint8_t mask)
{
    std::string out = "[";
    for (int i = 0; i < 7; ++i) {
        if (!(mask & (1u << i)))
            continue;
        if (out.size() > 1)
            out += ", ";
        out += str(weekdayName(i));
    }
    return out + "]";
}

void window(std::ostringstream &out, const char *header, const TimeWindow &w)
{
    out << '\n' << header << '\n';
    out << "days = " << days(w.days) << '\n';
    out << "from = " << str(formatTimeOfDay(w.fromMinute)) << '\n';
    out << "to = " << str(formatTimeOfDay(w.toMinute)) << '\n';
}

void need(std::ostringstream &out, const Need &n)
{
    out << "\n[[group.need]]\n";
    out << "name = " << str(n.name) << '\n';
    out << "destination = " << str(toString(n.destination)) << '\n';
    out << "capacity = " << bandwidth(n.capacity) << '\n';
    if (n.minBlock.isPositive())
        out << "min_block = " << bandwidth(n.minBlock) << '\n';
    if (n.period.kind == PeriodRule::Kind::Rolling) {
        out << "rolling = " << str(formatDuration(n.period.length)) << '\n';
    } else {
        out << "start = " << formatTimestamp(n.period.start) << '\n';
        out << "end = " << formatTimestamp(n.period.end) << '\n';
    }
    if (n.renewBefore.isPositive())
        out << "renew_before = " << str(formatDuration(n.renewBefore)) << '\n';
    out << "max_price = " << str(formatPrice(n.maxPrice)) << '\n';
    if (n.limits.maxLatencyUs)
        out << "max_latency = " << str(formatLatencyUs(n.limits.maxLatencyUs)) << '\n';
    if (n.limits.maxLossPpm)
        out << "max_loss = " << str(formatLossPpm(n.limits.maxLossPpm)) << '\n';
    if (n.limits.maxDistance)
        out << "max_distance = " << int(n.limits.maxDistance) << '\n';
    if (n.traffic != TrafficType::Any)
        out << "traffic = " << str(toString(n.traffic)) << '\n';
    if (n.mode)
        out << "mode = " << str(toString(*n.mode)) << '\n';
    if (n.weights)
        out << "weights = " << weights(*n.weights) << '\n';
    if (n.replaceAfter.isPositive())
        out << "replace_after = " << str(formatDuration(n.replaceAfter)) << '\n';
    if (n.fallback != Fallback::BuyOrder)
        out << "fallback = " << str(toString(n.fallback)) << '\n';
    if (n.fallbackExpiry.isPositive())
        out << "fallback_expiry = " << str(formatDuration(n.fallbackExpiry)) << '\n';
}

} // namespace

std::string writeRules(const Rules &rules)
{
    const Rules defaults;
    std::ostringstream out;
    out << "# BWX access manager rules (docs/access-manager.md)\n";
    out << "version = " << rules.version << '\n';
    out << "mode = " << str(toString(rules.mode)) << '\n';
    if (rules.weights != proto::RankingWeights{})
        out << "weights = " << weights(rules.weights) << '\n';
    if (rules.evaluateEvery != defaults.evaluateEvery)
        out << "evaluate_every = " << str(formatDuration(rules.evaluateEvery)) << '\n';

    out << "\n[safety]\n";
    out << "max_book_age = " << str(formatDuration(rules.safety.maxBookAge)) << '\n';
    out << "max_quality_age = " << str(formatDuration(rules.safety.maxQualityAge)) << '\n';
    out << "max_silence = " << str(formatDuration(rules.safety.maxSilence)) << '\n';
    if (!rules.safety.stopFile.empty())
        out << "stop_file = " << str(rules.safety.stopFile) << '\n';

    const Caps &caps = rules.caps;
    if (caps.spendPerMonth || caps.maxCapacityPerDestination || !caps.destinations.empty()) {
        out << "\n[caps]\n";
        if (caps.spendPerMonth)
            out << "spend_per_month = " << str(formatMoney(*caps.spendPerMonth)) << '\n';
        if (caps.maxCapacityPerDestination)
            out << "max_capacity_per_destination = "
                << bandwidth(*caps.maxCapacityPerDestination) << '\n';
        for (const DestinationCap &cap : caps.destinations) {
            out << "\n[[caps.destination]]\n";
            out << "destination = " << str(toString(cap.destination)) << '\n';
            out << "max_capacity = " << bandwidth(cap.maxCapacity) << '\n';
        }
    }

    for (const TimeWindow &w : rules.windows)
        window(out, "[[window]]", w);

    for (const Group &group : rules.groups) {
        out << "\n[[group]]\n";
        out << "name = " << str(group.name) << '\n';
        out << "enabled = " << (group.enabled ? "true" : "false") << '\n';
        if (group.mode)
            out << "mode = " << str(toString(*group.mode)) << '\n';
        if (group.weights)
            out << "weights = " << weights(*group.weights) << '\n';
        for (const TimeWindow &w : group.windows)
            window(out, "[[group.window]]", w);
        for (const Need &n : group.needs)
            need(out, n);
    }
    return out.str();
}

} // namespace bwx::access
