#include "bwx/settlement_service/settlement_service.h"

#include "bwx/settlement/billing_period.h"
#include "bwx/settlement/percentile.h"
#include "bwx/settlement_service/collector_stats.h"
#include "bwx/settlement_service/member_statement.h"
#include "bwx/settlement_service/usage_ledger.h"
#include "bwx/settlement_service/usage_series.h"
#include "bwx/settlement_service/usage_store.h"

#include <atomic>
#include <future>
#include <thread>

namespace bwx::settlement {

namespace {

Timestamp systemClock()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

proto::Result failure(proto::ResultCode code, std::string message)
{
    return proto::Result{code, std::move(message)};
}

// A usage window must hold at least one bin and at most a little over a year of them.
constexpr std::int64_t kMaxWindowSeconds = 400LL * 86400;

} // namespace

struct SettlementService::Impl : FlowListener
{
    Impl(SettlementConfig c, ServiceHooks h, std::size_t maxReply)
        : config(std::move(c))
        , hooks(std::move(h))
        , maxReplyBytes(maxReply)
        , attributor(directory, table, AttributionOptions{config.destinationOnlyFallback})
        , ledger(attributor, config.billing.billedBytes)
        , alerts(UsageAlertPolicy{config.billing.thresholds, config.noticeReminder,
                                  config.noticeMinSamples})
        , flushTimer(io)
        , evaluateTimer(io)
    {
        if (!hooks.clock)
            hooks.clock = systemClock;
        pdf.issuer = config.issuer;
        pdf.currency = config.currency;
    }

    // ---- state, touched only on the settlement thread once it runs ----
    SettlementConfig config;
    ServiceHooks hooks;
    std::size_t maxReplyBytes;
    StatementPdfOptions pdf;
    std::map<TradeId, proto::TradeView> trades;
    MemberNames names;
    TradeTable table;
    MemberDirectory directory;
    Attributor attributor;
    UsageLedger ledger;
    UsageAlerts alerts;
    Timestamp alertsPeriod{};
    ProtocolsSeen protocols;
    std::unique_ptr<UsageStore> store;

    asio::io_context io;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::unique_ptr<Collector> collector;
    asio::steady_timer flushTimer;
    asio::steady_timer evaluateTimer;
    std::thread thread;
    std::atomic<bool> running{false};

    void log(LogSeverity severity, const std::string &text) const
    {
        if (hooks.log)
            hooks.log(severity, "settlement: " + text);
    }

    // ---- flows (collector, settlement thread) ----
    void onFlows(std::span<const FlowRecord> flows) override
    {
        const FlowRecord *last = nullptr;
        for (const FlowRecord &f : flows) {
            if (!last || !(last->exporter == f.exporter) || last->protocol != f.protocol)
                protocols[f.exporter].insert(f.protocol);
            last = &f;
        }
        ledger.onFlows(flows);
    }

    bool flush()
    {
        if (!store)
            return false;
        try {
            ledger.flush(*store);
            return true;
        } catch (const StoreError &e) {
            log(LogSeverity::Error, std::string("usage kept in memory, writing failed: ") + e.what());
            return false;
        }
    }

    // ---- trades and members ----
    void applyTrade(const proto::TradeView &view)
    {
        trades.insert_or_assign(view.tradeId, view);
        if (auto terms = termsOf(view)) {
            if (auto ok = table.upsert(std::move(*terms)); !ok)
                log(LogSeverity::Warning, "trade " + std::to_string(view.tradeId.value())
                                              + " is not attributed: " + ok.error());
        } else {
            table.remove(view.tradeId);
            alerts.forget(view.tradeId);
        }
    }

    // The member directory names members as the market does; ids come from the market, so it is
    // rebuilt whenever a member appears.
    void rebuildDirectory()
    {
        std::map<std::string, MemberId> byName;
        for (const auto &[id, name] : names)
            byName.emplace(name, MemberId(id));
        directory = MemberDirectory{};
        for (const MemberFlowIdentity &m : config.members) {
            const auto it = byName.find(m.name);
            if (it == byName.end())
                continue;
            const MemberId id = it->second;
            for (const net::Prefix &p : m.prefixes)
                if (auto ok = directory.addPrefix(p, id); !ok)
                    log(LogSeverity::Warning, "member " + m.name + ": " + ok.error());
            for (const MemberPort &port : m.ports)
                directory.addPort(port.exporter, port.ifIndex, id);
            for (const net::Address &r : m.routers)
                directory.addRouter(r, id);
            for (const MacAddress &mac : m.macs)
                directory.addRouterMac(mac, id);
        }
    }

