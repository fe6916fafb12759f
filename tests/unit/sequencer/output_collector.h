#pragma once
// The sequencer's OutputHandler for tests. It runs on the journal thread, where QTest macros
// must not be used, so it records rule violations as text for the test thread to check.
#include "bwx/sequencer/sequencer.h"
#include "recording_journal.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace bwx::test {

class OutputCollector
{
public:
    explicit OutputCollector(const RecordingJournal &journal)
        : m_journal(journal)
    {}

    void operator()(sequencer::OutputBatch &&batch)
    {
        const std::uint64_t durable = m_journal.durable();
        std::lock_guard lock(m_mutex);
        if (batch.lastSeq.value() > durable)
            m_violations += "released a batch up to seq " + std::to_string(batch.lastSeq.value())
                            + " while only " + std::to_string(durable) + " was durable\n";
        if (batch.lastSeq < m_lastReleased)
            m_violations += "batches released out of order\n";
        m_lastReleased = batch.lastSeq;
        for (auto &item : batch.items) {
            const Seq seq = seqOf(item);
            if (seq.value() > durable)
                m_violations += "released an output of seq " + std::to_string(seq.value())
                                + " while only " + std::to_string(durable) + " was durable\n";
            if (std::holds_alternative<sequencer::out::Reply>(item))
                ++m_replies;
            m_items.push_back(std::move(item));
        }
        ++m_batches;
        m_changed.notify_all();
    }

    // Waits (generously: this is not a timing assertion) until `done` holds.
    bool waitUntil(const std::function<bool()> &done,
                   std::chrono::seconds limit = std::chrono::seconds(60))
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, done);
    }
    bool waitForReplies(std::size_t n)
    {
        return waitUntil([this, n] { return m_replies >= n; });
    }

    // Only inside a waitUntil() predicate, which runs with the lock held.
    const std::vector<sequencer::Output> &itemsUnlocked() const { return m_items; }

    std::vector<sequencer::Output> items() const
    {
        std::lock_guard lock(m_mutex);
        return m_items;
    }
    std::vector<sequencer::out::Reply> replies() const
    {
        std::lock_guard lock(m_mutex);
        std::vector<sequencer::out::Reply> out;
        for (const auto &item : m_items) {
            if (const auto *r = std::get_if<sequencer::out::Reply>(&item))
                out.push_back(*r);
        }
        return out;
    }
    std::string violations() const
    {
        std::lock_guard lock(m_mutex);
        return m_violations;
    }
    std::size_t batches() const
    {
        std::lock_guard lock(m_mutex);
        return m_batches;
    }

    // The seq an output carries, or 0 when it carries none.
    static Seq seqOf(const sequencer::Output &item)
    {
        if (const auto *r = std::get_if<sequencer::out::Reply>(&item)) {
            if (const auto *u = std::get_if<proto::OrderUpdate>(&r->message))
                return u->seq;
            return Seq{};
        }
        if (const auto *o = std::get_if<sequencer::out::OrderChanged>(&item))
            return o->seq;
        if (const auto *t = std::get_if<sequencer::out::TradeExecuted>(&item))
            return t->seq;
        return Seq{};
    }

private:
    const RecordingJournal &m_journal;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<sequencer::Output> m_items;
    std::size_t m_replies = 0;
    std::size_t m_batches = 0;
    Seq m_lastReleased{};
    std::string m_violations;
};

} // namespace bwx::test
