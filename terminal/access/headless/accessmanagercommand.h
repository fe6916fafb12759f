#pragma once
// bwx-terminal --access-manager RULES [--dry-run] [--json]: the access manager without a
// window, for scripts and tests. It runs on a QCoreApplication (no display, no widget), connects
// with the usual certificate options, runs one cycle, prints what it decided (and, without
// --dry-run, what it sent and what the exchange answered) and exits.
//
// Exit codes: 0 the cycle ran (whatever it decided); 2 bad command line or rules file; 3 the
// exchange could not be reached or refused the session; 4 the exchange did not answer in time;
// 5 the audit log cannot be written (nothing is sent without it).

namespace bwx::access {

// True when the arguments ask for the headless access manager; main() checks this before it
// creates a QApplication.
bool isAccessManagerCommand(int argc, char *argv[]);
int runAccessManagerCommand(int argc, char *argv[], const char *version);

} // namespace bwx::access