    void applyMembers(const std::vector<proto::MemberView> &members)
    {
        bool changed = false;
        for (const proto::MemberView &m : members) {
            auto [it, inserted] = names.try_emplace(m.id.value(), m.name);
            if (!inserted && it->second != m.name)
                it->second = m.name;
            changed = changed || inserted;
        }
        if (changed)
            rebuildDirectory();
    }

    // ---- timers ----
    void armFlush()
    {
        flushTimer.expires_after(config.flushInterval);
        flushTimer.async_wait([this](const error_code &ec) {
            if (ec)
                return;
            flush();
            armFlush();
        });
    }

    void armEvaluate()
    {
        evaluateTimer.expires_after(config.evaluateInterval);
        evaluateTimer.async_wait([this](const error_code &ec) {
            if (ec)
                return;
            evaluate();
            armEvaluate();
        });
    }

    // Over/under use: each trade in delivery is judged on its 95th percentile of the billing
    // period so far, counted over the bins that have closed.
    void evaluate()
    {
        if (!store || !flush())
            return;
        const Timestamp now = hooks.clock();
        const BillingPeriod period = monthOf(now);
        if (period.start != alertsPeriod) {
            alerts = UsageAlerts(alerts.policy()); // a new period starts from nothing
            alertsPeriod = period.start;
        }
        const Timestamp closed = binStart(binOf(now));
        for (const TradeTerms &t : table.allTrades()) {
            const Timestamp from = std::max(period.start, t.deliveryStart);
            const Timestamp to = std::min(closed, t.deliveryEnd);
            if (!(from < to) || !(now < t.deliveryEnd + kBin)) {
                continue;
            }
            try {
                const std::int64_t first = binOf(from);
                const std::int64_t end = binOf(Timestamp(to.value() - 1)) + 1;
                const Percentile95 f = percentile95(
                    store->binsOf(t.id, Direction::ToDestination, first, end), from, to);
                const Percentile95 r = percentile95(
                    store->binsOf(t.id, Direction::FromDestination, first, end), from, to);
                const Bandwidth p95 = std::max(f.rate, r.rate);
                if (auto alert = alerts.update(t.id, p95, t.committed, f.samples, now))
                    notify(t, *alert, now, period);
            } catch (const StoreError &e) {
                log(LogSeverity::Error, std::string("usage check failed: ") + e.what());
                return;
            }
        }
    }

    void notify(const TradeTerms &t, const UsageAlert &alert, Timestamp now,
                const BillingPeriod &period)
    {
        proto::Notice notice;
        notice.time = now;
        notice.trade = t.id;
        const std::string figures = "95th percentile " + std::to_string(alert.p95.value())
                                    + " kbit/s against " + std::to_string(alert.committed.value())
                                    + " kbit/s traded (billing period " + formatMonth(period.start)
                                    + " so far)";
        const std::string trade = "trade " + std::to_string(t.id.value()) + " toward "
                                  + destinationText(t) + ": ";
        switch (alert.flag) {
        case UsageFlag::Over:
            notice.code = proto::ResultCode::UsageOverCapacity;
            notice.text = trade + "usage above the traded capacity: " + figures;
            break;
        case UsageFlag::Under:
            notice.code = proto::ResultCode::UsageUnderCapacity;
            notice.text = trade + "usage well below the traded capacity: " + figures;
            break;
        case UsageFlag::Within:
            notice.code = proto::ResultCode::Ok;
            notice.text = trade + "usage back within the traded capacity: " + figures;
            break;
        }
        log(LogSeverity::Info, notice.text);
        if (hooks.notify) {
            hooks.notify(t.buyer, notice);
            hooks.notify(t.seller, notice);
        }
    }

