#pragma once
#include "bwx/app/config.h"

namespace bwx::app {

// Runs the exchange until SIGINT/SIGTERM (exit code 0) or a journal failure (non-zero).
// Start-up: open the journal, recover (snapshot + tail), start the sequencer and the server,
// then print exactly one line "bwxd: listening on HOST:PORT" on stdout.
int runDaemon(const Config &config);

// --verify-journal: replays the whole journal, then the latest snapshot plus the tail, prints
// both results and returns non-zero when the journal is damaged or the two disagree.
int verifyJournal(const Config &config);

} // namespace bwx::app
