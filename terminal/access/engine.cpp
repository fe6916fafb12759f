#include "access/engine.h"

#include "access/coverage.h"
#include "access/ranking.h"
#include "access/rulesvalues.h"
#include "access/spendledger.h"
#include "access/timewindows.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>

namespace bwx::access {

namespace {

std::string ageText(Duration d)
{
    return std::to_string(d.value() / units::kNanosPerSecond) + " s";
}

std::string periodText(Timestamp from, Timestamp to)
{
    return formatTimestamp(from) + " to " + formatTimestamp(to);
}

std::string destinationText(const Destination &d)
{
    return toString(d);
}

std::string serverReasonText(const proto::Candidate &c)
{
    std::string text = std::string(proto::name(c.reason));
    if (!c.explanation.empty())
        text += ": " + c.explanation;
    else
        text += ": " + std::string(proto::describe(c.reason));
    return text;
}

proto::OrderParams paramsFor(const Need &need, SelectionMode mode,
                             const proto::RankingWeights &weights, Bandwidth capacity,
                             Timestamp start, Timestamp end)
{
    proto::OrderParams p;
    p.side = Side::Buy;
    p.type = OrderType::Limit;
    p.timeInForce = TimeInForce::ImmediateOrCancel;
    p.destination = need.destination;
    p.price = need.maxPrice;
    p.capacity = capacity;
    p.minBlock = need.effectiveBlock();
    p.deliveryStart = start;
    p.deliveryEnd = end;
    p.trafficType = need.traffic;
    p.limits = need.limits;
    p.ranking = rankingModeFor(mode);
    p.weights = mode == SelectionMode::Weighted ? weights : proto::RankingWeights{};
    return p;
}

std::int64_t lcm(std::int64_t a, std::int64_t b)
{
    if (a <= 0 || b <= 0)
        return 0;
    const std::int64_t g = std::gcd(a, b);
    std::int64_t result = 0;
    if (__builtin_mul_overflow(a / g, b, &result))
        return 0;
    return result;
}

struct Check
{
    Reason reason = Reason::None;
    std::string text;
    bool ok() const { return reason == Reason::None; }
};

// The exchange's eligibility once more, against the need's own limits: a candidate listed as
// eligible that breaks them is never taken, whatever the exchange says.
Check checkLocally(const Need &need, const proto::BookEntry &e, Timestamp gapStart)
{
    const auto fail = [](Reason reason, std::string text) { return Check{reason, std::move(text)}; };
    if (e.side != Side::Sell)
        return fail(Reason::LocalCheck, "not a sell order");
    if (e.price > need.maxPrice)
        return fail(Reason::LocalCheck, "price " + formatPrice(e.price) + " is above the limit "
                                            + formatPrice(need.maxPrice));
    if (need.traffic != TrafficType::Any && e.trafficType != need.traffic)
        return fail(Reason::LocalCheck, "carries " + std::string(toString(e.trafficType))
                                            + " traffic, the need asks for "
                                            + std::string(toString(need.traffic)));
    const proto::QualityLimits &l = need.limits;
    if ((l.maxLatencyUs || l.maxLossPpm || l.maxDistance) && !e.qualityKnown)
        return fail(Reason::LocalCheck, "its quality is not measured and the need has limits");
    if (l.maxLatencyUs && e.latencyUs > l.maxLatencyUs)
        return fail(Reason::LocalCheck, "latency " + std::to_string(e.latencyUs)
                                            + " us is above the limit "
                                            + std::to_string(l.maxLatencyUs) + " us");
    if (l.maxLossPpm && e.lossPpm > l.maxLossPpm)
        return fail(Reason::LocalCheck, "loss " + std::to_string(e.lossPpm)
                                            + " ppm is above the limit "
                                            + std::to_string(l.maxLossPpm) + " ppm");
    if (l.maxDistance && e.distance > l.maxDistance)
        return fail(Reason::LocalCheck, "AS-path length " + std::to_string(e.distance)
                                            + " is above the limit "
                                            + std::to_string(l.maxDistance));
    if (e.deliveryEnd <= gapStart)
        return fail(Reason::LocalCheck, "its delivery ends at " + formatTimestamp(e.deliveryEnd)
                                            + ", before the gap at "
                                            + formatTimestamp(gapStart));
    if (e.deliveryStart > gapStart)
        return fail(Reason::StartsLate, "its delivery starts at "
                                            + formatTimestamp(e.deliveryStart)
                                            + ", after the first uncovered instant "
                                            + formatTimestamp(gapStart));
    return {};
}

bool overlapsPrefix(const net::Prefix &a, const net::Prefix &b)
{
    return a.contains(b) || b.contains(a);
}

// Why the quality data is too old to act on for this need, or nothing.
std::optional<std::string> qualityProblem(const Need &need, const AccessState &state,
                                          const Safety &safety)
{
    const QualitySnapshot &q = state.quality;
    if (q.error != proto::ResultCode::Ok)
        return "the exchange did not give the quality matrix ("
               + std::string(proto::name(q.error))
               + (q.errorText.empty() ? std::string() : ": " + q.errorText) + ")";
    if (!q.received || !q.receivedAt.isSet())
        return "no quality matrix received" + (q.errorText.empty() ? std::string()
                                                                   : " (" + q.errorText + ")");
    const Duration age = state.now - q.receivedAt;
    if (age > safety.maxQualityAge)
        return "the quality matrix is " + ageText(age) + " old (at most "
               + ageText(safety.maxQualityAge) + ")";
    if (!need.destination.isPrefix())
        return std::nullopt;
    bool any = false;
    Timestamp newest{};
    for (const proto::QualityCell &cell : q.cells) {
        if (!overlapsPrefix(cell.destination, need.destination.prefix))
            continue;
        any = true;
        if (cell.state == proto::QualityState::Fresh)
            return std::nullopt;
        newest = std::max(newest, cell.measuredAt);
    }
    if (!any)
        return "no seller's quality toward " + need.destination.prefix.toString()
               + " is measured";
    return "no fresh quality measurement toward " + need.destination.prefix.toString()
           + (newest.isSet() ? " (newest " + formatTimestamp(newest) + ")" : std::string());
}

class NeedEvaluator
{
public:
    NeedEvaluator(const Rules &rules, const AccessState &state, SpendLedger &spend,
                  std::map<std::string, std::vector<Commitment>> &planned)
        : m_rules(rules)
        , m_state(state)
        , m_spend(spend)
        , m_planned(planned)
    {}

