#include "access/rulesparser.h"

#include "access/rulesvalues.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <toml++/toml.h>

namespace bwx::access {

namespace {

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

int lineOf(const toml::source_region &where)
{
    return static_cast<int>(where.begin.line);
}

bool validName(std::string_view name)
{
    if (name.empty() || name.size() > 64)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '-' || c == '_' || c == '.';
    });
}

// A TOML date-time as the exchange's Timestamp. Local date-times are refused: the rules speak
// UTC only, and guessing the terminal's time zone would move a delivery period.
std::optional<Timestamp> fromToml(const toml::date_time &dt, std::string *why)
{
    if (!dt.offset) {
        *why = "must be UTC: end the time with Z (e.g. 2030-01-01T00:00:00Z)";
        return std::nullopt;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02uT%02u:%02u:%02uZ",
                  static_cast<unsigned>(dt.date.year), static_cast<unsigned>(dt.date.month),
                  static_cast<unsigned>(dt.date.day), static_cast<unsigned>(dt.time.hour),
                  static_cast<unsigned>(dt.time.minute), static_cast<unsigned>(dt.time.second));
    auto parsed = parseTimestamp(buffer);
    if (!parsed) {
        *why = parsed.error();
        return std::nullopt;
    }
    return *parsed + Duration(static_cast<std::int64_t>(dt.time.nanosecond))
           - seconds(std::int64_t{dt.offset->minutes} * 60);
}

class Parser
{
public:
    std::vector<RulesProblem> problems;

    void report(const toml::source_region &where, const std::string &context,
                std::string_view key, const std::string &message)
    {
        std::string text = context;
        if (!key.empty())
            text += (text.empty() ? "" : ": ") + std::string(key);
        text += (text.empty() ? "" : ": ") + message;
        problems.push_back(
            {lineOf(where), static_cast<int>(where.begin.column), std::move(text)});
    }

    // ---- typed values ----

    std::optional<std::string> string(const toml::node &node, const std::string &ctx,
                                      std::string_view key)
    {
        if (const auto *value = node.as_string())
            return value->get();
        report(node.source(), ctx, key, "must be a string");
        return std::nullopt;
    }

    std::optional<std::int64_t> integer(const toml::node &node, const std::string &ctx,
                                        std::string_view key, std::int64_t min, std::int64_t max)
    {
        const auto *value = node.as_integer();
        if (!value) {
            report(node.source(), ctx, key, "must be a whole number");
            return std::nullopt;
        }
        if (value->get() < min || value->get() > max) {
            report(node.source(), ctx, key,
                   "must be from " + std::to_string(min) + " to " + std::to_string(max));
            return std::nullopt;
        }
        return value->get();
    }

    std::optional<bool> boolean(const toml::node &node, const std::string &ctx,
                                std::string_view key)
    {
        if (const auto *value = node.as_boolean())
            return value->get();
        report(node.source(), ctx, key, "must be true or false");
        return std::nullopt;
    }

    // Parses a string value with `parse`; its error becomes the reason.
    template<class T, class Parse>
    std::optional<T> text(const toml::node &node, const std::string &ctx, std::string_view key,
                          Parse parse, const char *example)
    {
        const auto *value = node.as_string();
        if (!value) {
            report(node.source(), ctx, key,
                   std::string("must be a string, e.g. ") + example);
            return std::nullopt;
        }
        auto parsed = parse(value->get());
        if (!parsed) {
            report(node.source(), ctx, key, parsed.error());
            return std::nullopt;
        }
        return T(*parsed);
    }

    std::optional<Duration> duration(const toml::node &node, const std::string &ctx,
                                     std::string_view key)
    {
        return text<Duration>(node, ctx, key, parseDuration, "\"30s\", \"15m\", \"7d\"");
    }

    // Money and prices: strings with at most six decimals, or whole numbers. TOML floats are
    // binary fractions; "12.10" as a float is not 12.10, so they are refused.
    template<class T, class Parse>
    std::optional<T> decimal(const toml::node &node, const std::string &ctx,
                             std::string_view key, Parse parse, const char *example)
    {
        if (node.is_floating_point()) {
            report(node.source(), ctx, key,
                   std::string("write it as a string, e.g. ") + example
                       + " (a floating-point number is not exact)");
            return std::nullopt;
        }
        if (const auto *whole = node.as_integer()) {
            auto parsed = parse(std::to_string(whole->get()));
            if (!parsed) {
                report(node.source(), ctx, key, parsed.error());
                return std::nullopt;
            }
            return T(*parsed);
        }
        return text<T>(node, ctx, key, parse, example);
    }