    // ---- requests ----
    bool ownsTrade(const ServiceCaller &caller, const proto::TradeView &view) const
    {
        return caller.admin || view.buyer == caller.member || view.seller == caller.member;
    }

    proto::Message usage(const ServiceCaller &caller, const proto::QueryUsage &q)
    {
        Timestamp from = q.from;
        Timestamp to = q.to;
        if (from.value() == 0 && to.value() == 0) {
            const BillingPeriod month = monthOf(hooks.clock());
            from = month.start;
            to = month.end;
        }
        if (!(from < to))
            return failure(proto::ResultCode::InvalidFieldValue,
                           "query_usage: 'from' must be before 'to'");
        if (to - from > seconds(kMaxWindowSeconds))
            return failure(proto::ResultCode::InvalidFieldValue,
                           "query_usage: the window may be at most 400 days");
        const std::size_t maxSamples = maxSamplesFor(maxReplyBytes);
        SeriesResult result;
        if (q.trade.value() == 0) {
            const std::int64_t first = binOf(from);
            const std::int64_t end = binOf(Timestamp(to.value() - 1)) + 1;
            const auto bins = store->unattributedBins(
                caller.admin ? std::nullopt : std::optional<MemberId>(caller.member), first, end);
            result = unattributedSeriesOf(bins, maxSamples);
        } else {
            const auto it = trades.find(q.trade);
            // Someone else's trade gets the same answer as one that does not exist.
            if (it == trades.end() || !ownsTrade(caller, it->second))
                return failure(proto::ResultCode::UnknownTrade,
                               "query_usage: no trade " + std::to_string(q.trade.value())
                                   + " among your trades");
            auto terms = termsOf(it->second);
            if (!terms) {
                // Cancelled before it started: nothing is attributed to it, nor billed.
                proto::UsageSeries empty;
                empty.trade = q.trade;
                empty.committed = it->second.capacity;
                return empty;
            }
            result = usageSeriesOf(*terms, from, to, *store, config.billing.thresholds, maxSamples);
        }
        if (result.samplesOmitted != 0)
            return failure(proto::ResultCode::InvalidFieldValue,
                           "query_usage: " + std::to_string(result.series.samples.size()
                                                            + result.samplesOmitted)
                               + " samples do not fit one reply (at most "
                               + std::to_string(maxSamples) + "); ask for a shorter window");
        return std::move(result.series);
    }

    // The member a statement is for, or the refusal.
    std::variant<MemberId, proto::Result> statementMember(const ServiceCaller &caller,
                                                          MemberId asked,
                                                          std::string_view request) const
    {
        const std::string what(request);
        if (!caller.admin) {
            if (asked.value() != 0 && !(asked == caller.member))
                return failure(proto::ResultCode::Forbidden,
                               what + ": members see only their own statements");
            return caller.member;
        }
        if (asked.value() == 0)
            return failure(proto::ResultCode::InvalidFieldValue,
                           what + ": admins name the member (member_id)");
        if (!names.contains(asked.value()))
            return failure(proto::ResultCode::UnknownMember,
                           what + ": no member " + std::to_string(asked.value()));
        return asked;
    }

    std::variant<BillingPeriod, proto::Result> periodOf(Timestamp start, std::string_view request)
    {
        if (start.value() == 0)
            return monthOf(hooks.clock());
        auto period = monthStartingAt(start);
        if (!period)
            return failure(proto::ResultCode::InvalidFieldValue,
                           std::string(request) + ": " + period.error());
        return *period;
    }

    std::variant<MemberStatement, proto::Result>
    memberStatement(const ServiceCaller &caller, MemberId asked, Timestamp periodStart,
                    std::string_view request)
    {
        auto member = statementMember(caller, asked, request);
        if (auto *refused = std::get_if<proto::Result>(&member))
            return *refused;
        auto period = periodOf(periodStart, request);
        if (auto *refused = std::get_if<proto::Result>(&period))
            return *refused;
        if (!flush())
            return failure(proto::ResultCode::InternalError,
                           std::string(request) + ": the usage database cannot be written");
        auto statement = statementFor(std::get<MemberId>(member), std::get<BillingPeriod>(period),
                                      trades, names, *store, config.billing);
        if (!statement)
            return failure(proto::ResultCode::InternalError,
                           std::string(request) + ": " + statement.error());
        return std::move(*statement);
    }

