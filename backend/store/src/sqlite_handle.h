#pragma once
// Thin RAII over the SQLite C API: every failure becomes a JournalError carrying SQLite's own
// message and extended code, so an operator sees "disk I/O error (code 778)" and not "failed".
#include <memory>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace bwx::store::sqlite {

struct DbCloser
{
    void operator()(sqlite3 *db) const noexcept { sqlite3_close_v2(db); }
};
struct StatementFinalizer
{
    void operator()(sqlite3_stmt *s) const noexcept { sqlite3_finalize(s); }
};
using Database = std::unique_ptr<sqlite3, DbCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Throws JournalError "<what>: <sqlite message> (code N)".
[[noreturn]] void fail(sqlite3 *db, const std::string &what);

Statement prepare(sqlite3 *db, std::string_view sql);
void exec(sqlite3 *db, const char *sql, const char *what);
// Steps once; returns true for a row, false when done, throws on anything else.
bool step(sqlite3 *db, sqlite3_stmt *stmt, const char *what);

// Resets a cached statement on scope exit so it never holds a read snapshot or a lock after use.
class StatementScope
{
public:
    explicit StatementScope(sqlite3_stmt *stmt)
        : m_stmt(stmt)
    {}
    ~StatementScope()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    StatementScope(const StatementScope &) = delete;
    StatementScope &operator=(const StatementScope &) = delete;

private:
    sqlite3_stmt *m_stmt;
};

} // namespace bwx::store::sqlite