    std::optional<Price> price(const toml::node &node, const std::string &ctx,
                               std::string_view key)
    {
        auto value = decimal<Price>(node, ctx, key, parsePrice, "\"12.50\"");
        if (value && !value->isPositive()) {
            report(node.source(), ctx, key, "must be more than 0");
            return std::nullopt;
        }
        return value;
    }

    std::optional<Money> money(const toml::node &node, const std::string &ctx,
                               std::string_view key)
    {
        auto value = decimal<Money>(node, ctx, key, parseMoney, "\"25000.00\"");
        if (value && !value->isPositive()) {
            report(node.source(), ctx, key, "must be more than 0");
            return std::nullopt;
        }
        return value;
    }

    // Whole numbers are Mbit/s; strings may carry a unit ("10G", "512k").
    std::optional<Bandwidth> bandwidth(const toml::node &node, const std::string &ctx,
                                       std::string_view key)
    {
        std::optional<Bandwidth> value;
        if (const auto *whole = node.as_integer()) {
            if (whole->get() <= 0 || whole->get() > 1'000'000'000) {
                report(node.source(), ctx, key, "must be from 1 to 1000000000 Mbps");
                return std::nullopt;
            }
            value = mbps(whole->get());
        } else if (node.is_floating_point()) {
            report(node.source(), ctx, key,
                   "write fractions as a string with a unit, e.g. \"1.5G\" or \"512k\"");
            return std::nullopt;
        } else {
            value = text<Bandwidth>(node, ctx, key, parseBandwidth, "1000 or \"10G\"");
        }
        if (value && !value->isPositive()) {
            report(node.source(), ctx, key, "must be more than 0");
            return std::nullopt;
        }
        return value;
    }