    proto::Message statement(const ServiceCaller &caller, const proto::QueryStatement &q)
    {
        auto s = memberStatement(caller, q.member, q.periodStart, "query_statement");
        if (auto *refused = std::get_if<proto::Result>(&s))
            return *refused;
        return std::get<MemberStatement>(s).message;
    }

    proto::Message document(const ServiceCaller &caller, const proto::QueryStatementDocument &q)
    {
        auto s = memberStatement(caller, q.member, q.periodStart, "query_statement_document");
        if (auto *refused = std::get_if<proto::Result>(&s))
            return *refused;
        proto::Document d = documentOf(std::get<MemberStatement>(s), names, q.format, pdf);
        if (d.content.size() + d.fileName.size() + d.mediaType.size() + 64 > maxReplyBytes)
            return failure(proto::ResultCode::InvalidFieldValue,
                           "query_statement_document: the document (" + std::to_string(
                               d.content.size())
                               + " bytes) is larger than this server's maximum frame; export "
                                 "it with bwxd --statement");
        return d;
    }

    proto::Message collectors()
    {
        flush();
        const BillingPeriod month = monthOf(hooks.clock());
        std::vector<UnattributedTotal> totals;
        try {
            totals = store->unattributedTotals(binOf(month.start), binOf(month.end));
        } catch (const StoreError &e) {
            log(LogSeverity::Error, e.what());
        }
        return collectorStatsOf(*collector, protocols, totals);
    }

