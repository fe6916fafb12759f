#pragma once

class QTableView;

namespace bwx::terminal {

// The look every table in the terminal shares: whole-row selection, compact rows, no row
// numbers, movable columns, and a header context menu to show or hide columns. `objectName`
// names the table's saved header state.
void setUpTable(QTableView *table, const char *objectName);

} // namespace bwx::terminal