    std::optional<Timestamp> timestamp(const toml::node &node, const std::string &ctx,
                                       std::string_view key)
    {
        if (const auto *dt = node.as_date_time()) {
            std::string why;
            const auto value = fromToml(dt->get(), &why);
            if (!value)
                report(node.source(), ctx, key, why);
            return value;
        }
        if (const auto *date = node.as_date()) {
            // A bare date means its midnight in UTC.
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02u",
                          static_cast<unsigned>(date->get().year),
                          static_cast<unsigned>(date->get().month),
                          static_cast<unsigned>(date->get().day));
            auto parsed = parseTimestamp(buffer);
            if (!parsed) {
                report(node.source(), ctx, key, parsed.error());
                return std::nullopt;
            }
            return *parsed;
        }
        if (node.is_time()) {
            report(node.source(), ctx, key, "needs a date, e.g. 2030-01-01T00:00:00Z");
            return std::nullopt;
        }
        return text<Timestamp>(node, ctx, key, parseTimestamp, "2030-01-01T00:00:00Z");
    }

    std::optional<SelectionMode> mode(const toml::node &node, const std::string &ctx,
                                      std::string_view key)
    {
        const auto value = string(node, ctx, key);
        if (!value)
            return std::nullopt;
        const auto mode = parseSelectionMode(*value);
        if (!mode)
            report(node.source(), ctx, key,
                   "unknown mode " + quoted(*value) + " (price, performance or weighted)");
        return mode;
    }

    std::optional<proto::RankingWeights> weights(const toml::node &node, const std::string &ctx,
                                                 std::string_view key)
    {
        const auto *table = node.as_table();
        if (!table) {
            report(node.source(), ctx, key,
                   "must be a table, e.g. { price = 60, latency = 30, loss = 10, distance = 0 }");
            return std::nullopt;
        }
        proto::RankingWeights weights;
        bool ok = true;
        for (auto &&[k, v] : *table) {
            std::uint16_t *field = nullptr;
            if (k.str() == "price")
                field = &weights.price;
            else if (k.str() == "latency")
                field = &weights.latency;
            else if (k.str() == "loss")
                field = &weights.loss;
            else if (k.str() == "distance")
                field = &weights.distance;
            if (!field) {
                report(k.source(), ctx, std::string(key) + "." + std::string(k.str()),
                       "unknown weight (price, latency, loss, distance)");
                ok = false;
                continue;
            }
            const auto value = integer(v, ctx, std::string(key) + "." + std::string(k.str()), 0,
                                       1000);
            if (!value) {
                ok = false;
                continue;
            }
            *field = static_cast<std::uint16_t>(*value);
        }
        if (!ok)
            return std::nullopt;
        if (weights.price + weights.latency + weights.loss + weights.distance == 0) {
            report(node.source(), ctx, key, "at least one weight must be more than 0");
            return std::nullopt;
        }
        return weights;
    }

    std::optional<Destination> destination(const toml::node &node, const std::string &ctx,
                                           std::string_view key)
    {
        return text<Destination>(node, ctx, key, parseDestination,
                                 "\"203.0.113.0/24\", \"AS64500\" or \"customer\"");
    }

    // ---- tables ----

    std::optional<TimeWindow> window(const toml::node &node, const std::string &ctx)
    {
        const auto *table = node.as_table();
        if (!table) {
            report(node.source(), ctx, "window", "must be a table ([[window]])");
            return std::nullopt;
        }
        TimeWindow window;
        window.line.value = lineOf(node.source());
        bool ok = true;
        bool haveFrom = false;
        bool haveTo = false;
        for (auto &&[k, v] : *table) {
            const std::string_view name = k.str();
            if (name == "days") {
                const auto *days = v.as_array();
                if (!days || days->empty()) {
                    report(v.source(), ctx, name,
                           "must be a list of days, e.g. [\"mon\", \"tue\", \"wed\"]");
                    ok = false;
                    continue;
                }
                window.days = 0;
                for (const toml::node &day : *days) {
                    const auto text = day.as_string();
                    auto index = text ? parseWeekday(text->get())
                                      : Expected<int>(makeError("every day must be a string"));
                    if (!index) {
                        report(day.source(), ctx, name, index.error());
                        ok = false;
                        continue;
                    }
                    const auto bit = static_cast<std::uint8_t>(1u << *index);
                    if (window.days & bit) {
                        report(day.source(), ctx, name,
                               "day " + quoted(text->get()) + " is listed twice");
                        ok = false;
                    }
                    window.days |= bit;
                }
            } else if (name == "from" || name == "to") {
                const auto minutes = text<int>(v, ctx, name, parseTimeOfDay, "\"08:00\"");
                if (!minutes) {
                    ok = false;
                    continue;
                }
                (name == "from" ? window.fromMinute : window.toMinute) = *minutes;
                (name == "from" ? haveFrom : haveTo) = true;
            } else {
                report(k.source(), ctx, name, "unknown key (days, from, to)");
                ok = false;
            }
        }
        if (!ok)
            return std::nullopt;
        if (!haveFrom || !haveTo) {
            report(node.source(), ctx, "window",
                   "needs both from and to (UTC), e.g. from = \"08:00\", to = \"18:00\"");
            return std::nullopt;
        }
        if (window.fromMinute == window.toMinute
            || (window.fromMinute == 1440 && window.toMinute == 0)) {
            report(node.source(), ctx, "window",
                   "from and to are the same time: the window is empty (for the whole day use "
                   "from = \"00:00\", to = \"24:00\")");
            return std::nullopt;
        }
        return window;
    }

    template<class Read>
    void arrayOfTables(const toml::node &node, const std::string &ctx, std::string_view key,
                       Read read)
    {
        const auto *array = node.as_array();
        if (!array || !array->is_array_of_tables()) {
            report(node.source(), ctx, key,
                   "must be written as [[" + std::string(key) + "]] tables");
            return;
        }
        for (const toml::node &element : *array)
            read(element);
    }

    void safety(const toml::node &node, Safety &safety)
    {
        const std::string ctx = "[safety]";
        const auto *table = node.as_table();
        if (!table) {
            report(node.source(), "", "safety", "must be a table ([safety])");
            return;
        }
        for (auto &&[k, v] : *table) {
            const std::string_view name = k.str();
            if (name == "max_book_age") {
                if (auto d = duration(v, ctx, name))
                    safety.maxBookAge = *d;
            } else if (name == "max_quality_age") {
                if (auto d = duration(v, ctx, name))
                    safety.maxQualityAge = *d;
            } else if (name == "max_silence") {
                if (auto d = duration(v, ctx, name))
                    safety.maxSilence = *d;
            } else if (name == "stop_file") {
                if (auto s = string(v, ctx, name)) {
                    if (s->empty())
                        report(v.source(), ctx, name, "must not be empty");
                    else
                        safety.stopFile = *s;
                }
            } else {
                report(k.source(), ctx, name,
                       "unknown key (max_book_age, max_quality_age, max_silence, stop_file)");
            }
        }
    }

    void caps(const toml::node &node, Caps &caps)
    {
        const std::string ctx = "[caps]";
        const auto *table = node.as_table();
        if (!table) {
            report(node.source(), "", "caps", "must be a table ([caps])");
            return;
        }
        for (auto &&[k, v] : *table) {
            const std::string_view name = k.str();
            if (name == "spend_per_month") {
                caps.spendPerMonth = money(v, ctx, name);
            } else if (name == "max_capacity_per_destination") {
                caps.maxCapacityPerDestination = bandwidth(v, ctx, name);
            } else if (name == "destination") {
                arrayOfTables(v, ctx, name, [&](const toml::node &element) {
                    if (auto cap = destinationCap(element))
                        caps.destinations.push_back(*cap);
                });
            } else {
                report(k.source(), ctx, name,
                       "unknown key (spend_per_month, max_capacity_per_destination, "
                       "[[caps.destination]])");
            }
        }
        std::map<std::string, int> seen;
        for (const DestinationCap &cap : caps.destinations) {
            const std::string text = toString(cap.destination);
            const auto [it, inserted] = seen.emplace(text, cap.line.value);
            if (!inserted)
                problems.push_back({cap.line.value, 1,
                                    "[[caps.destination]]: " + text
                                        + " already has a cap on line "
                                        + std::to_string(it->second)});
        }
    }

    std::optional<DestinationCap> destinationCap(const toml::node &node)
    {
        const std::string ctx = "[[caps.destination]]";
        const auto &table = *node.as_table();
        DestinationCap cap;
        cap.line.value = lineOf(node.source());
        bool haveDestination = false;
        bool haveCapacity = false;
        bool ok = true;
        for (auto &&[k, v] : table) {
            const std::string_view name = k.str();
            if (name == "destination") {
                const auto d = destination(v, ctx, name);
                ok = ok && d;
                if (d) {
                    cap.destination = *d;
                    haveDestination = true;
                }
            } else if (name == "max_capacity") {
                const auto b = bandwidth(v, ctx, name);
                ok = ok && b;
                if (b) {
                    cap.maxCapacity = *b;
                    haveCapacity = true;
                }
            } else {
                report(k.source(), ctx, name, "unknown key (destination, max_capacity)");
                ok = false;
            }
        }
        if (ok && (!haveDestination || !haveCapacity)) {
            report(node.source(), ctx, "", "needs destination and max_capacity");
            ok = false;
        }
        return ok ? std::optional(cap) : std::nullopt;
    }

    std::optional<Need> need(const toml::node &node, const std::string &groupCtx)
    {
        const auto &table = *node.as_table();
        Need need;
        need.line.value = lineOf(node.source());
        std::string ctx = groupCtx + ", need";
        if (const toml::node *name = table.get("name"); name && name->is_string())
            ctx = groupCtx + ", need " + quoted(name->as_string()->get());
        const std::size_t before = problems.size();

        std::optional<Timestamp> start;
        std::optional<Timestamp> end;
        std::optional<Duration> rolling;
        const toml::node *startNode = nullptr;
        bool haveName = false, haveDestination = false, haveCapacity = false, havePrice = false;
        for (auto &&[k, v] : table) {
            const std::string_view key = k.str();
            if (key == "name") {
                haveName = true;
                if (auto s = string(v, ctx, key)) {
                    if (!validName(*s))
                        report(v.source(), ctx, key,
                               "1-64 characters: letters, digits, '-', '_' and '.'");
                    need.name = *s;
                }
            } else if (key == "destination") {
                haveDestination = true;
                if (auto d = destination(v, ctx, key))
                    need.destination = *d;
            } else if (key == "capacity") {
                haveCapacity = true;
                if (auto b = bandwidth(v, ctx, key))
                    need.capacity = *b;
            } else if (key == "min_block") {
                if (auto b = bandwidth(v, ctx, key))
                    need.minBlock = *b;
            } else if (key == "max_price") {
                havePrice = true;
                if (auto p = price(v, ctx, key))
                    need.maxPrice = *p;
            } else if (key == "max_latency") {
                if (auto us = text<std::uint32_t>(v, ctx, key, parseLatencyUs, "\"40ms\""))
                    need.limits.maxLatencyUs = *us;
            } else if (key == "max_loss") {
                if (auto ppm = text<std::uint32_t>(v, ctx, key, parseLossPpm, "\"0.5%\""))
                    need.limits.maxLossPpm = *ppm;
            } else if (key == "max_distance") {
                if (auto d = integer(v, ctx, key, 1, 255))
                    need.limits.maxDistance = static_cast<std::uint8_t>(*d);
            } else if (key == "traffic") {
                if (auto s = string(v, ctx, key)) {
                    if (auto t = parseTrafficType(*s))
                        need.traffic = *t;
                    else
                        report(v.source(), ctx, key,
                               "unknown traffic type " + quoted(*s)
                                   + " (any, best_effort, premium, realtime)");
                }
            } else if (key == "start") {
                start = timestamp(v, ctx, key);
                startNode = &v;
            } else if (key == "end") {
                end = timestamp(v, ctx, key);
            } else if (key == "rolling") {
                rolling = duration(v, ctx, key);
            } else if (key == "renew_before") {
                if (auto d = duration(v, ctx, key))
                    need.renewBefore = *d;
            } else if (key == "replace_after") {
                if (auto d = duration(v, ctx, key))
                    need.replaceAfter = *d;
            } else if (key == "mode") {
                need.mode = mode(v, ctx, key);
            } else if (key == "weights") {
                need.weights = weights(v, ctx, key);
            } else if (key == "fallback") {
                if (auto s = string(v, ctx, key)) {
                    if (*s == "buy-order")
                        need.fallback = Fallback::BuyOrder;
                    else if (*s == "none")
                        need.fallback = Fallback::None;
                    else
                        report(v.source(), ctx, key,
                               "unknown fallback " + quoted(*s) + " (buy-order or none)");
                }
            } else if (key == "fallback_expiry") {
                if (auto d = duration(v, ctx, key))
                    need.fallbackExpiry = *d;
            } else {
                report(k.source(), ctx, key,
                       "unknown key (name, destination, capacity, min_block, start, end, "
                       "rolling, max_price, max_latency, max_loss, max_distance, traffic, mode, "
                       "weights, renew_before, replace_after, fallback, fallback_expiry)");
            }
        }

        const auto missing = [&](bool have, const char *key, const char *example) {
            if (!have)
                report(node.source(), ctx, "",
                       std::string("required key '") + key + "' is missing, e.g. " + example);
        };
        missing(haveName, "name", "name = \"eu-cdn\"");
        missing(haveDestination, "destination", "destination = \"203.0.113.0/24\"");
        missing(haveCapacity, "capacity", "capacity = 1000 (Mbps)");
        missing(havePrice, "max_price", "max_price = \"12.50\"");

        const bool fixedGiven = startNode || end;
        if (rolling && fixedGiven) {
            report(node.source(), ctx, "",
                   "give either start and end, or rolling, not both");
        } else if (rolling) {
            need.period.kind = PeriodRule::Kind::Rolling;
            need.period.length = *rolling;
            if (need.renewBefore.value() >= rolling->value())
                report(node.source(), ctx, "renew_before",
                       "must be shorter than the rolling period (" + formatDuration(*rolling)
                           + ")");
        } else if (start && end) {
            need.period.kind = PeriodRule::Kind::Fixed;
            need.period.start = *start;
            need.period.end = *end;
            if (*end <= *start)
                report(node.source(), ctx, "end",
                       "must be after start (" + formatTimestamp(*start) + ")");
            else if (need.renewBefore.value() >= (*end - *start).value())
                report(node.source(), ctx, "renew_before",
                       "must be shorter than the period (" + formatDuration(*end - *start) + ")");
        } else if (problems.size() == before) {
            report(node.source(), ctx, "",
                   fixedGiven ? "a fixed period needs both start and end"
                              : "needs a delivery period: start and end, or rolling = \"30d\"");
        }

        if (need.capacity.isPositive() && need.minBlock.isPositive()) {
            if (need.minBlock > need.capacity)
                report(node.source(), ctx, "min_block",
                       "is larger than the capacity (" + formatBandwidth(need.capacity) + ")");
            else if (need.capacity.value() % need.minBlock.value() != 0)
                report(node.source(), ctx, "capacity",
                       formatBandwidth(need.capacity) + " is not a whole number of "
                           + formatBandwidth(need.minBlock) + " blocks");
        } else if (need.capacity.isPositive() && need.capacity.value() % mbps(1).value() != 0) {
            report(node.source(), ctx, "capacity",
                   "is not a whole number of Mbps: give min_block for finer blocks");
        }
        if (haveDestination && !need.destination.isPrefix() && need.replaceAfter.isPositive()) {
            // Quality is measured per prefix: an AS or class destination has nothing to judge.
            report(node.source(), ctx, "replace_after",
                   "needs a prefix destination: quality is measured per prefix");
        }
        if (need.replaceAfter.isPositive() && need.limits == proto::QualityLimits{})
            report(node.source(), ctx, "replace_after",
                   "needs max_latency, max_loss or max_distance: they say what bad quality is");
        if (need.fallbackExpiry.isPositive() && need.fallback == Fallback::None)
            report(node.source(), ctx, "fallback_expiry", "is set but fallback is \"none\"");

        return problems.size() == before ? std::optional(need) : std::nullopt;
    }

    std::optional<Group> group(const toml::node &node)
    {
        const auto &table = *node.as_table();
        Group group;
        group.line.value = lineOf(node.source());
        std::string ctx = "group";
        if (const toml::node *name = table.get("name"); name && name->is_string())
            ctx = "group " + quoted(name->as_string()->get());
        const std::size_t before = problems.size();
        bool haveName = false;
        for (auto &&[k, v] : table) {
            const std::string_view key = k.str();
            if (key == "name") {
                if (auto s = string(v, ctx, key)) {
                    if (!validName(*s))
                        report(v.source(), ctx, key,
                               "1-64 characters: letters, digits, '-', '_' and '.'");
                    group.name = *s;
                    haveName = true;
                }
            } else if (key == "enabled") {
                if (auto b = boolean(v, ctx, key))
                    group.enabled = *b;
            } else if (key == "mode") {
                group.mode = mode(v, ctx, key);
            } else if (key == "weights") {
                group.weights = weights(v, ctx, key);
            } else if (key == "window") {
                arrayOfTables(v, ctx, key, [&](const toml::node &element) {
                    if (auto w = window(element, ctx))
                        group.windows.push_back(*w);
                });
            } else if (key == "need") {
                arrayOfTables(v, ctx, key, [&](const toml::node &element) {
                    if (auto n = need(element, ctx))
                        group.needs.push_back(std::move(*n));
                });
            } else {
                report(k.source(), ctx, key,
                       "unknown key (name, enabled, mode, weights, [[group.window]], "
                       "[[group.need]])");
            }
        }
        if (!haveName)
            report(node.source(), ctx, "", "required key 'name' is missing");
        return problems.size() == before ? std::optional(std::move(group)) : std::nullopt;
    }

    void crossChecks(const Rules &rules)
    {
        std::map<std::string, int> groupNames;
        std::map<std::string, int> needNames;
        std::map<std::string, std::pair<std::string, int>> destinations;
        for (const Group &group : rules.groups) {
            if (const auto [it, inserted] = groupNames.emplace(group.name, group.line.value); !inserted)
                problems.push_back({group.line.value, 1,
                                    "group " + quoted(group.name) + ": the name is already used "
                                        "on line " + std::to_string(it->second)});
            for (const Need &need : group.needs) {
                const std::string ctx = "group " + quoted(group.name) + ", need "
                                        + quoted(need.name);
                if (const auto [it, inserted] = needNames.emplace(need.name, need.line.value);
                    !inserted)
                    problems.push_back({need.line.value, 1,
                                        ctx + ": the name is already used on line "
                                            + std::to_string(it->second)});
                const std::string destination = toString(need.destination);
                if (const auto [it, inserted]
                    = destinations.emplace(destination, std::pair(need.name, need.line.value));
                    !inserted)
                    problems.push_back(
                        {need.line.value, 1,
                         ctx + ": destination " + destination + " is already the destination of "
                             "need " + quoted(it->second.first) + " (line "
                             + std::to_string(it->second.second)
                             + "); one need per destination, so coverage is never counted twice"});
                if (rules.modeFor(group, need) == SelectionMode::Weighted) {
                    const proto::RankingWeights w = rules.weightsFor(group, need);
                    if (w.price + w.latency + w.loss + w.distance == 0)
                        problems.push_back(
                            {need.line.value, 1,
                             ctx + ": mode is weighted but no weights are given (on the need, "
                                   "its group or at the top of the file)"});
                }
            }
        }
    }
};

} // namespace