    Decision decide(const Group &group, const Need &need);

private:
    void blocked(Decision &d, Reason reason, const std::string &text)
    {
        d.blockers.push_back(reason);
        m_blockerTexts.push_back(text);
    }
    bool checkCandidates(Decision &d, const Need &need);
    void judgeCandidates(Decision &d, const Need &need, const CandidateSnapshot &snapshot);
    void allocate(Decision &d, const Need &need);
    void fallback(Decision &d, const Need &need);

    const Rules &m_rules;
    const AccessState &m_state;
    SpendLedger &m_spend;
    std::map<std::string, std::vector<Commitment>> &m_planned;
    std::vector<std::string> m_blockerTexts;
    std::vector<std::size_t> m_localOrder; // indices into d.candidates, best first
};

Decision NeedEvaluator::decide(const Group &group, const Need &need)
{
    m_blockerTexts.clear();
    m_localOrder.clear();
    Decision d;
    d.time = m_state.now;
    d.group = group.name;
    d.need = need.name;
    d.mode = m_rules.modeFor(group, need);
    d.weights = d.mode == SelectionMode::Weighted ? m_rules.weightsFor(group, need)
                                                  : proto::RankingWeights{};
    d.required = need.capacity;
    const Bandwidth block = need.effectiveBlock();

    const std::vector<Target> targets = targetsFor(need, m_state.now);
    if (targets.empty()) {
        d.outcome = Outcome::Finished;
        d.summary = "finished: the period ended at " + formatTimestamp(need.period.end)
                    + " and does not renew";
        return d;
    }

    const std::vector<Commitment> all = commitmentsOn(m_state, need.destination);
    std::vector<Commitment> delivering;
    for (const Commitment &c : all) {
        if (!c.delivering)
            continue;
        if (c.kind == Commitment::Kind::Trade && need.replaceAfter.isPositive()) {
            const auto bad = m_state.badQualitySince.find({need.name, c.id});
            if (bad != m_state.badQualitySince.end()
                && m_state.now - bad->second >= need.replaceAfter) {
                d.replacedTrades.push_back(TradeId(c.id));
                d.notes.push_back("trade " + std::to_string(c.id)
                                  + " is not counted: its quality has been beyond the limits "
                                    "since "
                                  + formatTimestamp(bad->second) + " (replace after "
                                  + formatDuration(need.replaceAfter) + ")");
                continue;
            }
        }
        delivering.push_back(c);
    }

    // Only trades cover a need. An open buy order (the manager's fallback or a manual one) is
    // pending: it may never fill, so it is not coverage, but while it rests nothing more is bought
    // for the capacity it asks for — otherwise a fill of it on top of a second purchase would
    // buy the need twice.
    std::vector<Commitment> traded;
    std::copy_if(delivering.begin(), delivering.end(), std::back_inserter(traded),
                 [](const Commitment &c) { return c.kind == Commitment::Kind::Trade; });
    const std::optional<Gap> tradeGap = firstGap(need, targets, traded);
    if (!tradeGap) {
        d.outcome = Outcome::Covered;
        d.covered = capacityAt(traded, targets.front().start);
        // Until when, beyond what the renewal lead looks at: the first end that drops coverage.
        std::vector<Timestamp> ends;
        for (const Commitment &c : traded) {
            if (c.end > targets.front().start)
                ends.push_back(c.end);
        }
        std::sort(ends.begin(), ends.end());
        Timestamp until = ends.empty() ? targets.back().end : ends.back();
        for (const Timestamp end : ends) {
            if (capacityAt(traded, end) < need.capacity) {
                until = end;
                break;
            }
        }
        d.summary = "covered: " + formatBandwidth(d.covered) + " of "
                    + formatBandwidth(need.capacity) + " traded until " + formatTimestamp(until);
        return d;
    }

    const std::optional<Gap> gap = firstGap(need, targets, delivering);
    if (!gap) {
        d.outcome = Outcome::Pending;
        d.covered = tradeGap->covered;
        d.pending = capacityAt(delivering, tradeGap->start) - d.covered;
        d.gapStart = tradeGap->start;
        d.renewal = tradeGap->renewal;
        std::string orders;
        int count = 0;
        for (const Commitment &c : delivering) {
            if (c.kind != Commitment::Kind::Order || !(c.start <= tradeGap->start)
                || !(tradeGap->start < c.end))
                continue;
            orders += (orders.empty() ? "" : ", ") + std::to_string(c.id);
            ++count;
        }
        d.summary = "pending: " + formatBandwidth(d.covered) + " of "
                    + formatBandwidth(need.capacity) + " traded at "
                    + formatTimestamp(tradeGap->start) + ", " + formatBandwidth(d.pending)
                    + " asked for by open buy order" + (count == 1 ? " " : "s ") + orders
                    + "; nothing more is bought while " + (count == 1 ? "it rests" : "they rest");
        return d;
    }

    d.covered = capacityAt(traded, gap->start);
    d.pending = gap->covered - d.covered;
    d.shortfall = roundUpToBlock(need.capacity - gap->covered, block);
    d.gapStart = gap->start;
    d.gapEnd = gap->purchaseEnd;
    d.renewal = gap->renewal;
    if (d.pending.isPositive())
        d.notes.push_back(formatBandwidth(d.pending)
                          + " is asked for by open buy orders: not counted as covered, not "
                            "bought again");
    d.requested = d.shortfall;

    // Caps on capacity come first: they decide how much may be asked for at all.
    const std::string destination = destinationText(need.destination);
    if (const auto cap = m_rules.capacityCapFor(need.destination)) {
        std::vector<Commitment> committed = all;
        const auto planned = m_planned.find(destination);
        if (planned != m_planned.end())
            committed.insert(committed.end(), planned->second.begin(), planned->second.end());
        const Bandwidth peak = peakCapacity(committed, gap->start, gap->purchaseEnd);
        const Bandwidth room = roundDownToBlock(*cap - peak, block);
        if (room < d.requested) {
            d.requested = std::max(room, Bandwidth{});
            const std::string text = "the cap of " + formatBandwidth(*cap) + " toward "
                                     + destination + " leaves " + formatBandwidth(d.requested)
                                     + " (" + formatBandwidth(peak) + " committed)";
            if (!d.requested.isPositive())
                blocked(d, Reason::CapacityCap, text);
            else
                d.notes.push_back("capped: " + text);
        }
    }
    if (m_state.memberLimits && m_state.memberLimits->maxOrderCapacity.isPositive()) {
        const Bandwidth limit = roundDownToBlock(m_state.memberLimits->maxOrderCapacity, block);
        if (limit < d.requested) {
            d.requested = limit;
            const std::string text = "the exchange limits this member's orders to "
                                     + formatBandwidth(m_state.memberLimits->maxOrderCapacity);
            if (!limit.isPositive())
                blocked(d, Reason::MemberLimit, text);
            else
                d.notes.push_back("capped: " + text);
        }
    }
    d.query = paramsFor(need, d.mode, m_rules.weightsFor(group, need),
                        d.requested.isPositive() ? d.requested : block, gap->start,
                        gap->purchaseEnd);

    if (m_state.killSwitch)
        blocked(d, Reason::KillSwitch, "the kill switch is on: automation is stopped");
    if (!group.enabled)
        blocked(d, Reason::GroupDisabled, "group '" + group.name + "' is switched off");
    if (!withinWindows(m_rules.windows, m_state.now) || !withinWindows(group.windows, m_state.now)) {
        std::string text = "outside the time windows (";
        bool first = true;
        for (const auto *windows : {&m_rules.windows, &group.windows}) {
            for (const TimeWindow &w : *windows) {
                text += (first ? "" : "; ") + describe(w);
                first = false;
            }
        }
        blocked(d, Reason::OutsideWindow, text + ")");
    }
    const bool linkDown = !m_state.link.connected || m_state.link.silence > m_rules.safety.maxSilence;
    if (!m_state.link.connected)
        blocked(d, Reason::LinkDown,
                "not connected to the exchange"
                    + (m_state.link.detail.empty() ? std::string() : ": " + m_state.link.detail));
    else if (linkDown)
        blocked(d, Reason::LinkDown, "nothing heard from the exchange for "
                                         + ageText(m_state.link.silence) + " (at most "
                                         + ageText(m_rules.safety.maxSilence) + ")");

    if (!linkDown && !checkCandidates(d, need)) {
        d.outcome = Outcome::NeedsCandidates;
        d.summary = "asking the exchange for candidates: " + formatBandwidth(d.query->capacity)
                    + " toward " + destination + " for "
                    + periodText(gap->start, gap->purchaseEnd);
        return d;
    }
    if (usesQuality(m_rules, group, need)) {
        if (const auto problem = qualityProblem(need, m_state, m_rules.safety))
            blocked(d, Reason::QualityStale, "quality data is stale: " + *problem);
    }

    if (const auto snapshot = m_state.candidates.find(need.name);
        snapshot != m_state.candidates.end())
        judgeCandidates(d, need, snapshot->second);

    if (!d.blockers.empty()) {
        d.outcome = Outcome::Blocked;
        d.summary = "blocked: " + m_blockerTexts.front();
        for (std::size_t i = 1; i < m_blockerTexts.size(); ++i)
            d.notes.push_back("also blocked: " + m_blockerTexts[i]);
        for (const std::size_t index : m_localOrder) {
            CandidateVerdict &v = d.candidates[index];
            v.reason = d.blockers.front();
            v.explanation = "would rank " + std::to_string(v.localRank) + " but "
                            + m_blockerTexts.front();
        }
        return d;
    }
    allocate(d, need);
    if (d.actions.empty())
        fallback(d, need);
    return d;
}

// False when the engine has to ask for the candidate list first; otherwise notes what makes the
// list unusable as a blocker.
bool NeedEvaluator::checkCandidates(Decision &d, const Need &need)
{
    const auto it = m_state.candidates.find(need.name);
    if (it == m_state.candidates.end())
        return false;
    const CandidateSnapshot &s = it->second;
    if (s.error != proto::ResultCode::Ok) {
        blocked(d, Reason::CandidatesRefused,
                "the exchange refused the candidate query: " + std::string(proto::name(s.error))
                    + (s.errorText.empty() ? std::string() : " (" + s.errorText + ")"));
    } else if (!s.receivedAt.isSet()) {
        blocked(d, Reason::BookStale,
                "no candidate list" + (s.errorText.empty() ? std::string() : ": " + s.errorText));
    } else if (m_state.now - s.receivedAt > m_rules.safety.maxBookAge) {
        blocked(d, Reason::BookStale,
                "the candidate list is " + ageText(m_state.now - s.receivedAt)
                    + " old (at most " + ageText(m_rules.safety.maxBookAge) + ")");
    }
    return true;
}

void NeedEvaluator::judgeCandidates(Decision &d, const Need &need, const CandidateSnapshot &s)
{
    std::vector<proto::BookEntry> eligible;
    std::vector<std::size_t> eligibleIndex;
    for (const proto::Candidate &c : s.candidates) {
        CandidateVerdict v;
        v.candidate = c;
        if (c.rank == 0) {
            v.reason = Reason::NotEligible;
            v.explanation = "not eligible at the exchange: " + serverReasonText(c);
        } else if (const Check check = checkLocally(need, c.entry, d.gapStart); !check.ok()) {
            v.reason = check.reason;
            v.explanation = (check.reason == Reason::LocalCheck
                                 ? "listed as eligible (rank " + std::to_string(c.rank)
                                       + ") but refused locally: "
                                 : std::string())
                            + check.text;
            if (check.reason == Reason::LocalCheck)
                d.notes.push_back("the exchange listed order " + std::to_string(c.entry.orderId.value())
                                  + " as eligible; the need's limits refuse it: " + check.text);
        } else {
            eligible.push_back(c.entry);
            eligibleIndex.push_back(d.candidates.size());
        }
        d.candidates.push_back(std::move(v));
    }

    const LocalRanking ranking = rankEntries(eligible, d.mode, d.weights);
    for (std::size_t i = 0; i < eligible.size(); ++i)
        d.candidates[eligibleIndex[i]].localScore = ranking.scores[i];
    for (std::size_t position = 0; position < ranking.order.size(); ++position) {
        const std::size_t index = eligibleIndex[ranking.order[position]];
        d.candidates[index].localRank = static_cast<std::uint32_t>(position + 1);
        m_localOrder.push_back(index);
    }

    // The exchange's order of the same candidates, by its rank.
    std::vector<std::size_t> serverOrder = m_localOrder;
    std::sort(serverOrder.begin(), serverOrder.end(), [&](std::size_t a, std::size_t b) {
        return d.candidates[a].candidate.rank < d.candidates[b].candidate.rank;
    });
    d.rankingAgrees = serverOrder == m_localOrder;
    if (!d.rankingAgrees) {
        const auto id = [&](std::size_t index) {
            return std::to_string(d.candidates[index].candidate.entry.orderId.value());
        };
        std::size_t first = 0;
        while (first < serverOrder.size() && serverOrder[first] == m_localOrder[first])
            ++first;
        d.rankingNote = "the exchange ranks order " + id(serverOrder[first]) + " at position "
                        + std::to_string(first + 1) + ", the local " + std::string(toString(d.mode))
                        + " ranking order " + id(m_localOrder[first])
                        + "; the local ranking decides";
    }
}

void NeedEvaluator::allocate(Decision &d, const Need &need)
{
    const Bandwidth block = need.effectiveBlock();
    Bandwidth remaining = d.requested;
    const std::string destination = destinationText(need.destination);
    for (const std::size_t index : m_localOrder) {
        CandidateVerdict &v = d.candidates[index];
        const proto::BookEntry &e = v.candidate.entry;
        if (!remaining.isPositive()) {
            v.reason = Reason::RankedLower;
            v.explanation = "ranked " + std::to_string(v.localRank)
                            + ": better candidates already cover the need";
            continue;
        }
        const std::int64_t commonBlock = lcm(block.value(), e.minBlock.value());
        const Bandwidth fill
            = commonBlock > 0 ? roundDownToBlock(std::min(remaining, e.remaining), Bandwidth(commonBlock))
                              : Bandwidth{};
        if (!fill.isPositive()) {
            v.reason = Reason::BlockMismatch;
            v.explanation = "ranked " + std::to_string(v.localRank) + " but no whole block of "
                            + formatBandwidth(block) + " and " + formatBandwidth(e.minBlock)
                            + " fits in " + formatBandwidth(std::min(remaining, e.remaining));
            continue;
        }
        const Timestamp from = std::max(d.gapStart, e.deliveryStart);
        const Timestamp to = std::min(d.gapEnd, e.deliveryEnd);
        const auto months = costByMonth(e.price, fill, from, to);
        v.fill = fill;
        if (!months) {
            v.reason = Reason::SpendCap;
            v.explanation = "its cost does not fit in a money amount";
            continue;
        }
        v.cost = std::accumulate(months->begin(), months->end(), Money{},
                                 [](Money sum, const MonthAmount &m) { return sum + m.amount; });
        if (m_rules.caps.spendPerMonth) {
            if (const auto over = m_spend.wouldExceed(*months, *m_rules.caps.spendPerMonth)) {
                v.reason = Reason::SpendCap;
                v.explanation = "ranked " + std::to_string(v.localRank) + " but taking "
                                + formatBandwidth(fill) + " at " + formatPrice(e.price) + " "
                                + *over;
                continue;
            }
        }
        m_spend.add(*months);
        m_planned[destination].push_back(
            {Commitment::Kind::Order, e.orderId.value(), from, to, fill, e.price, true});
        v.won = true;
        v.explanation = "ranked " + std::to_string(v.localRank) + " (exchange rank "
                        + std::to_string(v.candidate.rank) + "): takes "
                        + formatBandwidth(fill) + " at " + formatPrice(e.price) + " for "
                        + periodText(from, to) + ", " + formatMoney(v.cost) + " in total";
        Action action;
        action.kind = Action::Kind::Take;
        action.params = *d.query;
        action.params.capacity = fill;
        action.sellOrderId = e.orderId;
        action.capacity = fill;
        action.cost = v.cost;
        d.actions.push_back(action);
        remaining -= fill;
    }
    if (d.actions.empty())
        return;
    d.outcome = Outcome::Take;
    std::string taken;
    for (const Action &a : d.actions) {
        if (!taken.empty())
            taken += ", ";
        taken += "order " + std::to_string(a.sellOrderId.value()) + " (" + formatBandwidth(a.capacity)
                 + ")";
    }
    d.summary = std::string(d.renewal ? "renew: take " : "take ") + taken + " toward "
                + destination + " for " + periodText(d.gapStart, d.gapEnd);
    if (remaining.isPositive())
        d.notes.push_back(formatBandwidth(remaining)
                          + " still missing: the next cycle looks again once these are taken");
}

void NeedEvaluator::fallback(Decision &d, const Need &need)
{
    const std::string destination = destinationText(need.destination);
    const std::string why = m_localOrder.empty() ? "no eligible sell order"
                                                 : "no eligible sell order can be taken";
    if (need.fallback == Fallback::None) {
        d.outcome = Outcome::Wait;
        d.summary = "wait: " + why + " toward " + destination + " (fallback is none)";
        return;
    }
    const auto months = costByMonth(need.maxPrice, d.requested, d.gapStart, d.gapEnd);
    if (!months) {
        blocked(d, Reason::SpendCap, "a buy order this large does not fit in a money amount");
    } else if (m_rules.caps.spendPerMonth) {
        if (const auto over = m_spend.wouldExceed(*months, *m_rules.caps.spendPerMonth))
            blocked(d, Reason::SpendCap, "a buy order for " + formatBandwidth(d.requested)
                                             + " at up to " + formatPrice(need.maxPrice) + " "
                                             + *over);
    }
    const auto exposureOf = [](Price price, Bandwidth capacity, Timestamp from, Timestamp to) {
        return amountFor(price, capacity, to - from);
    };
    if (d.blockers.empty() && m_state.memberLimits
        && m_state.memberLimits->maxOpenExposure.isPositive()) {
        Money open{};
        for (const proto::OrderView &o : m_state.orders) {
            if (o.member != m_state.self || o.params.side != Side::Buy
                || !(o.status == OrderStatus::Working || o.status == OrderStatus::PartiallyFilled))
                continue;
            if (const auto amount = exposureOf(o.params.price, o.remaining, o.params.deliveryStart,
                                               o.params.deliveryEnd))
                open += *amount;
        }
        const auto added = exposureOf(need.maxPrice, d.requested, d.gapStart, d.gapEnd);
        const Money limit = m_state.memberLimits->maxOpenExposure;
        if (!added || open > limit || added->value() > (limit - open).value())
            blocked(d, Reason::MemberLimit,
                    "a buy order for " + formatBandwidth(d.requested) + " would take the open "
                        "exposure past the exchange's limit of " + formatMoney(limit) + " ("
                        + formatMoney(open) + " open)");
    }
    if (!d.blockers.empty()) {
        d.outcome = Outcome::Blocked;
        d.summary = "blocked: " + m_blockerTexts.front();
        return;
    }
    m_spend.add(*months);
    m_planned[destination].push_back(
        {Commitment::Kind::Order, 0, d.gapStart, d.gapEnd, d.requested, need.maxPrice, true});
    Action action;
    action.kind = Action::Kind::NewOrder;
    action.params = *d.query;
    action.params.timeInForce = TimeInForce::GoodTillDate;
    action.params.capacity = d.requested;
    const Duration expiry
        = need.fallbackExpiry.isPositive() ? need.fallbackExpiry : kDefaultFallbackExpiry;
    action.params.expireAt = std::min(wholeSecondAtOrAfter(m_state.now) + expiry, d.gapEnd);
    action.capacity = d.requested;
    action.cost = std::accumulate(months->begin(), months->end(), Money{},
                                  [](Money sum, const MonthAmount &m) { return sum + m.amount; });
    d.actions.push_back(action);
    d.outcome = Outcome::BuyOrder;
    d.summary = "buy order: " + why + "; bid " + formatBandwidth(d.requested) + " toward "
                + destination + " at up to " + formatPrice(need.maxPrice) + " for "
                + periodText(d.gapStart, d.gapEnd) + ", resting until "
                + formatTimestamp(action.params.expireAt);
}

} // namespace

bool usesQuality(const Rules &rules, const Group &group, const Need &need)
{
    return need.limits.maxLatencyUs != 0 || need.limits.maxLossPpm != 0
           || need.limits.maxDistance != 0 || need.replaceAfter.isPositive() || rules.modeFor(group, need) != SelectionMode::Price;
}

Evaluation evaluate(const Rules &rules, const AccessState &state)
{
    Evaluation evaluation;
    evaluation.time = state.now;
    SpendLedger spend = SpendLedger::fromState(state);
    std::map<std::string, std::vector<Commitment>> planned;
    NeedEvaluator evaluator(rules, state, spend, planned);
    for (const Group &group : rules.groups) {
        for (const Need &need : group.needs)
            evaluation.decisions.push_back(evaluator.decide(group, need));
    }
    return evaluation;
}

} // namespace bwx::access
