#pragma once
// A store::Journal that forwards to a real one and remembers what was made durable, so a test
// can check that nothing is released before the journal holds it. It can also be told to fail
// the n-th append, the way a full disk or a failed fsync would.
#include "bwx/store/journal.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace bwx::test {

class RecordingJournal final : public store::Journal
{
public:
    explicit RecordingJournal(store::Journal &inner)
        : m_inner(inner)
        , m_durable(inner.lastSeq().value())
    {}

    // 0 = never fail.
    void failAppendNumber(std::uint64_t n) { m_failAt = n; }

    Seq lastSeq() const override { return m_inner.lastSeq(); }
    void append(const store::JournalBatch &batch) override
    {
        const std::uint64_t n = ++m_appends;
        if (n == m_failAt) {
            m_failedFirst = batch.firstSeq().value();
            throw store::JournalError("injected failure of append " + std::to_string(n));
        }
        m_inner.append(batch);
        {
            std::lock_guard lock(m_mutex);
            m_batchSizes.push_back(batch.count());
        }
        m_durable = batch.lastSeq().value();
    }
    bool replay(Seq after,
                const std::function<void(const store::JournalRecord &)> &fn,
                std::string &error) override
    {
        return m_inner.replay(after, fn, error);
    }
    void saveSnapshot(Seq seq, std::span<const std::uint8_t> bytes) override
    {
        if (seq.value() > m_durable.load())
            m_snapshotAheadOfJournal = true;
        m_inner.saveSnapshot(seq, bytes);
        m_snapshots.fetch_add(1);
    }
    std::optional<store::Snapshot> latestSnapshot() override { return m_inner.latestSnapshot(); }
    std::uint64_t batchCount() const override { return m_inner.batchCount(); }

    std::uint64_t durable() const { return m_durable.load(); }
    std::uint64_t failedFirstSeq() const { return m_failedFirst.load(); }
    std::uint64_t snapshotsSaved() const { return m_snapshots.load(); }
    bool snapshotAheadOfJournal() const { return m_snapshotAheadOfJournal.load(); }
    std::vector<std::size_t> batchSizes() const
    {
        std::lock_guard lock(m_mutex);
        return m_batchSizes;
    }

private:
    store::Journal &m_inner;
    std::atomic<std::uint64_t> m_durable;
    std::atomic<std::uint64_t> m_appends{0};
    std::atomic<std::uint64_t> m_failAt{0};
    std::atomic<std::uint64_t> m_failedFirst{0};
    std::atomic<std::uint64_t> m_snapshots{0};
    std::atomic<bool> m_snapshotAheadOfJournal{false};
    mutable std::mutex m_mutex;
    std::vector<std::size_t> m_batchSizes;
};

} // namespace bwx::test