    proto::Message answer(const ServiceCaller &caller, proto::Message &&request)
    {
        try {
            if (const auto *q = std::get_if<proto::QueryUsage>(&request))
                return usage(caller, *q);
            if (const auto *q = std::get_if<proto::QueryStatement>(&request))
                return statement(caller, *q);
            if (const auto *q = std::get_if<proto::QueryStatementDocument>(&request))
                return document(caller, *q);
            if (std::holds_alternative<proto::QueryCollectors>(request)) {
                if (!caller.admin)
                    return failure(proto::ResultCode::Forbidden,
                                   "query_collectors needs an admin certificate");
                return collectors();
            }
        } catch (const StoreError &e) {
            log(LogSeverity::Error, e.what());
            return failure(proto::ResultCode::InternalError,
                           "the usage database failed; see bwxd's log");
        }
        return failure(proto::ResultCode::UnexpectedMessage,
                       "settlement does not answer this message");
    }
};

SettlementService::SettlementService(SettlementConfig config,
                                     ServiceHooks hooks,
                                     std::size_t maxReplyBytes)
    : m_impl(std::make_unique<Impl>(std::move(config), std::move(hooks), maxReplyBytes))
{}

SettlementService::~SettlementService()
{
    stop();
}

void SettlementService::load(MarketSnapshot snapshot)
{
    Impl &d = *m_impl;
    d.names = std::move(snapshot.names);
    for (const auto &[id, view] : snapshot.trades)
        d.applyTrade(view);
    d.rebuildDirectory();
    for (const MemberFlowIdentity &m : d.config.members) {
        bool known = false;
        for (const auto &[id, name] : d.names)
            known = known || name == m.name;
        if (!known)
            d.log(LogSeverity::Warning, "[[settlement.member]] '" + m.name
                                            + "' is not a member yet; its flows are attributed "
                                              "once it is added");
    }
}

Expected<std::vector<EndpointStatus>> SettlementService::start()
{
    Impl &d = *m_impl;
    if (d.running)
        return makeError("settlement is already running");
    auto store = UsageStore::open(d.config.usageDatabase);
    if (!store)
        return makeError(store.error());
    d.store = std::move(*store);

    CollectorConfig collector;
    collector.processor.exporters = d.config.exporters;
    collector.endpoints = d.config.listen;
    collector.receiveBufferBytes = d.config.receiveBufferBytes;
    d.collector = std::make_unique<Collector>(d.io, collector, d);
    auto status = d.collector->start();
    if (!status) {
        d.collector.reset();
        d.store.reset();
        return makeError("settlement collector: " + status.error());
    }
    for (const EndpointStatus &s : *status) {
        d.log(LogSeverity::Info,
              "collecting " + std::string(toString(s.endpoint.protocol)) + " on "
                  + (s.endpoint.address.isV4() ? s.endpoint.address.toString()
                                               : "[" + s.endpoint.address.toString() + "]")
                  + ":" + std::to_string(s.endpoint.port) + " (receive buffer "
                  + std::to_string(s.effectiveBufferBytes) + " bytes"
                  + (s.kernelDropsCounted ? ", kernel drops counted" : "") + ")");
        if (s.effectiveBufferBytes < s.requestedBufferBytes)
            d.log(LogSeverity::Warning,
                  "the kernel granted a receive buffer of " + std::to_string(s.effectiveBufferBytes)
                      + " bytes of the " + std::to_string(s.requestedBufferBytes)
                      + " asked for; raise net.core.rmem_max or run with CAP_NET_ADMIN");
    }
    d.work.emplace(asio::make_work_guard(d.io));
    d.armFlush();
    d.armEvaluate();
    d.running = true;
    d.thread = std::thread([&d] { d.io.run(); });
    return status;
}

void SettlementService::stop()
{
    Impl &d = *m_impl;
    if (!d.running.exchange(false))
        return;
    d.collector->stop(); // posted: runs before what is posted next
    std::promise<void> done;
    asio::post(d.io, [&d, &done] {
        d.flushTimer.cancel();
        d.evaluateTimer.cancel();
        d.flush();
        done.set_value();
    });
    done.get_future().wait();
    d.work.reset();
    d.io.stop();
    d.thread.join();
    d.store.reset();
}

void SettlementService::observe(const sequencer::OutputBatch &batch)
{
    std::vector<proto::TradeView> trades;
    std::vector<proto::MemberView> members;
    for (const sequencer::Output &item : batch.items) {
        if (const auto *t = std::get_if<sequencer::out::TradeExecuted>(&item))
            trades.push_back(t->trade);
        else if (const auto *c = std::get_if<sequencer::out::TradeChanged>(&item))
            trades.push_back(c->trade);
        else if (const auto *m = std::get_if<sequencer::out::MemberChanged>(&item))
            members.push_back(m->member);
        else if (const auto *r = std::get_if<sequencer::out::Reply>(&item)) {
            // A member added or changed by an admin is answered with a MemberList.
            if (const auto *list = std::get_if<proto::MemberList>(&r->message))
                members.insert(members.end(), list->members.begin(), list->members.end());
        }
    }
    if (trades.empty() && members.empty())
        return;
    Impl &d = *m_impl;
    asio::post(d.io, [&d, trades = std::move(trades), members = std::move(members)] {
        // Members first: a trade's parties are known before its flows are attributed.
        if (!members.empty())
            d.applyMembers(members);
        for (const proto::TradeView &t : trades)
            d.applyTrade(t);
    });
}

void SettlementService::handle(const ServiceCaller &caller,
                               proto::Message &&request,
                               std::function<void(proto::Message)> reply)
{
    Impl &d = *m_impl;
    if (!d.running) {
        reply(failure(proto::ResultCode::ServiceUnavailable, "settlement is not running"));
        return;
    }
    asio::post(d.io, [&d, caller, request = std::move(request), reply = std::move(reply)]() mutable {
        reply(d.answer(caller, std::move(request)));
    });
}

const std::vector<proto::MessageType> &SettlementService::requestTypes()
{
    static const std::vector<proto::MessageType> types = {
        proto::MessageType::QueryUsage, proto::MessageType::QueryStatement,
        proto::MessageType::QueryStatementDocument, proto::MessageType::QueryCollectors};
    return types;
}

void SettlementService::runSync(const std::function<void()> &task)
{
    Impl &d = *m_impl;
    if (!d.running) {
        task();
        return;
    }
    std::promise<void> done;
    asio::post(d.io, [&] {
        task();
        done.set_value();
    });
    done.get_future().wait();
}

} // namespace bwx::settlement