std::string RulesProblem::toString() const
{
    if (line <= 0)
        return message;
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

std::string RulesParseResult::report(std::string_view sourceName) const
{
    std::string out;
    for (const RulesProblem &problem : problems) {
        if (!out.empty())
            out += '\n';
        out += std::string(sourceName);
        if (problem.line > 0)
            out += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
        out += ": " + problem.message;
    }
    return out;
}

RulesParseResult parseRules(std::string_view text)
{
    RulesParseResult result;
    Parser parser;
    toml::table root;
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error &e) {
        parser.report(e.source(), "", "", "TOML syntax error: " + std::string(e.description()));
        result.problems = std::move(parser.problems);
        return result;
    }

    Rules rules;
    bool haveVersion = false;
    for (auto &&[k, v] : root) {
        const std::string_view key = k.str();
        if (key == "version") {
            haveVersion = true;
            const auto *value = v.as_integer();
            if (!value || value->get() != kRulesFormatVersion)
                parser.report(v.source(), "", key,
                              "unsupported rules format version "
                                  + (value ? std::to_string(value->get()) : std::string("(not a number)"))
                                  + " (this terminal reads version "
                                  + std::to_string(kRulesFormatVersion) + ")");
        } else if (key == "mode") {
            if (auto m = parser.mode(v, "", key))
                rules.mode = *m;
        } else if (key == "weights") {
            if (auto w = parser.weights(v, "", key))
                rules.weights = *w;
        } else if (key == "evaluate_every") {
            if (auto d = parser.duration(v, "", key)) {
                if (*d < seconds(1))
                    parser.report(v.source(), "", key, "must be at least 1s");
                else
                    rules.evaluateEvery = *d;
            }
        } else if (key == "safety") {
            parser.safety(v, rules.safety);
        } else if (key == "caps") {
            parser.caps(v, rules.caps);
        } else if (key == "window") {
            parser.arrayOfTables(v, "", key, [&](const toml::node &element) {
                if (auto w = parser.window(element, "[[window]]"))
                    rules.windows.push_back(*w);
            });
        } else if (key == "group") {
            parser.arrayOfTables(v, "", key, [&](const toml::node &element) {
                if (auto g = parser.group(element))
                    rules.groups.push_back(std::move(*g));
            });
        } else {
            parser.report(k.source(), "", key,
                          "unknown key (version, mode, weights, evaluate_every, [safety], [caps], "
                          "[[window]], [[group]])");
        }
    }
    if (!haveVersion)
        parser.problems.insert(parser.problems.begin(),
                               {1, 1,
                                "version: required key is missing: the file must start with "
                                "version = " + std::to_string(kRulesFormatVersion)});
    if (parser.problems.empty())
        parser.crossChecks(rules);
    std::stable_sort(parser.problems.begin(), parser.problems.end(),
                     [](const RulesProblem &a, const RulesProblem &b) {
                         return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                     });
    result.problems = std::move(parser.problems);
    if (result.problems.empty())
        result.rules = std::move(rules);
    return result;
}

} // namespace bwx::access
