#include "bwx/market/engine.h"
#include "bwx/proto/codec.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/store/journal.h"
#include "command_types.h"

#include <cstdio>

namespace bwx::sequencer {
namespace {

// Thrown from inside the replay callback to stop at the first bad record.
struct StopReplay
{
    std::string error;
};

std::string typeText(std::uint16_t type)
{
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%04x", static_cast<unsigned>(type));
    return std::string(proto::name(static_cast<proto::MessageType>(type))) + " (" + hex + ")";
}

} // namespace

RecoveryResult recover(store::Journal &journal, bool useSnapshot)
{
    return recover(journal, useSnapshot, market::EngineConfig{});
}

RecoveryResult recover(store::Journal &journal, bool useSnapshot, const market::EngineConfig &config)
{
    RecoveryResult result;
    Recovery &recovery = result.recovery;
    try {
        std::optional<store::Snapshot> snapshot;
        if (useSnapshot)
            snapshot = journal.latestSnapshot();
        if (snapshot) {
            auto loaded = market::Engine::loadSnapshot(snapshot->bytes, config);
            if (!loaded) {
                result.error = "snapshot at seq " + std::to_string(snapshot->seq.value())
                               + " cannot be loaded: " + loaded.error();
                return result;
            }
            recovery.engine = std::move(loaded.value());
            if (recovery.engine->lastSeq() != snapshot->seq) {
                result.error = "snapshot stored at seq " + std::to_string(snapshot->seq.value())
                               + " holds the market at seq "
                               + std::to_string(recovery.engine->lastSeq().value());
                return result;
            }
            recovery.snapshotSeq = snapshot->seq;
        } else {
            recovery.engine = std::make_unique<market::Engine>(config);
        }

        market::NullEvents none;
        market::Engine &engine = *recovery.engine;
        std::string error;
        bool ok = false;
        try {
            ok = journal.replay(
                recovery.snapshotSeq,
                [&](const store::JournalRecord &rec) {
                    auto decoded = proto::decodeBody(rec.type, rec.body);
                    const std::string where = "journal seq " + std::to_string(rec.seq.value())
                                              + ", " + typeText(rec.type);
                    if (!decoded.ok)
                        throw StopReplay{where + ": the body does not decode: " + decoded.error};
                    if (!isJournaledCommand(proto::typeOf(decoded.message)))
                        throw StopReplay{where + ": not a command"};
                    engine.apply(
                        market::Command{rec.seq, rec.time, rec.member, std::move(decoded.message)},
                        none);
                    ++recovery.replayed;
                },
                error);
        } catch (const StopReplay &stop) {
            result.error = stop.error;
            return result;
        }
        if (!ok) {
            result.error = error;
            return result;
        }
        if (engine.lastSeq() != journal.lastSeq()) {
            result.error = "after replay the market is at seq "
                           + std::to_string(engine.lastSeq().value()) + ", the journal ends at "
                           + std::to_string(journal.lastSeq().value());
            return result;
        }
    } catch (const std::exception &e) {
        result.error = std::string("recovery failed: ") + e.what();
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace bwx::sequencer
